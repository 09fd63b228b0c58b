package io.quiver.adapter.in.rest.qdrant;

import io.helidon.http.DirectHandler;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.quiver.adapter.in.rest.qdrant.http.GzipContentEncoding;
import io.quiver.adapter.in.rest.qdrant.http.PayloadTooLargeHandler;

/**
 * What Qdrant's REST API needs from the web server below the routes: the request size limit (answered
 * with Qdrant's error envelope) and gzip in both directions. TLS is the composition root's business.
 */
public final class QdrantTransport {

    private QdrantTransport() {
    }

    public static void configure(WebServerConfig.Builder server, RestSettings settings) {
        server.maxPayloadSize(settings.maxRequestBytes())
                .contentEncoding(ContentEncodingContext.builder()
                        .contentEncodingsDiscoverServices(false)
                        .addContentEncoding(new GzipContentEncoding(settings.maxRequestBytes()))
                        .build())
                .directHandlers(directHandlers(settings));
    }

    /** Helidon signals an oversized body as a {@code BAD_REQUEST} event with status 413 (and gzip's bound as {@code PAYLOAD_TOO_LARGE}). */
    private static DirectHandlers directHandlers(RestSettings settings) {
        PayloadTooLargeHandler tooLarge = new PayloadTooLargeHandler(settings.maxRequestSizeMb(), settings.enableCors());
        return DirectHandlers.builder()
                .addHandler(DirectHandler.EventType.BAD_REQUEST, tooLarge)
                .addHandler(DirectHandler.EventType.PAYLOAD_TOO_LARGE, tooLarge)
                // a URI or headers Helidon cannot take: still Qdrant's error envelope, not an empty body
                .addHandler(DirectHandler.EventType.OTHER, tooLarge)
                .addHandler(DirectHandler.EventType.FORBIDDEN, tooLarge)
                .build();
    }
}
