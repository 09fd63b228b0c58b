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
 *
 * <p>Every other request Helidon refuses before routing (a request line or URI too long, headers it
 * cannot parse) gets the same envelope with Helidon's status and its standard reason, rather than an
 * empty body: clients always find {@code {"status":{"error":…}}}.
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
        // Helidon reports an oversized body as a BAD_REQUEST event with status 413
        boolean tooLarge = status.code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()
                || eventType == EventType.PAYLOAD_TOO_LARGE;
        if (!tooLarge && status.code() < 400) {
            return DEFAULT.handle(request, eventType, status, headers, message);
        }
        ApiError answer = tooLarge ? error : new ApiError(status.code(), status.reasonPhrase());
        TransportResponse.Builder response = TransportResponse.builder()
                .status(Status.create(answer.status()))
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                // the rest of the oversized body is still on the wire: this connection cannot be reused
                .keepAlive(false)
                .entity(envelope(answer));
        if (cors) {
            response.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        }
        return response.build();
    }

    ApiError error() {
        return error;
    }

    private static byte[] envelope(ApiError error) {
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
