package io.quiver.adapter.in.rest.qdrant.observe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Response statistics per endpoint (method and route pattern, as Qdrant names them, e.g.
 * {@code PUT /collections/{name}/points}) and status: how many, how many failed (5xx), total, min, max and
 * recent-average duration, a latency histogram and when the last one was sent. Feeds {@code /metrics}
 * and {@code /telemetry}.
 */
public final class RequestStatistics {

    /** Upper bounds of the latency histogram, in seconds. */
    static final double[] BUCKETS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    /** Qdrant's average is over the 128 latest operations. */
    private static final int RECENT = 128;

    /** One endpoint and status. */
    public record Key(String method, String endpoint, int status) {
    }

    /** What has been measured for one key, frozen. Durations in nanoseconds. */
    public record Snapshot(Key key, long count, long failCount, long totalNanos, long minNanos, long maxNanos,
                           double recentAverageNanos, long[] bucketCounts, Instant lastResponded) {
    }

    private final ConcurrentMap<Key, Stat> stats = new ConcurrentHashMap<>();

    /** Records one response. A missing route pattern (no route matched) is {@code unknown}. */
    public void record(String method, String routePattern, int status, long nanos) {
        Key key = new Key(method, qdrantPattern(routePattern), status);
        stats.computeIfAbsent(key, k -> new Stat()).add(Math.max(0, nanos), status >= 500);
    }

    /** Everything measured so far, sorted by endpoint, method and status. */
    public List<Snapshot> snapshot() {
        List<Snapshot> out = new ArrayList<>(stats.size());
        stats.forEach((k, s) -> out.add(s.snapshot(k)));
        out.sort(Comparator.comparing((Snapshot s) -> s.key().endpoint())
                .thenComparing(s -> s.key().method())
                .thenComparingInt(s -> s.key().status()));
        return out;
    }

    /**
     * Helidon's route pattern in Qdrant's spelling: Qdrant's router calls the collection parameter
     * {@code {name}} ({@code /collections/{name}/points}); dashboards built for Qdrant filter on that.
     */
    static String qdrantPattern(String routePattern) {
        if (routePattern == null || routePattern.isEmpty()) {
            return "unknown";
        }
        return routePattern.replace("{collection_name}", "{name}");
    }

    private static final class Stat {
        private long count;
        private long failCount;
        private long totalNanos;
        private long minNanos = Long.MAX_VALUE;
        private long maxNanos;
        private final long[] buckets = new long[BUCKETS.length];
        private final long[] recent = new long[RECENT];
        private int recentSize;
        private int recentNext;
        private Instant lastResponded;

        synchronized void add(long nanos, boolean failed) {
            count++;
            if (failed) {
                failCount++;
            }
            totalNanos += nanos;
            minNanos = Math.min(minNanos, nanos);
            maxNanos = Math.max(maxNanos, nanos);
            double seconds = nanos / 1e9;
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets[i]++;
                    break;
                }
            }
            recent[recentNext] = nanos;
            recentNext = (recentNext + 1) % RECENT;
            recentSize = Math.min(recentSize + 1, RECENT);
            lastResponded = Instant.now();
        }

        synchronized Snapshot snapshot(Key key) {
            long recentSum = 0;
            for (int i = 0; i < recentSize; i++) {
                recentSum += recent[i];
            }
            long[] cumulative = new long[BUCKETS.length];
            long running = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                running += buckets[i];
                cumulative[i] = running;
            }
            return new Snapshot(key, count, failCount, totalNanos, count == 0 ? 0 : minNanos, maxNanos,
                    recentSize == 0 ? 0 : (double) recentSum / recentSize, cumulative, lastResponded);
        }
    }
}
