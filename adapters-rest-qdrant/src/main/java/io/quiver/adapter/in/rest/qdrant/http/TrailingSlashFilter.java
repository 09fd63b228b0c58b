package io.quiver.adapter.in.rest.qdrant.http;

import io.helidon.common.uri.UriPath;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Qdrant trims one trailing slash from every path; so does Quiver, before routing. */
public final class TrailingSlashFilter implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        HttpPrologue prologue = req.prologue();
        String raw = prologue.uriPath().rawPath();
        if (raw.length() > 1 && raw.endsWith("/")) {
            req.prologue(prologue.withUriPath(UriPath.create(raw.substring(0, raw.length() - 1))));
        }
        chain.proceed();
    }
}
