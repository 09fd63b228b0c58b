package io.quiver.adapter.out.storage.mvstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.PointStore;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restoring keeps each point's version, and moving a collection's folder keeps its data (even while open). */
class MvStorePointStoreRestoreTest {

    @TempDir
    Path temp;

    @Test
    void restoreKeepsVersionsAndMoveKeepsData() {
        MvStorePointStorePort port = new MvStorePointStorePort(temp);
        PointStore staged = port.open("\u0000staging");
        List<Point> points = List.of(
                new Point(PointId.of(1), Map.of("", new VectorData.Dense(new float[] {1, 2})), PayloadMother.empty(), 7),
                new Point(PointId.of(2), Map.of(), PayloadMother.json("{\"a\": 1}"), 3));
        staged.restore(points, 9);
        assertThat(staged.lastOperationId()).isEqualTo(9);
        staged.close();

        PointStore old = port.open("docs");
        old.write(List.of(new PointStore.PointWrite.Put(points.get(0))), 1);
        port.move("docs", "\u0000retired");
        assertThat(old.get(PointId.of(1))).isPresent(); // still readable where it went
        port.move("\u0000staging", "docs");
        old.close();
        port.drop("\u0000retired");
        assertThat(Files.exists(port.folderOf("\u0000retired"))).isFalse();

        PointStore reopened = port.open("docs");
        List<Point> read = new ArrayList<>();
        reopened.scan(null, read::add);
        assertThat(read).isEqualTo(points);
        assertThat(read).extracting(Point::version).containsExactly(7L, 3L);
        assertThat(reopened.lastOperationId()).isEqualTo(9);
        reopened.close();
    }

    @Test
    void foldersLeftBehindByAnInterruptedRecoveryAreDeletedAtStart() {
        MvStorePointStorePort port = new MvStorePointStorePort(temp);
        port.open("\u0000staging-1").close();
        PointStore kept = port.open("docs");
        kept.write(List.of(new PointStore.PointWrite.Put(new Point(PointId.of(1), Map.of(), PayloadMother.empty()))), 1);
        kept.close();

        MvStorePointStorePort restarted = new MvStorePointStorePort(temp);

        assertThat(Files.exists(restarted.folderOf("\u0000staging-1"))).isFalse();
        PointStore docs = restarted.open("docs");
        assertThat(docs.count()).isEqualTo(1);
        docs.close();
    }

    @Test
    void damagedPointBytesFailAsTruncatedWithoutHugeAllocations() {
        byte[] bytes = io.quiver.adapter.out.storage.codec.PointCodec.encode(
                new Point(PointId.of(1), Map.of("v", new VectorData.Dense(new float[] {1, 2, 3})), PayloadMother.empty()));
        // the vector name's length field (after version byte, 8-byte version, 4-byte count): claim 2 GB
        byte[] lying = bytes.clone();
        lying[13] = (byte) 0xFF;
        lying[14] = (byte) 0xFF;
        lying[15] = (byte) 0xFF;
        lying[16] = (byte) 0x7F;
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> io.quiver.adapter.out.storage.codec.PointCodec.decode(PointId.of(1), lying))
                .isInstanceOf(io.quiver.domain.error.InternalException.class).hasMessageContaining("truncated");
    }
}
