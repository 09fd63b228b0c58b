package io.quiver.benchmarks.recall;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs every query through a {@link Searcher} at each (filter, threads, ef) point. Per (filter, threads):
 * {@code warmup} untimed passes over every ef value, then {@code runs} rounds of one timed pass per ef
 * value (round-robin, so noise on a shared machine is spread over all points). Before each timed pass
 * it waits (up to {@code quietWait} s) until other processes use less than {@code quietThreshold} cores,
 * and it records how many cores they used during the pass. A pass hands the queries out one at a time to
 * {@code threads} worker threads (closed loop: each sends its next query when the previous answer is
 * back); QPS = queries / wall time of the pass, latency = time around one call as the caller sees it.
 * CPU per query = the CPU time of the searching threads over the pass ({@link ThreadMXBean#getCurrentThreadCpuTime},
 * nanosecond resolution, from the go signal to the worker's last answer, summed over the workers) / queries;
 * the CPU time of the whole benchmark JVM over the pass (its GC and JIT threads included) is kept beside it.
 * A {@link PassProbe} (REST: {@link ServerTiming}, and {@link ServerCpu} with {@code --server-pid}) can
 * measure the server's own view of each timed pass.
 */
final class Sweep {

    /** One search as a target performs it; returns the ids found, best first. */
    interface Searcher {
        int[] search(int query, Ef ef, FilterCase filter) throws Exception;
    }

    /**
     * Measures something around each timed pass, outside its clock: {@link #beforePass} after the quiet
     * wait, {@link #afterPass} once the pass is over. Must not throw; a pass without a figure gets
     * {@link ServerPass#NONE}.
     */
    interface PassProbe {
        void beforePass();

        ServerPass afterPass(int requests);

        /**
         * This probe around {@code inner}: {@code inner} reads last before the pass and first after it, so
         * that it does not count this probe's own work (e.g. the server rendering {@code /metrics} for
         * {@link ServerTiming} stays outside {@link ServerCpu}'s window); the two figures are merged.
         */
        default PassProbe around(PassProbe inner) {
            PassProbe outer = this;
            return new PassProbe() {
                @Override
                public void beforePass() {
                    outer.beforePass();
                    inner.beforePass();
                }

                @Override
                public ServerPass afterPass(int requests) {
                    ServerPass in = inner.afterPass(requests);
                    return outer.afterPass(requests).merge(in);
                }
            };
        }
    }

    /**
     * The server's view of one pass: its mean latency per request (NaN when unknown), how many requests it
     * counted, and its process's CPU time per request sent in µs (NaN when unknown or without {@code --server-pid}),
     * with the part of it spent by the JIT compiler threads and by the GC threads.
     */
    record ServerPass(double meanMs, long requests, double cpuMicros, double jitCpuMicros, double gcCpuMicros) {
        static final ServerPass NONE = new ServerPass(Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN);

        static ServerPass timing(double meanMs, long requests) {
            return new ServerPass(meanMs, requests, Double.NaN, Double.NaN, Double.NaN);
        }

        static ServerPass cpu(double cpuMicros, double jitCpuMicros, double gcCpuMicros) {
            return new ServerPass(Double.NaN, 0, cpuMicros, jitCpuMicros, gcCpuMicros);
        }

        boolean measured() {
            return !Double.isNaN(meanMs);
        }

        boolean cpuMeasured() {
            return !Double.isNaN(cpuMicros);
        }

        /** This pass's figures, each group (timing, CPU) that is unknown here taken from {@code other}. */
        ServerPass merge(ServerPass other) {
            ServerPass t = measured() ? this : other;
            ServerPass c = cpuMeasured() ? this : other;
            return new ServerPass(t.meanMs, t.requests, c.cpuMicros, c.jitCpuMicros, c.gcCpuMicros);
        }
    }

    /** A beam width, or an exact search (no graph). */
    record Ef(String label, int value, boolean exact) {
        static Ef parse(String text) {
            String t = text.trim();
            return t.equalsIgnoreCase("exact") ? new Ef("exact", 0, true) : new Ef(t, Integer.parseInt(t), false);
        }
    }

    /**
     * The measurements at one point of the sweep. {@code meanMs} is pooled over all timed passes,
     * {@code meanMsRuns} has the mean of each pass; {@code cpuMicrosRuns} the searching threads' CPU µs per
     * query of each pass (NaN if the JVM cannot measure thread CPU time), {@code jvmCpuMicrosRuns} the whole
     * benchmark JVM's; {@code serverRuns} the server's view of each pass, or null when the sweep had no
     * {@link PassProbe} (in-process).
     */
    record Point(FilterCase filter, int threads, Ef ef, double recall, double precision, double meanReturned,
                 double[] qpsRuns, double[] otherCoresRuns, double meanMs, double p50Ms, double p95Ms, double p99Ms,
                 double maxMs, double[] meanMsRuns, double[] cpuMicrosRuns, double[] jvmCpuMicrosRuns,
                 ServerPass[] serverRuns) {
        double qpsMedian() {
            return Recall.median(qpsRuns);
        }

        double qpsMin() {
            return Arrays.stream(qpsRuns).min().orElse(Double.NaN);
        }

        double qpsMax() {
            return Arrays.stream(qpsRuns).max().orElse(Double.NaN);
        }

        /** Median over the timed passes of each pass's mean latency (as the caller sees it). */
        double meanMsMedian() {
            return Recall.median(meanMsRuns);
        }

        /** Median over the passes that have one of the server's mean latency per request; NaN if none has. */
        double serverMeanMs() {
            if (serverRuns == null) {
                return Double.NaN;
            }
            return Recall.median(Arrays.stream(serverRuns).filter(ServerPass::measured).mapToDouble(ServerPass::meanMs)
                    .toArray());
        }

        /** Median over the timed passes of the searching threads' CPU µs per query; NaN when not measurable. */
        double cpuMicrosMedian() {
            return medianOfKnown(cpuMicrosRuns);
        }

        /** Median over the timed passes of the benchmark JVM's CPU µs per query (all its threads). */
        double jvmCpuMicrosMedian() {
            return medianOfKnown(jvmCpuMicrosRuns);
        }

        /** Median over the passes that have one of the server process's CPU µs per request; NaN if none has. */
        double serverCpuMicros() {
            if (serverRuns == null) {
                return Double.NaN;
            }
            return medianOfKnown(Arrays.stream(serverRuns).mapToDouble(ServerPass::cpuMicros).toArray());
        }

        /** Median over the passes of the server's JIT compiler threads' CPU µs per request; NaN if unknown. */
        double serverJitCpuMicros() {
            return serverRuns == null ? Double.NaN
                    : medianOfKnown(Arrays.stream(serverRuns).mapToDouble(ServerPass::jitCpuMicros).toArray());
        }

        /** Median over the passes of the server's GC threads' CPU µs per request; NaN if unknown. */
        double serverGcCpuMicros() {
            return serverRuns == null ? Double.NaN
                    : medianOfKnown(Arrays.stream(serverRuns).mapToDouble(ServerPass::gcCpuMicros).toArray());
        }

        private static double medianOfKnown(double[] values) {
            double[] known = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
            return known.length == 0 ? Double.NaN : Recall.median(known);
        }
    }

    private Sweep() {
    }

    static List<Point> run(Searcher searcher, int queryCount, List<FilterCase> filters, List<Integer> threadCounts,
                           List<Ef> efs, int k, int warmup, int runs, double quietWait, double quietThreshold,
                           java.util.function.Function<FilterCase, int[][]> truthOf, PassProbe probe) throws Exception {
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
                double[][] means = new double[efs.size()][runs];
                double[][] cpu = new double[efs.size()][runs];
                double[][] jvmCpu = new double[efs.size()][runs];
                ServerPass[][] server = probe == null ? null : new ServerPass[efs.size()][runs];
                long[][] latencies = new long[efs.size()][runs * queryCount];
                int[][][] firstAnswers = new int[efs.size()][][];
                for (int r = 0; r < runs; r++) {
                    for (int e = 0; e < efs.size(); e++) {
                        Ef ef = efs.get(e);
                        double waited = CpuMonitor.awaitQuiet(quietWait, quietThreshold);
                        if (probe != null) {
                            probe.beforePass();
                        }
                        CpuMonitor.Snapshot before = CpuMonitor.now();
                        Pass pass = pass(searcher, queryCount, filter, threads, ef);
                        CpuMonitor.Snapshot after = CpuMonitor.now();
                        other[e][r] = CpuMonitor.otherCores(before, after);
                        cpu[e][r] = pass.cpuNanos() < 0 ? Double.NaN : pass.cpuNanos() / 1e3 / queryCount;
                        jvmCpu[e][r] = (after.ownCpuSeconds() - before.ownCpuSeconds()) * 1e6 / queryCount;
                        if (probe != null) {
                            server[e][r] = probe.afterPass(queryCount);
                        }
                        qps[e][r] = queryCount / pass.seconds();
                        means[e][r] = Recall.meanMs(pass.nanos());
                        System.arraycopy(pass.nanos(), 0, latencies[e], r * queryCount, queryCount);
                        double runRecall = Recall.recall(pass.answers(), truth, k);
                        if (r == 0) {
                            firstAnswers[e] = pass.answers();
                        }
                        String serverMean = probe == null ? "" : (server[e][r].measured()
                                ? String.format(Locale.ROOT, ", server mean %.1f us", server[e][r].meanMs() * 1000)
                                : ", server mean n/a") + (server[e][r].cpuMeasured()
                                ? String.format(Locale.ROOT, ", server CPU %.1f us/req (JIT %.1f, GC %.1f)", server[e][r].cpuMicros(),
                                        server[e][r].jitCpuMicros(), server[e][r].gcCpuMicros()) : "");
                        progress("filter=%s threads=%d ef=%s run %d/%d: %.0f q/s, mean %.1f us, CPU %.1f us/q%s, recall@%d %.4f; other processes %.2f cores%s",
                                filter.key(), threads, ef.label(), r + 1, runs, qps[e][r], means[e][r] * 1000, cpu[e][r],
                                serverMean, k, runRecall, other[e][r],
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
                            Recall.percentileMs(lat, 99), lat[lat.length - 1] / 1e6, means[e], cpu[e], jvmCpu[e],
                            server == null ? null : server[e]));
                }
            }
        }
        return points;
    }

    /** {@code cpuNanos}: CPU time of the searching threads over the pass, summed; -1 when not measurable. */
    private record Pass(double seconds, long[] nanos, int[][] answers, long cpuNanos) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean THREAD_CPU = enableThreadCpuTime();

    private static boolean enableThreadCpuTime() {
        try {
            if (!THREADS.isCurrentThreadCpuTimeSupported()) {
                return false;
            }
            if (!THREADS.isThreadCpuTimeEnabled()) {
                THREADS.setThreadCpuTimeEnabled(true);
            }
            return THREADS.getCurrentThreadCpuTime() >= 0;
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static Pass pass(Searcher searcher, int queryCount, FilterCase filter, int threads, Ef ef) throws Exception {
        long[] nanos = new long[queryCount];
        int[][] answers = new int[queryCount][];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong cpuNanos = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = Thread.ofPlatform().name("recall-search-" + t).unstarted(() -> {
                ready.countDown();
                try {
                    go.await();
                    long cpuStart = THREAD_CPU ? THREADS.getCurrentThreadCpuTime() : 0;
                    int q;
                    while (failure.get() == null && (q = next.getAndIncrement()) < queryCount) {
                        long start = System.nanoTime();
                        int[] found = searcher.search(q, ef, filter);
                        nanos[q] = System.nanoTime() - start;
                        answers[q] = found;
                    }
                    if (THREAD_CPU) {
                        cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
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
        return new Pass(seconds, nanos, answers, THREAD_CPU ? cpuNanos.get() : -1);
    }

    static void progress(String format, Object... args) {
        System.err.println("[recall] " + String.format(Locale.ROOT, format, args));
    }
}
