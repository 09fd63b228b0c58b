package io.quiver.adapter.out.storage.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code indexed_only} on the HNSW index, with background work run by hand so that "not indexed yet" is
 * a state the test controls: points waiting for the graph are skipped, by the graph search and by its
 * exact fallbacks alike.
 */
class HnswIndexedOnlyTest {

    private static final int DIM = 8;

    /** Runs queued background slices only when asked. */
    private final Queue<Runnable> queued = new ArrayDeque<>();
    private final Executor manual = queued::add;
    private HnswVectorIndex index;

    @AfterEach
    void close() {
        if (index != null) {
            index.close();
        }
    }

    private HnswVectorIndex open(int m) {
        index = HnswVectorIndex.open(new VectorIndexSpec(DIM, Distance.EUCLID, m, 32), "test/indexed-only", null,
                manual, HnswVectorIndex.Tuning.DEFAULTS);
        return index;
    }

    private void runBackgroundWork() {
        Runnable task;
        while ((task = queued.poll()) != null) {
            task.run();
        }
        assertThat(index.upToDate()).isTrue();
    }

    private static float[] at(float x) {
        float[] v = new float[DIM];
        v[0] = x;
        return v;
    }

    @Test
    void pointsWaitingForTheGraphAreSkipped() {
        open(16);
        for (int i = 0; i < 200; i++) {
            index.upsert(PointId.of(i), at(i), 1);
        }
        // nothing indexed yet: an indexed-only search finds nothing, a normal one finds everything
        assertThat(index.indexedCount()).isZero();
        assertThat(index.searchIndexed(at(10), 5, 32, null)).isEmpty();
        assertThat(index.searchGraph(at(10), 1, 32, null)).extracting(ScoredId::id).containsExactly(PointId.of(10));

        runBackgroundWork();
        assertThat(index.searchIndexed(at(10), 1, 32, null)).extracting(ScoredId::id).containsExactly(PointId.of(10));

        // new, moved and removed points, not applied to the graph yet
        index.upsert(PointId.of(1000), at(50.25f), 2);
        index.upsert(PointId.of(51), at(-500), 2); // moved far away: its old position must not answer
        index.remove(PointId.of(50));
        List<ScoredId> near50 = index.searchIndexed(at(50.25f), 3, 32, null);
        assertThat(near50).extracting(ScoredId::id).containsExactly(PointId.of(49), PointId.of(52), PointId.of(48));
        assertThat(index.searchGraph(at(50.25f), 3, 32, null)).extracting(ScoredId::id)
                .containsExactly(PointId.of(1000), PointId.of(49), PointId.of(52));
        // a filter letting only pending points through leaves nothing, even once the search turns exact
        assertThat(index.searchIndexed(at(0), 5, 32, id -> id.equals(PointId.of(1000)) || id.equals(PointId.of(51))))
                .isEmpty();

        runBackgroundWork();
        assertThat(index.searchIndexed(at(50.25f), 2, 32, null)).extracting(ScoredId::id)
                .containsExactly(PointId.of(1000), PointId.of(49));
        assertThat(index.searchIndexed(at(-500), 1, 32, null)).extracting(ScoredId::id).containsExactly(PointId.of(51));
    }

    @Test
    void withoutAGraphEveryVectorCountsAsIndexed() {
        open(0);
        Random random = new Random(1);
        for (int i = 0; i < 100; i++) {
            index.upsert(PointId.of(i), at(random.nextFloat() * 100), 1);
        }
        assertThat(queued).isEmpty();
        float[] q = at(42);
        assertThat(index.searchIndexed(q, 10, 32, null)).isEqualTo(index.searchExact(q, 10, null, null));
    }
}
