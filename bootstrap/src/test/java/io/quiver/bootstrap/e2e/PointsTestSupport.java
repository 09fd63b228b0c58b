package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.QdrantAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the points, scroll, index and search end-to-end tests. */
final class PointsTestSupport {

    private PointsTestSupport() {
    }

    static JsonNode json(String text) {
        try {
            return ContractClient.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static void createCollection(ContractClient api, String name, String body) {
        api.put("/collections/" + name).json(body).send().expectTrue();
    }

    /** {@code PUT /points?wait=true} with the given body; asserts {@code completed} and returns the result. */
    static JsonNode upsert(ContractClient api, String collection, String body) {
        JsonNode result = assertOk(api.put("/collections/" + collection + "/points").query("wait", true)
                .json(body).send());
        assertThat(result.get("status").asText()).as("upsert status %s", result).isEqualTo("completed");
        return result;
    }

    /** A write ({@code method} on {@code path}) with {@code wait=true}; asserts {@code completed}. */
    static JsonNode write(ContractClient.Call call) {
        JsonNode result = assertOk(call.query("wait", true).send());
        assertThat(result.get("status").asText()).as("write status %s", result).isEqualTo("completed");
        return result;
    }

    /** The ids of a list of records or scored points, as {@code Long} for numbers and {@code String} for UUIDs. */
    static List<Object> ids(JsonNode points) {
        List<Object> out = new ArrayList<>();
        for (JsonNode p : points) {
            JsonNode id = p.get("id");
            out.add(id.isNumber() ? (Object) id.asLong() : id.asText());
        }
        return out;
    }

    /** Every point of a collection matching {@code filterJson} (or all when null), in scroll order. */
    static List<Object> scrollIds(ContractClient api, String collection, String filterJson) {
        String body = "{\"limit\": 1000, \"with_payload\": false"
                + (filterJson == null ? "" : ", \"filter\": " + filterJson) + "}";
        JsonNode result = assertOk(api.post("/collections/" + collection + "/points/scroll").json(body).send());
        assertThat(result.get("next_page_offset").isNull()).as("single page %s", result).isTrue();
        return ids(result.get("points"));
    }

    static long count(ContractClient api, String collection, String filterJson) {
        String body = filterJson == null ? "{\"exact\": true}" : "{\"exact\": true, \"filter\": " + filterJson + "}";
        return assertOk(api.post("/collections/" + collection + "/points/count").json(body).send())
                .get("count").asLong();
    }

    /** {@code POST /points} for one id with payload and vectors; the record, or {@code null} if absent. */
    static JsonNode record(ContractClient api, String collection, Object id) {
        String idJson = id instanceof String s ? "\"" + s + "\"" : String.valueOf(id);
        JsonNode result = assertOk(api.post("/collections/" + collection + "/points").json(
                "{\"ids\": [" + idJson + "], \"with_payload\": true, \"with_vector\": true}").send());
        return result.isEmpty() ? null : result.get(0);
    }

    static JsonNode payload(ContractClient api, String collection, Object id) {
        JsonNode r = record(api, collection, id);
        assertThat(r).as("point %s in %s", id, collection).isNotNull();
        return r.get("payload");
    }

    static JsonNode collectionInfo(ContractClient api, String collection) {
        return assertOk(api.get("/collections/" + collection).send());
    }

    /** A JSON field that a record leaves out or sets to null (Qdrant's {@code Option} fields). */
    static boolean absentOrNull(JsonNode record, String field) {
        return record.path(field).isMissingNode() || record.path(field).isNull();
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
