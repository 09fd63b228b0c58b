package io.quiver.benchmarks.recall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs every query through a {@link Searcher} at each (filter, threads, ef) point. Per (filter, threads):
 * {@code warmup} untimed passes over every ef value, then {@code runs} rounds of one timed pass per ef
 * value (round-robin, so noise on a shared machine is spread over all points). Before each timed pass
 * it waits (up to {@code quietWait} s) until other processes use less than {@code quietThreshold} cores,
 * and it records how many cores they used during the pass. A pass hands the queries out one at a time to
 * {@code threads} worker threads (closed loop: each sends its next query when the previous answer is
 * back); QPS = queries / wall time of the pass, latency = time around one call as the caller sees it.
 */
final class Sweep {

    /** One search as a target performs it; returns the ids found, best first. */
    interface Searcher {
        int[] search(int query, Ef ef, FilterCase filter) throws Exception;
    }

    /** A beam width, or an exact search (no graph). */
    record Ef(String label, int value, boolean exact) {
        static Ef parse(String text) {
            String t = text.trim();
            return t.equalsIgnoreCase("exact") ? new Ef("exact", 0, true) : new Ef(t, Integer.parseInt(t), false);
        }
    }

    /** The measurements at one point of the sweep. */
    record Point(FilterCase filter, int threads, Ef ef, double recall, double precision, double meanReturned,
                 double[] qpsRuns, double[] otherCoresRuns, double meanMs, double p50Ms, double p95Ms, double p99Ms,
                 double maxMs) {
        double qpsMedian() {
            return Recall.median(qpsRuns);
        }

        double qpsMin() {
            return Arrays.stream(qpsRuns).min().orElse(Double.NaN);
        }

        double qpsMax() {
            return Arrays.stream(qpsRuns).max().orElse(Double.NaN);
        }
    }

    private Sweep() {
    }

    static List<Point> run(Searcher searcher, int queryCount, List<FilterCase> filters, List<Integer> threadCounts,
                           List<Ef> efs, int k, int warmup, int runs, double quietWait, double quietThreshold,
                           java.util.function.Function<FilterCase, int[][]> truthOf) throws Exception {
        List<Point> points = new ArrayList<>();
        for (FilterCase filter : filters) {
            int[][] truth = truthOf.apply(filter);
            for (int threads : threadCounts) {
                // warm-up: every ef of the sweep, so that the JIT has seen all beam widths before any timing
                for (int w = 0; w < warmup; w++) {
                    for (Ef ef : efs) {
                        pass(searcher, queryCount, filter, threads, ef);
                    }
                    progress("filter=%s threads=%d warm-up pass %d/%d done", filter.key(), threads, w + 1, warmup);
                }
                // timed passes round-robin over the ef values, so that load bursts on a shared machine
                // spread over all points instead of hitting one
                double[][] qps = new double[efs.size()][runs];
                double[][] other = new double[efs.size()][runs];
                long[][] latencies = new long[efs.size()][runs * queryCount];
                int[][][] firstAnswers = new int[efs.size()][][];
                for (int r = 0; r < runs; r++) {
                    for (int e = 0; e < efs.size(); e++) {
                        Ef ef = efs.get(e);
                        double waited = CpuMonitor.awaitQuiet(quietWait, quietThreshold);
                        CpuMonitor.Snapshot before = CpuMonitor.now();
                        Pass pass = pass(searcher, queryCount, filter, threads, ef);
                        other[e][r] = CpuMonitor.otherCores(before, CpuMonitor.now());
                        qps[e][r] = queryCount / pass.seconds();
                        System.arraycopy(pass.nanos(), 0, latencies[e], r * queryCount, queryCount);
                        double runRecall = Recall.recall(pass.answers(), truth, k);
                        if (r == 0) {
                            firstAnswers[e] = pass.answers();
                        }
                        progress("filter=%s threads=%d ef=%s run %d/%d: %.0f q/s, recall@%d %.4f; other processes %.2f cores%s",
                                filter.key(), threads, ef.label(), r + 1, runs, qps[e][r], k, runRecall, other[e][r],
                                waited < 0 ? " (machine never quiet)" : waited > 0 ? String.format(Locale.ROOT, " (waited %.1f s for quiet)", waited) : "");
                    }
                }
                for (int e = 0; e < efs.size(); e++) {
                    long[] lat = latencies[e];
                    Arrays.sort(lat);
                    int[][] answers = firstAnswers[e];
                    points.add(new Point(filter, threads, efs.get(e), Recall.recall(answers, truth, k),
                            Recall.precision(answers, truth, k), Recall.meanLength(answers), qps[e], other[e], Recall.meanMs(lat),
                            Recall.percentileMs(lat, 50), Recall.percentileMs(lat, 95),
                            Recall.percentileMs(lat, 99), lat[lat.length - 1] / 1e6));
                }
            }
        }
        return points;
    }

    private record Pass(double seconds, long[] nanos, int[][] answers) {
    }

    private static Pass pass(Searcher searcher, int queryCount, FilterCase filter, int threads, Ef ef) throws Exception {
        long[] nanos = new long[queryCount];
        int[][] answers = new int[queryCount][];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = Thread.ofPlatform().name("recall-search-" + t).unstarted(() -> {
                ready.countDown();
                try {
                    go.await();
                    int q;
                    while (failure.get() == null && (q = next.getAndIncrement()) < queryCount) {
                        long start = System.nanoTime();
                        int[] found = searcher.search(q, ef, filter);
                        nanos[q] = System.nanoTime() - start;
                        answers[q] = found;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("search failed: " + failure.get(), failure.get());
        }
        return new Pass(seconds, nanos, answers);
    }

    static void progress(String format, Object... args) {
        System.err.println("[recall] " + String.format(Locale.ROOT, format, args));
    }
}
