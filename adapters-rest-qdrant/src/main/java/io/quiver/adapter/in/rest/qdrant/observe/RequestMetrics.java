package io.quiver.adapter.in.rest.qdrant.observe;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Counts and times every response by the route that matched (its pattern, never the raw path, so a
 * collection name does not make a new series) and its status, once the response has been sent — error
 * answers included. A request slower than the threshold is logged at WARN.
 */
public final class RequestMetrics implements Filter {

    private static final Logger LOG = Logger.getLogger(RequestMetrics.class.getName());

    private final RequestStatistics statistics;
    private final long slowNanos;

    public RequestMetrics(RequestStatistics statistics, Duration slowRequestThreshold) {
        this.statistics = statistics;
        this.slowNanos = slowRequestThreshold.toNanos();
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String method = req.prologue().method().text();
        res.whenSent(() -> {
            long nanos = System.nanoTime() - start;
            String route = req.matchingPattern().orElse(null);
            int status = res.status().code();
            statistics.record(method, route, status, nanos);
            if (nanos > slowNanos) {
                LOG.warning(() -> "event=slow_request method=" + method + " route="
                        + RequestStatistics.qdrantPattern(route) + " status=" + status + " ms=" + nanos / 1_000_000);
            }
        });
        chain.proceed();
    }
}
