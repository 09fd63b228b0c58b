package io.quiver.adapter.out.storage.lucene;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.IORunnable;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Inserts a large backlog into a graph with several threads at once (Lucene's concurrent builder, which
 * locks neighbour lists node by node). The single-threaded builder would leave all but one core idle
 * during an initial load, when most of a collection is waiting for the graph and searches scan exactly
 * anyway; a 1M-vector upload is then indexed in a fraction of the time.
 *
 * @param threads    inserting threads; fewer than two disables bulk building
 * @param minBacklog the smallest backlog worth it, and never less than a quarter of the graph (a graph
 *                   that is mostly built keeps serving searches while the rest trickles in)
 * @param chunk      the most ordinals per bulk step, so that persisting and closing are not held up long
 */
record BulkGraphBuild(Executor executor, int threads, int minBacklog, int chunk) {

    BulkGraphBuild {
        Objects.requireNonNull(executor, "executor");
        if (minBacklog < 1 || chunk < 1) {
            throw new IllegalArgumentException("invalid bulk build settings");
        }
    }

    /** True when the ordinals from {@code graphCount} to {@code available} should be bulk-inserted. */
    boolean due(int graphCount, int available) {
        int backlog = available - graphCount;
        return threads >= 2 && backlog >= Math.max(minBacklog, graphCount / 4);
    }

    /** Where the next bulk step ends. */
    int end(int graphCount, int available) {
        return (int) Math.min(available, (long) graphCount + chunk);
    }

    /**
     * Inserts ordinals [{@code start}, {@code end}) into {@code graph}, which already holds [0, start). The
     * caller keeps searches off the graph meanwhile and has made room for node {@code end - 1}.
     */
    void insert(OnHeapHnswGraph graph, RandomVectorScorerSupplier scorers, int m, int beamWidth, int start, int end,
                IORunnable abortCheck) throws IOException {
        FixedBitSet initialized = new FixedBitSet(end);
        if (start > 0) {
            initialized.set(0, start);
        }
        HnswConcurrentMergeBuilder builder = new HnswConcurrentMergeBuilder(new TaskExecutor(executor), threads,
                scorers, m, beamWidth, graph, initialized);
        builder.setAbortCheck(abortCheck);
        builder.build(end);
    }
}
