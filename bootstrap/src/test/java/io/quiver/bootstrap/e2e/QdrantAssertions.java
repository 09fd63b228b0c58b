package io.quiver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Assertions on the shapes every Qdrant answer shares, beyond what the OpenAPI document pins down. */
public final class QdrantAssertions {

    private QdrantAssertions() {
    }

    /**
     * Asserts Qdrant's error envelope {@code {"status":{"error":"…"},"time":…,"result":null}} — exactly these
     * keys — with the given status, and returns the error message.
     */
    public static String assertError(ApiResponse response, int status) {
        assertThat(response.status()).as("HTTP status of %s", response).isEqualTo(status);
        assertThat(response.contentType()).as("content type of %s", response).startsWith("application/json");
        JsonNode json = response.json();
        assertThat(fieldNames(json)).as("envelope keys of %s", response)
                .containsExactlyInAnyOrder("status", "time", "result");
        assertThat(fieldNames(json.get("status"))).as("status keys of %s", response).containsExactly("error");
        assertThat(json.get("status").get("error").isTextual()).as("error is text in %s", response).isTrue();
        assertThat(json.get("status").get("error").asText()).isNotBlank();
        assertThat(json.get("time").isNumber()).as("time is a number in %s", response).isTrue();
        assertThat(json.get("time").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(json.get("result").isNull()).as("result is null in %s", response).isTrue();
        return response.error();
    }

    /** Asserts {@code {"result":…,"status":"ok","time":…}} with HTTP 200, and returns {@code result}. */
    public static JsonNode assertOk(ApiResponse response) {
        assertThat(response.status()).as("HTTP status of %s", response).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.path("status").asText()).as("status of %s", response).isEqualTo("ok");
        assertThat(json.path("time").isNumber()).as("time is a number in %s", response).isTrue();
        assertThat(json.has("result")).as("result present in %s", response).isTrue();
        return json.get("result");
    }

    public static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node != null) {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
