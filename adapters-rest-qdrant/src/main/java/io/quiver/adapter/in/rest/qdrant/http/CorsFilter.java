package io.quiver.adapter.in.rest.qdrant.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Optional;

/**
 * CORS as Qdrant has it by default: any origin, any method, any header. A preflight ({@code OPTIONS}
 * with {@code Access-Control-Request-Method}) is answered here, before the API-key check (browsers send
 * preflights without credentials); every other response carries {@code Access-Control-Allow-Origin: *}.
 */
public final class CorsFilter implements Filter {

    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS";
    private static final String ONE_HOUR = "3600";

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> requestedMethod = req.headers().first(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (req.prologue().method() == Method.OPTIONS && requestedMethod.isPresent()) {
            preflight(req, res, requestedMethod.get());
            return;
        }
        allowAnyOrigin(res);
        chain.proceed();
    }

    private static void preflight(RoutingRequest req, RoutingResponse res, String requestedMethod) {
        allowAnyOrigin(res);
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, requestedMethod.isBlank() ? ALLOWED_METHODS : requestedMethod);
        req.headers().first(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS)
                .filter(h -> !h.isBlank())
                .ifPresent(h -> res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, h));
        res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, ONE_HOUR);
        res.header(HeaderNames.VARY, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        res.status(Status.OK_200);
        res.send();
    }

    static void allowAnyOrigin(RoutingResponse res) {
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    }
}
