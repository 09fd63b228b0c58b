package io.quiver.adapter.in.rest.qdrant.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Notes when a request arrived, so every envelope can report the time spent on it. */
public final class RequestTiming implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Envelope.markStart(req);
        chain.proceed();
    }
}
