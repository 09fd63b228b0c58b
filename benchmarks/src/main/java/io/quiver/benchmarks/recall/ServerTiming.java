package io.quiver.benchmarks.recall;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The server's own timing of the search route around each timed pass of a REST sweep. The server's
 * request filter times every response from the start of routing (request line and headers parsed, body
 * not yet read) until the response has been written, and exposes per (method, endpoint template,
 * status) the Prometheus histogram {@code rest_responses_duration_seconds} on {@code GET /metrics}:
 *
 * <pre>
 * rest_responses_duration_seconds_sum{method="POST",endpoint="/collections/{name}/points/search",status="200"} 1.234
 * rest_responses_duration_seconds_count{method="POST",endpoint="/collections/{name}/points/search",status="200"} 5678
 * </pre>
 *
 * Before a pass the tool reads sum and count of the route it searches (all statuses added up), after it
 * reads them again; Δsum / Δcount is the server-side mean latency of that pass's requests. The server
 * records a response once it has been sent, which can be after the client has read it, so the reading
 * after a pass is repeated (for up to a second) until all of the pass's requests are counted.
 *
 * <p>Nothing here may stop a run: when {@code /metrics} does not answer, has no such series, or the
 * counters went backwards (server restarted), the pass gets no server figure ("n/a") and the first
 * reason is kept for the report.
 */
final class ServerTiming implements Sweep.PassProbe {

    static final String SUM = "rest_responses_duration_seconds_sum";
    static final String COUNT = "rest_responses_duration_seconds_count";

    /** How long to wait for responses that were sent but not yet recorded when the pass ended. */
    private static final long SETTLE_NANOS = 1_000_000_000L;

    /** Sum (seconds) and count of the route's histogram at one moment; {@code found} = the series exist. */
    record Reading(double sumSeconds, long count, boolean found) {
    }

    private final HttpClient http;
    private final URI metricsUri;
    private final String method;
    private final String routeSuffix;
    private final Pattern endpoint;
    private Reading before;
    private String problem;
    private int passes;
    private int measured;
    private long extraRequests;

    /**
     * @param routeSuffix what follows the collection in the endpoint template, e.g. {@code /points/search};
     *                    the collection parameter may be spelt {@code {name}} (Qdrant, Quiver) or otherwise
     */
    ServerTiming(HttpClient http, String baseUrl, String method, String routeSuffix) {
        this.http = http;
        this.metricsUri = URI.create(baseUrl + "/metrics");
        this.method = method;
        this.routeSuffix = routeSuffix;
        this.endpoint = Pattern.compile("/collections/\\{[^}/]+}" + Pattern.quote(routeSuffix));
    }

    @Override
    public void beforePass() {
        before = null;
        try {
            before = read();
        } catch (Exception e) {
            fail("GET " + metricsUri + ": " + e.getMessage());
        }
    }

    @Override
    public Sweep.ServerPass afterPass(int requests) {
        passes++;
        if (before == null) {
            return Sweep.ServerPass.NONE;
        }
        try {
            long deadline = System.nanoTime() + SETTLE_NANOS;
            Reading after = read();
            while (after.count() - before.count() < requests && System.nanoTime() < deadline) {
                Thread.sleep(10);
                after = read();
            }
            if (!after.found()) {
                fail("GET " + metricsUri + " has no " + SUM + "/" + COUNT + " series for " + route());
                return Sweep.ServerPass.NONE;
            }
            long count = after.count() - before.count();
            double sum = after.sumSeconds() - before.sumSeconds();
            if (count <= 0 || sum < 0) {
                fail("the counters of " + route() + " did not grow over a pass (count " + before.count() + " -> "
                        + after.count() + "; server restarted?)");
                return Sweep.ServerPass.NONE;
            }
            if (count != requests) {
                Sweep.progress("WARNING: the server counted %d requests on %s during a pass of %d searches%s", count,
                        route(), requests, count > requests ? " (another client on the same route?)" : "");
                extraRequests += count - requests;
            }
            measured++;
            return Sweep.ServerPass.timing(sum / count * 1000, count);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
            return Sweep.ServerPass.NONE;
        } catch (Exception e) {
            fail("GET " + metricsUri + ": " + e.getMessage());
            return Sweep.ServerPass.NONE;
        } finally {
            before = null;
        }
    }

    /** For the report's target section: where the figure comes from, how many passes have one, and why not. */
    String describe() {
        StringBuilder sb = new StringBuilder("GET " + metricsUri + ": Δ" + SUM + " / Δ" + COUNT + " of " + route()
                + " (all statuses) per timed pass, median over the runs of a point; measured in " + measured + " of "
                + passes + " passes");
        if (extraRequests != 0) {
            sb.append("; requests counted − searches sent: ").append(extraRequests);
        }
        if (problem != null) {
            sb.append("; n/a because: ").append(problem);
        }
        return sb.toString();
    }

    private String route() {
        return method + " /collections/{name}" + routeSuffix;
    }

    private void fail(String reason) {
        if (problem == null) {
            problem = reason;
            Sweep.progress("WARNING: no server-side timing (reported as n/a): %s", reason);
        }
    }

    private Reading read() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(metricsUri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("answered " + r.statusCode());
        }
        return parse(r.body(), method, endpoint);
    }

    /** Sum and count of every series of the histogram whose method and endpoint match, statuses added up. */
    static Reading parse(String text, String method, Pattern endpoint) {
        double sum = 0;
        long count = 0;
        boolean foundSum = false;
        boolean foundCount = false;
        for (String line : text.split("\n")) {
            boolean isSum = line.startsWith(SUM + "{");
            boolean isCount = line.startsWith(COUNT + "{");
            if (!isSum && !isCount) {
                continue;
            }
            int start = (isSum ? SUM : COUNT).length() + 1;
            Map<String, String> labels = new LinkedHashMap<>();
            int end = labels(line, start, labels);
            if (end < 0 || !method.equals(labels.get("method")) || labels.get("endpoint") == null
                    || !endpoint.matcher(labels.get("endpoint")).matches()) {
                continue;
            }
            String[] rest = line.substring(end).trim().split("\\s+");
            double value = value(rest[0]);
            if (isSum) {
                sum += value;
                foundSum = true;
            } else {
                count += (long) value;
                foundCount = true;
            }
        }
        return new Reading(sum, count, foundSum && foundCount);
    }

    /** Reads {@code name="value",...}} from {@code from}; returns the index after the closing brace, or -1. */
    private static int labels(String line, int from, Map<String, String> out) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i + 1;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                return -1;
            }
            String name = line.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char v = line.charAt(j);
                if (v == '\\' && j + 1 < line.length()) {
                    char e = line.charAt(++j);
                    value.append(e == 'n' ? '\n' : e);
                } else {
                    value.append(v);
                }
            }
            if (j >= line.length()) {
                return -1;
            }
            out.put(name, value.toString());
            i = j + 1;
        }
        return -1;
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
