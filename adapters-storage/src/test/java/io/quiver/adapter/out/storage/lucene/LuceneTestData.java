package io.quiver.adapter.out.storage.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.ScalarVectorMath;
import io.quiver.domain.vector.Scoring;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.assertj.core.data.Offset;

/**
 * Test data and checks for the Lucene adapter's tests: Gaussian clusters (the shape of real embeddings),
 * a brute-force reference in double precision, result-shape assertions and bounded polling.
 */
final class LuceneTestData {

    static final Scoring SCORING = new Scoring(new ScalarVectorMath());

    final float[][] vectors;
    final float[][] queries;

    private LuceneTestData(float[][] vectors, float[][] queries) {
        this.vectors = vectors;
        this.queries = queries;
    }

    /** {@code n} points and {@code q} queries around {@code clusters} centres, preprocessed for {@code distance}. */
    static LuceneTestData clustered(long seed, int n, int q, int dim, int clusters, Distance distance) {
        Random random = new Random(seed);
        float[][] centres = new float[clusters][dim];
        for (float[] c : centres) {
            for (int i = 0; i < dim; i++) {
                c[i] = (float) random.nextGaussian();
            }
        }
        float[][] vectors = new float[n][];
        for (int p = 0; p < n; p++) {
            vectors[p] = around(centres[random.nextInt(clusters)], random, distance);
        }
        float[][] queries = new float[q][];
        for (int p = 0; p < q; p++) {
            queries[p] = around(centres[random.nextInt(clusters)], random, distance);
        }
        return new LuceneTestData(vectors, queries);
    }

    private static float[] around(float[] centre, Random random, Distance distance) {
        float[] v = new float[centre.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = centre[i] + (float) (0.35 * random.nextGaussian());
        }
        return SCORING.preprocess(distance, v);
    }

    static PointId id(int i) {
        return PointId.of(i);
    }

    static int number(PointId id) {
        return (int) ((PointId.NumericId) id).value();
    }

    void upsertAll(VectorIndex index, long version) {
        for (int i = 0; i < vectors.length; i++) {
            index.upsert(id(i), vectors[i], version);
        }
    }

    // ------------------------------------------------------------------------- brute force

    /** Qdrant's score in double precision. */
    static double reference(Distance distance, float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i];
            double y = b[i];
            sum += switch (distance) {
                case COSINE, DOT -> x * y;
                case EUCLID -> (x - y) * (x - y);
                case MANHATTAN -> Math.abs(x - y);
            };
        }
        return distance == Distance.EUCLID ? Math.sqrt(sum) : sum;
    }

    /** The exact top {@code k} ids of {@code stored} passing {@code keep}, by the double-precision reference. */
    static List<PointId> bruteForce(Distance distance, Map<PointId, float[]> stored, float[] query, int k,
                                    Predicate<PointId> keep) {
        Comparator<Map.Entry<PointId, Double>> byScore = Map.Entry.comparingByValue();
        if (distance.higherIsBetter()) {
            byScore = byScore.reversed();
        }
        return stored.entrySet().stream()
                .filter(e -> keep == null || keep.test(e.getKey()))
                .map(e -> Map.entry(e.getKey(), reference(distance, query, e.getValue())))
                .sorted(byScore.thenComparing(Map.Entry.comparingByKey()))
                .limit(k)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Fraction of {@code truth} found in {@code hits} (1 when there is no truth to find). */
    static double recall(List<PointId> truth, List<ScoredId> hits) {
        if (truth.isEmpty()) {
            return 1.0;
        }
        Set<PointId> found = new HashSet<>();
        hits.forEach(hit -> found.add(hit.id()));
        return (double) truth.stream().filter(found::contains).count() / truth.size();
    }

    // ------------------------------------------------------------------------------ checks

    /** Best first with ties by id (the index's order), and no id twice. */
    static void assertBestFirstAndDistinct(Distance distance, List<ScoredId> hits) {
        Set<PointId> seen = new HashSet<>();
        for (int i = 0; i < hits.size(); i++) {
            assertThat(seen.add(hits.get(i).id())).as("%s returned twice in %s", hits.get(i).id(), hits).isTrue();
            if (i > 0) {
                ScoredId previous = hits.get(i - 1);
                ScoredId hit = hits.get(i);
                int order = Scoring.compareBestFirst(distance, previous.score(), hit.score());
                assertThat(order < 0 || order == 0 && previous.id().compareTo(hit.id()) < 0)
                        .as("%s ranks before %s", previous, hit).isTrue();
            }
        }
    }

    /** Every hit is a stored point, scored (within float rounding) against its current vector. */
    static void assertReferenceScores(Distance distance, Map<PointId, float[]> stored, float[] query,
                                      List<ScoredId> hits) {
        for (ScoredId hit : hits) {
            assertThat(stored).as("hit %s is stored", hit.id()).containsKey(hit.id());
            double expected = reference(distance, query, stored.get(hit.id()));
            assertThat((double) hit.score()).as("score of %s", hit.id())
                    .isCloseTo(expected, Offset.offset(1e-4 * Math.max(1, Math.abs(expected))));
        }
    }

    /** Every hit's score is bit for bit what {@link VectorIndex#searchExact} gives that point. */
    static void assertScoresAreExact(VectorIndex index, float[] query, List<ScoredId> hits) {
        for (ScoredId hit : hits) {
            List<ScoredId> exact = index.searchExact(query, 1, Set.of(hit.id()), null);
            assertThat(exact).as("exact search for %s", hit.id()).hasSize(1);
            assertThat(hit.score()).as("score of %s", hit.id()).isEqualTo(exact.getFirst().score());
        }
    }

    // ------------------------------------------------------------------------ background work

    /** Polls (bounded) until the background work is done and every vector is in the graph. */
    static void awaitIndexed(VectorIndex index) {
        await(() -> index.upToDate() && index.indexedCount() == index.size(), "index caught up");
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /**
     * Collects what the index logs at WARNING and above. The index falls back to an exact scan when a
     * graph search throws and stops indexing when background work throws, logging either: a test that
     * wants to see such failures instead of the fallback asserts that nothing was logged.
     */
    static final class LoggedWarnings implements AutoCloseable {
        private final Logger logger = Logger.getLogger(LuceneVectorIndex.class.getName());
        private final Queue<String> messages = new ConcurrentLinkedQueue<>();
        private final Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    Object[] parameters = record.getParameters();
                    messages.add(record.getMessage() + " " + (parameters == null ? "" : List.of(parameters)));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        LoggedWarnings() {
            logger.addHandler(handler);
        }

        List<String> messages() {
            return List.copyOf(messages);
        }

        @Override
        public void close() {
            logger.removeHandler(handler);
        }
    }

    /** An executor that runs queued background slices only when the test asks. */
    static final class ManualExecutor implements Executor {
        private final Queue<Runnable> queued = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        boolean isEmpty() {
            return queued.isEmpty();
        }

        /** Runs the next queued slice, if any; false when there was none. */
        boolean runOne() {
            Runnable task = queued.poll();
            if (task == null) {
                return false;
            }
            task.run();
            return true;
        }

        /** Runs slices (and the ones they queue) until none is left. */
        void runAll() {
            Runnable task;
            while ((task = queued.poll()) != null) {
                task.run();
            }
        }
    }
}
