package io.quiver.adapter.out.storage.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.ScalarVectorMath;
import io.quiver.domain.vector.Scoring;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Float vectors in a mapped file: chunking, scoring, checksums and reopening. */
class MappedFloatVectorsTest {

    private static final Scoring SCORING = new Scoring(new ScalarVectorMath());
    private static final int DIM = 7;
    /** Four vectors per chunk, so that the vectors spread over several chunks. */
    private static final long SMALL_CHUNKS = 4L * DIM * Float.BYTES;

    @TempDir
    Path dir;

    @Test
    void vectorsReadBackAcrossChunksAndScoreAsOnTheHeap() throws IOException {
        MappedFloatVectors mapped = MappedFloatVectors.create(dir.resolve("a.1.f32"), DIM, SMALL_CHUNKS);
        HeapFloatVectors heap = new HeapFloatVectors(DIM);
        float[][] vectors = random(20, 1);
        for (int ord = 0; ord < vectors.length; ord++) {
            mapped.write(ord, vectors[ord]);
            heap.write(ord, vectors[ord]);
        }
        assertThat(mapped.heapBytes()).isZero();
        assertThat(mapped.mappedBytes()).isEqualTo(5 * SMALL_CHUNKS); // 20 vectors in chunks of 4
        float[] query = random(1, 2)[0];
        for (Distance distance : Distance.values()) {
            FloatVectors.QueryScorer fromFile = mapped.scorer(SCORING, distance, query);
            FloatVectors.QueryScorer fromHeap = heap.scorer(SCORING, distance, query);
            for (int ord = 0; ord < vectors.length; ord++) {
                assertThat(fromFile.score(ord)).isEqualTo(fromHeap.score(ord));
            }
        }
        float[] read = new float[DIM];
        for (int ord = 0; ord < vectors.length; ord++) {
            mapped.read(ord, read);
            assertThat(read).containsExactly(vectors[ord]);
            assertThat(mapped.matches(ord, vectors[ord])).isTrue();
            assertThat(mapped.matches(ord, vectors[(ord + 1) % vectors.length])).isFalse();
        }
        assertThatThrownBy(() -> mapped.write(25, vectors[0])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reopeningChecksTheVectorsAndContinuesAfterThem() throws IOException {
        Path file = dir.resolve("b.1.f32");
        float[][] vectors = random(12, 3);
        MappedFloatVectors first = MappedFloatVectors.create(file, DIM, SMALL_CHUNKS);
        for (int ord = 0; ord < 10; ord++) {
            first.write(ord, vectors[ord]);
        }
        first.force(10);
        int checksumAt8 = checksumOf(vectors, 8);
        // written after the persisted count: overwritten when the reopened store goes on
        MappedFloatVectors reopened = MappedFloatVectors.open(file, DIM, 8, checksumAt8, 1 << 20);
        float[] read = new float[DIM];
        reopened.read(7, read);
        assertThat(read).containsExactly(vectors[7]);
        reopened.write(8, vectors[11]);
        assertThat(reopened.checksum()).isEqualTo(checksumOf(new float[][] {vectors[0], vectors[1], vectors[2],
                vectors[3], vectors[4], vectors[5], vectors[6], vectors[7], vectors[11]}, 9));

        assertThatThrownBy(() -> MappedFloatVectors.open(file, DIM, 8, checksumAt8 + 1))
                .isInstanceOf(IOException.class).hasMessageContaining("does not hold");
        assertThatThrownBy(() -> MappedFloatVectors.open(dir.resolve("missing.1.f32"), DIM, 1, 0))
                .isInstanceOf(IOException.class);
        Path truncated = dir.resolve("c.1.f32");
        try (FileChannel channel = FileChannel.open(truncated, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(DIM * Float.BYTES * 2));
        }
        assertThatThrownBy(() -> MappedFloatVectors.open(truncated, DIM, 3, 0))
                .isInstanceOf(IOException.class).hasMessageContaining("holds");
    }

    @Test
    void creatingReplacesAnOldFile() throws IOException {
        Path file = dir.resolve("d.1.f32");
        Files.write(file, new byte[1000]);
        MappedFloatVectors fresh = MappedFloatVectors.create(file, DIM);
        assertThat(fresh.checksum()).isEqualTo(checksumOf(new float[0][], 0));
        assertThat(Files.size(file)).isZero();
    }

    private static int checksumOf(float[][] vectors, int count) throws IOException {
        Path scratch = Files.createTempFile("crc", ".f32");
        try {
            MappedFloatVectors reference = MappedFloatVectors.create(scratch, DIM);
            for (int ord = 0; ord < count; ord++) {
                reference.write(ord, vectors[ord]);
            }
            return reference.checksum();
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    private static float[][] random(int n, long seed) {
        Random random = new Random(seed);
        float[][] vectors = new float[n][DIM];
        for (float[] v : vectors) {
            for (int i = 0; i < DIM; i++) {
                v[i] = (float) random.nextGaussian();
            }
        }
        return vectors;
    }
}
