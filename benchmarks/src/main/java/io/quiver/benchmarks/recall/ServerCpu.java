package io.quiver.benchmarks.recall;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server process's CPU time around each timed pass of a REST sweep ({@code --server-pid PID}), so that
 * the server's cost per request can be read without the scheduling delays that a wall-clock figure picks up
 * when client and server share a few cores. Right before a pass (after {@link ServerTiming} has read
 * {@code /metrics}, so that its scrape is not counted) and right after it (before {@link ServerTiming} polls
 * {@code /metrics} again) it reads {@code utime + stime} of {@code /proc/PID/stat}, the CPU time of all of
 * the process's threads in clock ticks; ticks per second come from {@code getconf CLK_TCK} (read once,
 * 100 if that fails). Server CPU µs per request = ΔCPU / the number of searches the pass sent.
 *
 * <p>The kernel derives {@code utime + stime} from its nanosecond runtime accounting but prints it in whole
 * ticks, so each reading is truncated to a tick (10 ms at 100 Hz) and a pass's ΔCPU is off by less than one
 * tick: under 10,000 µs / N per request for a pass of N requests (under 3.3 µs with 3,000 requests, under
 * 33 µs with 300). Over passes of thousands of requests that is fine; with few queries use more of them or
 * more {@code --runs}. The figure is everything the server process spent: request threads, but also its GC
 * and JIT compiler threads and any background work such as index building (the tool only searches once the
 * collection is green).
 *
 * <p>Which part of it went to JIT compiling and to garbage collection is read the same way from the
 * threads of the process, {@code /proc/PID/task/TID/stat}, by thread name as HotSpot gives them (JIT:
 * {@code C1 CompilerThread…}, {@code C2 CompilerThread…}, {@code JVMCI…}; GC: {@code GC Thread#…}, {@code G1 …},
 * {@code ZWorker…}/{@code ZDriver…}/{@code ZDirector…}, {@code Shenandoah…}; the kernel keeps 15 characters
 * of a name). A thread that ends during a pass takes its time out of this split (not out of the total), and
 * a server that is not a HotSpot JVM shows 0 for both. With short warm-ups the JIT part can be a large share:
 * the server compiles the request path while the timed passes run.
 *
 * <p>Nothing here may stop a run: when {@code /proc/PID/stat} cannot be read or parsed the pass gets no CPU
 * figure ("n/a") and the first reason is kept for the report.
 */
final class ServerCpu implements Sweep.PassProbe {

    private final long pid;
    private final Path stat;
    private final long ticksPerSecond;
    private final String ticksSource;
    /** CPU ticks of the whole process and of its JIT and GC threads (by thread id) at one moment. */
    private record Reading(long ticks, Map<String, Long> jit, Map<String, Long> gc) {
    }

    private static final List<String> JIT_THREADS = List.of("C1 Compiler", "C2 Compiler", "JVMCI");
    private static final List<String> GC_THREADS = List.of("GC Thread", "G1 ", "ZWorker", "ZDriver", "ZDirector",
            "Shenandoah");

    private Reading before;
    private String problem;
    private int passes;
    private int measured;
    private int minRequests = Integer.MAX_VALUE;
    private boolean warnedIdle;

    ServerCpu(long pid) {
        this.pid = pid;
        this.stat = Path.of("/proc", String.valueOf(pid), "stat");
        long ticks = -1;
        String source;
        try {
            ticks = clockTicks();
            source = "getconf CLK_TCK";
        } catch (Exception e) {
            source = "100 assumed (getconf CLK_TCK failed: " + e.getMessage() + ")";
        }
        if (ticks <= 0) {
            ticks = 100;
        }
        this.ticksPerSecond = ticks;
        this.ticksSource = source;
        try {
            read();
        } catch (Exception e) {
            fail(reason(e));
        }
    }

    @Override
    public void beforePass() {
        before = null;
        if (problem != null) {
            return;
        }
        try {
            before = read();
        } catch (Exception e) {
            fail(reason(e));
        }
    }

    @Override
    public Sweep.ServerPass afterPass(int requests) {
        passes++;
        if (before == null || requests <= 0) {
            return Sweep.ServerPass.NONE;
        }
        try {
            Reading after = read();
            long ticks = after.ticks() - before.ticks();
            if (ticks < 0) {
                fail("the CPU time of process " + pid + " went backwards (another process with that id?)");
                return Sweep.ServerPass.NONE;
            }
            if (ticks == 0 && !warnedIdle) {
                warnedIdle = true;
                Sweep.progress("WARNING: process %d used no CPU tick during a pass of %d searches: is --server-pid the server?",
                        pid, requests);
            }
            measured++;
            minRequests = Math.min(minRequests, requests);
            double microsPerTick = 1e6 / ticksPerSecond / requests;
            return Sweep.ServerPass.cpu(ticks * microsPerTick, grown(before.jit(), after.jit()) * microsPerTick,
                    grown(before.gc(), after.gc()) * microsPerTick);
        } catch (Exception e) {
            fail(reason(e));
            return Sweep.ServerPass.NONE;
        } finally {
            before = null;
        }
    }

    /** For the report's target section: where the figure comes from, its resolution, and why it may be missing. */
    String describe() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "utime + stime of %s (all threads of the server process, GC and JIT included) read right before and "
                        + "after each timed pass, ΔCPU / searches sent, median over the runs of a point; %d ticks/s (%s); "
                        + "JIT and GC parts from /proc/%d/task/*/stat by thread name; measured in %d of %d passes",
                stat, ticksPerSecond, ticksSource, pid, measured, passes));
        if (measured > 0) {
            sb.append(String.format(Locale.ROOT, "; resolution: ΔCPU is off by under one tick, i.e. under %.1f µs per "
                    + "request with %d requests per pass", 1e6 / ticksPerSecond / minRequests, minRequests));
        }
        if (problem != null) {
            sb.append("; n/a because: ").append(problem);
        }
        return sb.toString();
    }

    private String reason(Exception e) {
        return e instanceof NoSuchFileException ? "no process " + pid + " (" + e.getMessage() + " does not exist)"
                : stat + ": " + e;
    }

    private void fail(String reason) {
        if (problem == null) {
            problem = reason;
            Sweep.progress("WARNING: no server CPU time (reported as n/a): %s", reason);
        }
    }

    /** utime + stime of the process and of its JIT and GC threads, in clock ticks. */
    private Reading read() throws IOException {
        Map<String, Long> jit = new HashMap<>();
        Map<String, Long> gc = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(stat.resolveSibling("task"))) {
            for (Path task : tasks) {
                String line;
                try {
                    line = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                String name = threadName(line);
                boolean isJit = JIT_THREADS.stream().anyMatch(name::startsWith);
                if (isJit || GC_THREADS.stream().anyMatch(name::startsWith)) {
                    (isJit ? jit : gc).put(task.getFileName().toString(), cpuTicks(line));
                }
            }
        }
        return new Reading(cpuTicks(Files.readString(stat, StandardCharsets.UTF_8)), jit, gc);
    }

    /** Ticks the threads of {@code after} used since {@code before}; a thread new since then counts from 0. */
    private static long grown(Map<String, Long> before, Map<String, Long> after) {
        long sum = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            sum += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return sum;
    }

    /** Field 2 of a {@code stat} line: the name between the first '(' and the last ')'. */
    static String threadName(String statLine) {
        int open = statLine.indexOf('(');
        int close = statLine.lastIndexOf(')');
        return open < 0 || close <= open ? "" : statLine.substring(open + 1, close);
    }

    /**
     * utime (field 14) + stime (field 15) of a {@code /proc/PID/stat} line. The command name (field 2) is
     * in parentheses and may itself hold spaces or parentheses, so fields are counted from the last ')'.
     */
    static long cpuTicks(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("no ')' in " + statLine);
        }
        String[] f = statLine.substring(close + 1).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3]
        if (f.length < 13) {
            throw new IllegalArgumentException("only " + (f.length + 2) + " fields");
        }
        return Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
    }

    /** {@code getconf CLK_TCK}: the unit of the times in {@code /proc/PID/stat}. */
    private static long clockTicks() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
        if (p.waitFor() != 0) {
            throw new IOException("exit code " + p.exitValue() + ": " + out);
        }
        return Long.parseLong(out);
    }
}
