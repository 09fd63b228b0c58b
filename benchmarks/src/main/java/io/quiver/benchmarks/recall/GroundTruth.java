package io.quiver.benchmarks.recall;

import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.Scoring;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Exact nearest neighbours by brute force, on the project's own kernels ({@link Scoring} over
 * {@code VectorMathProvider.best()}), spread over a thread pool. Vectors must already be preprocessed
 * for the metric (normalised for Cosine). Ties are broken by the lower id, as in the dataset files.
 */
final class GroundTruth {

    private GroundTruth() {
    }

    /**
     * For each query, the ids of the best {@code k} base rows among those {@code filterOf.apply(query)}
     * accepts (null predicate: all), best first; fewer when fewer pass.
     */
    static int[][] compute(Scoring scoring, Distance distance, float[] flatBase, int dim, float[][] queries, int k,
                           IntFunction<IntPredicate> filterOf, int threads) throws Exception {
        int n = flatBase.length / dim;
        int[][] result = new int[queries.length][];
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads))) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < Math.max(1, threads); t++) {
                futures.add(pool.submit(() -> {
                    int q;
                    while ((q = next.getAndIncrement()) < queries.length) {
                        IntPredicate accept = filterOf == null ? null : filterOf.apply(q);
                        result[q] = topK(scoring, distance, flatBase, dim, n, queries[q], k, accept);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return result;
    }

    private static int[] topK(Scoring scoring, Distance distance, float[] data, int dim, int n, float[] query, int k,
                              IntPredicate accept) {
        int[] ids = new int[k];
        float[] scores = new float[k];
        int size = 0;
        for (int id = 0; id < n; id++) {
            if (accept != null && !accept.test(id)) {
                continue;
            }
            float s = scoring.score(distance, query, data, id * dim);
            // ids arrive ascending, so an equal score never displaces an earlier (lower) id
            if (size == k && Scoring.compareBestFirst(distance, s, scores[k - 1]) >= 0) {
                continue;
            }
            int pos = size == k ? k - 1 : size++;
            while (pos > 0 && Scoring.compareBestFirst(distance, s, scores[pos - 1]) < 0) {
                ids[pos] = ids[pos - 1];
                scores[pos] = scores[pos - 1];
                pos--;
            }
            ids[pos] = id;
            scores[pos] = s;
        }
        return Arrays.copyOf(ids, size);
    }

    /** Mean of |a[q][:k] ∩ b[q][:k]| / min(k, |b[q]|): how well two neighbour lists agree. */
    static double agreement(int[][] a, int[][] b, int k) {
        double sum = 0;
        for (int q = 0; q < a.length; q++) {
            sum += Recall.hits(a[q], b[q], k) / (double) Math.max(1, Math.min(k, b[q].length));
        }
        return sum / a.length;
    }
}
