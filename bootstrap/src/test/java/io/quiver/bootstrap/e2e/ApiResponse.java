package io.quiver.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One answer from the server, already checked against the OpenAPI document.
 *
 * @param status      the HTTP status code
 * @param contentType the {@code Content-Type} header, or {@code ""}
 * @param body        the body as text
 * @param json        the body parsed as JSON; {@link MissingNode} when the body is not JSON
 */
public record ApiResponse(int status, String contentType, String body, JsonNode json) {

    /** {@code result} of Qdrant's envelope ({@link MissingNode} if absent). */
    public JsonNode result() {
        return json.path("result");
    }

    /** The message of Qdrant's error envelope {@code {"status":{"error":…}}}, or {@code null}. */
    public String error() {
        JsonNode e = json.path("status").path("error");
        return e.isTextual() ? e.asText() : null;
    }

    /** Fails unless the status is {@code expected}; for set-up calls whose answer is not the point of a test. */
    public ApiResponse expect(int expected) {
        if (status != expected) {
            throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
        }
        return this;
    }

    /** Fails unless this is {@code {"result":true,"status":"ok",…}} with HTTP 200. */
    public ApiResponse expectTrue() {
        expect(200);
        if (!result().isBoolean() || !result().asBoolean() || !"ok".equals(json.path("status").asText())) {
            throw new AssertionError("expected {\"result\":true,\"status\":\"ok\"} but got " + body);
        }
        return this;
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + body;
    }
}
