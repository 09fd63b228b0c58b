package io.quiver.adapter.in.rest.qdrant.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.quiver.adapter.in.rest.qdrant.error.ApiError;
import io.quiver.adapter.in.rest.qdrant.error.PayloadTooLargeException;
import io.quiver.adapter.in.rest.qdrant.error.QdrantErrorMapper;
import io.quiver.adapter.in.rest.qdrant.mapping.JsonTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Answers a body over {@code service.max_request_size_mb} with Qdrant's error envelope instead of
 * Helidon's empty 413. Helidon rejects such a request itself — from its {@code Content-Length} before
 * routing, or while a chunked body is being read — so this is a transport-level handler rather than a
 * route error handler; either way the body is never held in memory and nothing is written.
 */
public final class PayloadTooLargeHandler implements DirectHandler {

    private static final DirectHandler DEFAULT = DirectHandler.defaultHandler();

    private final ApiError error;
    private final boolean cors;

    public PayloadTooLargeHandler(int maxRequestSizeMb, boolean cors) {
        this.error = QdrantErrorMapper.map(new PayloadTooLargeException(maxRequestSizeMb));
        this.cors = cors;
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        // Helidon reports an oversized body as a BAD_REQUEST event with status 413; other bad requests
        // keep Helidon's own answer
        if (status.code() != Status.REQUEST_ENTITY_TOO_LARGE_413.code() && eventType != EventType.PAYLOAD_TOO_LARGE) {
            return DEFAULT.handle(request, eventType, status, headers, message);
        }
        TransportResponse.Builder response = TransportResponse.builder()
                .status(Status.create(error.status()))
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                // the rest of the oversized body is still on the wire: this connection cannot be reused
                .keepAlive(false)
                .entity(envelope());
        if (cors) {
            response.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        }
        return response.build();
    }

    ApiError error() {
        return error;
    }

    private byte[] envelope() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JsonTrees.generator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("status");
            g.writeStringField("error", error.message());
            g.writeEndObject();
            // the request was refused before it was read, so no time was spent on it
            g.writeNumberField("time", 0.0);
            g.writeNullField("result");
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
