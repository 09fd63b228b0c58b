package io.quiver.benchmarks.recall;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much of the machine others were using while we measured: machine-wide busy time from
 * {@code /proc/stat} minus this process's CPU time, in cores. On a shared 2-core box this separates
 * "the engine got slower" from "someone else was compiling". Linux only; elsewhere it reports NaN.
 * {@code /proc/stat} counts in clock ticks (USER_HZ, 100 on Linux), so values are good to ~0.01 s.
 */
final class CpuMonitor {

    private static final double SECONDS_PER_TICK = 0.01;
    private static final com.sun.management.OperatingSystemMXBean OS =
            ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os : null;

    /** A point in time: wall clock, machine busy seconds, own CPU seconds. */
    record Snapshot(long wallNanos, double machineBusySeconds, double ownCpuSeconds) {
    }

    private CpuMonitor() {
    }

    static Snapshot now() {
        return new Snapshot(System.nanoTime(), machineBusySeconds(), OS == null ? Double.NaN : OS.getProcessCpuTime() / 1e9);
    }

    /** Cores used by other processes between two snapshots (never below 0). */
    static double otherCores(Snapshot from, Snapshot to) {
        double wall = (to.wallNanos() - from.wallNanos()) / 1e9;
        double machine = to.machineBusySeconds() - from.machineBusySeconds();
        double own = to.ownCpuSeconds() - from.ownCpuSeconds();
        if (wall <= 0 || Double.isNaN(machine) || Double.isNaN(own)) {
            return Double.NaN;
        }
        return Math.max(0, (machine - own) / wall);
    }

    /**
     * Waits, up to {@code maxSeconds}, until other processes use less than {@code threshold} cores over
     * a half-second window. Returns the seconds waited, or -1 if the machine never got quiet.
     */
    static double awaitQuiet(double maxSeconds, double threshold) throws InterruptedException {
        if (maxSeconds <= 0) {
            return 0;
        }
        long start = System.nanoTime();
        while (true) {
            Snapshot a = now();
            Thread.sleep(500);
            double other = otherCores(a, now());
            double waited = (System.nanoTime() - start) / 1e9;
            if (Double.isNaN(other) || other < threshold) {
                return waited > 0.6 ? waited : 0;
            }
            if (waited >= maxSeconds) {
                return -1;
            }
        }
    }

    private static double machineBusySeconds() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] f = first.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * SECONDS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
