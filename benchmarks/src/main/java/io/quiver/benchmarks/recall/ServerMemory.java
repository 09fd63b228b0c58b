package io.quiver.benchmarks.recall;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's memory read from outside, so that a REST run can say what the collection cost. By
 * default from the Prometheus text of {@code GET /metrics}: {@code memory_resident_bytes} (the
 * process's RSS, what the OS has to find) and {@code memory_allocated_bytes} (heap in use, which moves
 * with every GC). With {@code --server-pid} from {@code VmRSS} in {@code /proc/<pid>/status} instead,
 * for a server without the metrics route; that gives no heap figure.
 */
final class ServerMemory {

    /** One reading; {@code heapBytes} is -1 when the source has no heap figure. */
    record Reading(long residentBytes, long heapBytes) {
    }

    private final HttpClient http;
    private final String metricsUrl;
    private final long pid;

    private ServerMemory(HttpClient http, String metricsUrl, long pid) {
        this.http = http;
        this.metricsUrl = metricsUrl;
        this.pid = pid;
    }

    static ServerMemory metrics(HttpClient http, String baseUrl) {
        return new ServerMemory(http, baseUrl + "/metrics", -1);
    }

    static ServerMemory process(long pid) {
        return new ServerMemory(null, null, pid);
    }

    String source() {
        return pid > 0 ? "VmRSS of /proc/" + pid + "/status (no heap figure)"
                : "GET " + metricsUrl + ": memory_resident_bytes (RSS), memory_allocated_bytes (heap in use)";
    }

    Reading read() throws IOException, InterruptedException {
        return pid > 0 ? readProc() : readMetrics();
    }

    private Reading readMetrics() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(metricsUrl)).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + metricsUrl + " answered " + r.statusCode() + " (use --server-pid to read /proc instead)");
        }
        long rss = gauge(r.body(), "memory_resident_bytes");
        if (rss < 0) {
            throw new IOException("GET " + metricsUrl + " has no memory_resident_bytes (use --server-pid to read /proc instead)");
        }
        return new Reading(rss, gauge(r.body(), "memory_allocated_bytes"));
    }

    /** The value of an unlabelled sample in Prometheus text, or -1. */
    static long gauge(String text, String name) {
        for (String line : text.lines().toList()) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                String value = line.substring(line.lastIndexOf(' ') + 1).trim();
                return (long) Double.parseDouble(value);
            }
        }
        return -1;
    }

    private Reading readProc() throws IOException {
        Path status = Path.of("/proc/" + pid + "/status");
        if (!Files.exists(status)) {
            throw new IOException("no process " + pid + " (" + status + " does not exist)");
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                // "VmRSS:     123456 kB" (the kernel's kB are KiB)
                String[] f = line.substring(6).trim().split("\\s+");
                return new Reading(Long.parseLong(f[0]) * 1024, -1);
            }
        }
        throw new IOException(status + " has no VmRSS line");
    }

    /**
     * The memory figures of a REST run. "after" is the lower of the reading at green and the one after
     * the settle wait: the JVM may give heap back (or the GC may run) once building stops, and the
     * lower reading is the better estimate of what the collection keeps. The estimate of the graph is
     * level 0 only (2m links of 4 bytes per point; upper levels add about 1/m of that).
     */
    static Map<String, Object> summary(String source, Reading before, Reading atGreen, Reading settled,
                                       double settleSeconds, int n, int dim, int m) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("source", source);
        s.put("settleSeconds", settleSeconds);
        long rssAfter = settled == null ? atGreen.residentBytes() : Math.min(atGreen.residentBytes(), settled.residentBytes());
        String rssLabel = settled == null ? "at green (no settle wait)"
                : settled.residentBytes() <= atGreen.residentBytes() ? "after the settle wait (lower)" : "at green (lower)";
        s.put("rssBeforeBytes", before.residentBytes());
        s.put("rssAtGreenBytes", atGreen.residentBytes());
        s.put("rssAfterSettleBytes", settled == null ? null : settled.residentBytes());
        s.put("rssAfterBytes", rssAfter);
        s.put("rssAfterIs", rssLabel);
        long delta = rssAfter - before.residentBytes();
        s.put("rssDeltaBytes", delta);
        s.put("rssDeltaBytesPerPoint", Report.round(delta / (double) n, 1));
        long raw = (long) n * dim * 4;
        long links = (long) n * 2 * m * 4;
        s.put("rawVectorBytes", raw);
        s.put("graphLinksEstimateBytes", links);
        s.put("rssDeltaOverRawPlusLinks", Report.round(delta / (double) (raw + links), 3));
        if (before.heapBytes() >= 0 && atGreen.heapBytes() >= 0) {
            long heapAfter = settled == null || settled.heapBytes() < 0 ? atGreen.heapBytes()
                    : Math.min(atGreen.heapBytes(), settled.heapBytes());
            s.put("heapBeforeBytes", before.heapBytes());
            s.put("heapAtGreenBytes", atGreen.heapBytes());
            s.put("heapAfterSettleBytes", settled == null ? null : settled.heapBytes());
            s.put("heapAfterBytes", heapAfter);
            s.put("heapAfterIs", settled == null || settled.heapBytes() < 0 ? "at green"
                    : settled.heapBytes() <= atGreen.heapBytes() ? "after the settle wait (lower)" : "at green (lower)");
            s.put("heapDeltaBytes", heapAfter - before.heapBytes());
            s.put("heapDeltaBytesPerPoint", Report.round((heapAfter - before.heapBytes()) / (double) n, 1));
        }
        return s;
    }
}
