package io.quiver.benchmarks.recall;

import java.util.Arrays;

/** Quality and latency arithmetic shared by both targets. */
final class Recall {

    private Recall() {
    }

    /** |returned[:k] ∩ truth[:k]|. */
    static int hits(int[] returned, int[] truth, int k) {
        int limit = Math.min(k, truth.length);
        int hits = 0;
        for (int i = 0; i < Math.min(k, returned.length); i++) {
            for (int j = 0; j < limit; j++) {
                if (returned[i] == truth[j]) {
                    hits++;
                    break;
                }
            }
        }
        return hits;
    }

    /**
     * recall@k: mean over queries of |returned ∩ truth top-k| / min(k, |truth|) (the exact answer may hold
     * fewer than k points under a filter). Queries with an empty exact answer are skipped.
     */
    static double recall(int[][] returned, int[][] truth, int k) {
        double sum = 0;
        int counted = 0;
        for (int q = 0; q < returned.length; q++) {
            int expected = Math.min(k, truth[q].length);
            if (expected == 0) {
                continue;
            }
            sum += hits(returned[q], truth[q], k) / (double) expected;
            counted++;
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /**
     * precision: mean over queries of |returned ∩ truth top-k| / |returned| — the share of what came back
     * that is a true top-k neighbour (vector-db-benchmark's "precision" divides by the limit instead, which
     * equals recall@k whenever the engine returns a full page). Queries that returned nothing count as 0.
     */
    static double precision(int[][] returned, int[][] truth, int k) {
        double sum = 0;
        for (int q = 0; q < returned.length; q++) {
            int n = Math.min(k, returned[q].length);
            sum += n == 0 ? 0 : hits(returned[q], truth[q], k) / (double) n;
        }
        return sum / returned.length;
    }

    static double meanLength(int[][] rows) {
        return Arrays.stream(rows).mapToInt(r -> r.length).average().orElse(0);
    }

    /** Nearest-rank percentile of sorted nanosecond latencies, in milliseconds. */
    static double percentileMs(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.min(sortedNanos.length, Math.max(1, rank)) - 1] / 1e6;
    }

    static double meanMs(long[] nanos) {
        return Arrays.stream(nanos).average().orElse(Double.NaN) / 1e6;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
