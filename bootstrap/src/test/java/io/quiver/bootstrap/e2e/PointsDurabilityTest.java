package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.PointsTestSupport.json;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertError;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Points written with {@code wait=true} survive a SIGKILL right after the last answer, together with their
 * payloads and payload index; writes that were rejected leave no trace, before or after a restart.
 */
class PointsDurabilityTest {

    static final int POINTS = 2_000;
    static final int BATCH = 250;

    @TempDir
    Path storage;

    /** Point {@code i}: a number below 1500, a UUID from there on. */
    static String id(int i) {
        return i < 1_500 ? Integer.toString(i) : String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", i, i);
    }

    static String idJson(int i) {
        return i < 1_500 ? id(i) : "\"" + id(i) + "\"";
    }

    /** Multiples of 1/8 are exact in binary floating point, so vectors must come back exactly. */
    static float[] vector(int i) {
        return new float[] {(i % 97) / 8f, (i % 89) / 4f, -(i % 13) / 2f, 1f};
    }

    static String payload(int i) {
        return "{\"i\": " + i + ", \"k\": \"g" + (i % 5) + "\", \"name\": \"point number " + i + "\","
                + " \"tags\": [" + (i % 3) + ", " + (i % 7) + "], \"nested\": {\"even\": " + (i % 2 == 0)
                + ", \"half\": " + (i / 2.0) + "}}";
    }

    static String batch(int from, int to) {
        StringBuilder b = new StringBuilder("{\"points\": [");
        for (int i = from; i < to; i++) {
            float[] v = vector(i);
            b.append(i == from ? "" : ", ").append("{\"id\": ").append(idJson(i)).append(", \"vector\": [")
                    .append(v[0]).append(", ").append(v[1]).append(", ").append(v[2]).append(", ").append(v[3])
                    .append("], \"payload\": ").append(payload(i)).append('}');
        }
        return b.append("]}").toString();
    }

    static long pointsCount(ContractClient api, String collection) {
        return assertOk(api.get("/collections/" + collection).send()).get("points_count").asLong();
    }

    static long count(ContractClient api, String collection, String filter) {
        return assertOk(api.post("/collections/" + collection + "/points/count").json(
                "{\"exact\": true" + (filter == null ? "" : ", \"filter\": " + filter) + "}").send()).get("count").asLong();
    }

    @Test
    void acknowledgedPointsPayloadsAndIndexSurviveSigkill() {
        try (QuiverProcess first = QuiverProcess.start(storage)) {
            ContractClient api = first.client();
            api.put("/collections/durable").json("""
                    {"vectors": {"size": 4, "distance": "Dot"}}""").send().expectTrue();
            for (int from = 0; from < POINTS; from += BATCH) {
                if (from == POINTS / 2) {
                    // the index is built halfway: it must cover the points before and after it
                    JsonNode r = assertOk(api.put("/collections/durable/index").query("wait", true).json("""
                            {"field_name": "k", "field_schema": "keyword"}""").send());
                    assertThat(r.get("status").asText()).isEqualTo("completed");
                }
                JsonNode r = assertOk(api.put("/collections/durable/points").query("wait", true)
                        .json(batch(from, from + BATCH)).send());
                assertThat(r.get("status").asText()).isEqualTo("completed");
            }

            first.kill();
            assertThat(first.process().isAlive()).isFalse();
        }

        try (QuiverProcess second = QuiverProcess.start(storage)) {
            ContractClient api = second.client();

            JsonNode info = assertOk(api.get("/collections/durable").send());
            assertThat(info.get("points_count").asLong()).isEqualTo(POINTS);
            assertThat(info.get("payload_schema")).isEqualTo(json("""
                    {"k": {"data_type": "keyword", "points": 2000}}"""));
            assertThat(count(api, "durable", "{\"must\": [{\"key\": \"k\", \"match\": {\"value\": \"g3\"}}]}"))
                    .isEqualTo(POINTS / 5);
            assertThat(count(api, "durable", "{\"must\": [{\"key\": \"k\", \"match\": {\"any\": [\"g0\", \"g4\"]}},"
                    + " {\"key\": \"nested.even\", \"match\": {\"value\": true}}]}")).isEqualTo(400);
            JsonNode facet = assertOk(api.post("/collections/durable/facet").json("{\"key\": \"k\"}").send()).get("hits");
            assertThat(facet).hasSize(5);
            facet.forEach(hit -> assertThat(hit.get("count").asLong()).isEqualTo(POINTS / 5));

            JsonNode page = assertOk(api.post("/collections/durable/points/scroll").json("""
                    {"limit": 2500, "with_payload": true, "with_vector": true}""").send());
            assertThat(page.get("next_page_offset").isNull()).isTrue();
            Map<String, JsonNode> byId = new HashMap<>();
            page.get("points").forEach(p -> byId.put(p.get("id").asText(), p));
            assertThat(byId).hasSize(POINTS);
            for (int i = 0; i < POINTS; i++) {
                JsonNode p = byId.get(id(i));
                assertThat(p).as("point %s", id(i)).isNotNull();
                assertThat(p.get("payload")).as("payload of %s", id(i)).isEqualTo(json(payload(i)));
                float[] v = vector(i);
                JsonNode got = p.get("vector");
                assertThat(got).as("vector of %s", id(i)).hasSize(4);
                for (int j = 0; j < 4; j++) {
                    assertThat((float) got.get(j).asDouble()).as("vector of %s", id(i)).isEqualTo(v[j]);
                }
            }
            // the index still follows writes after the restart
            assertOk(api.post("/collections/durable/points/delete").query("wait", true).json("""
                    {"filter": {"must": [{"key": "k", "match": {"value": "g3"}}]}}""").send());
            assertThat(pointsCount(api, "durable")).isEqualTo(POINTS - POINTS / 5);
            assertThat(assertOk(api.get("/collections/durable").send()).at("/payload_schema/k/points").asLong())
                    .isEqualTo(POINTS - POINTS / 5);
        }
    }

    @Test
    void aRejectedBatchWritesNothingNowOrAfterARestart() {
        try (QuiverProcess first = QuiverProcess.start(storage)) {
            ContractClient api = first.client();
            api.put("/collections/guarded").json("""
                    {"vectors": {"dense": {"size": 3, "distance": "Dot"}}}""").send().expectTrue();
            assertOk(api.put("/collections/guarded/points").query("wait", true).json("""
                    {"points": [{"id": 1, "vector": {"dense": [1, 1, 1]}, "payload": {"v": "original"}},
                                {"id": 2, "vector": {"dense": [2, 2, 2]}, "payload": {"v": "original"}}]}""").send());

            // wrong dimension in the last point
            assertThat(assertError(api.put("/collections/guarded/points").query("wait", true).json("""
                    {"points": [{"id": 1, "vector": {"dense": [9, 9, 9]}, "payload": {"v": "overwritten"}},
                                {"id": 10, "vector": {"dense": [1, 1, 1]}},
                                {"id": 11, "vector": {"dense": [1, 1]}}]}""").send(), 400))
                    .isEqualTo("Wrong input: Vector dimension error: expected dim: 3, got 2");
            // wrong dimension in the columnar form
            assertThat(assertError(api.put("/collections/guarded/points").query("wait", true).json("""
                    {"batch": {"ids": [12, 13], "vectors": {"dense": [[1, 1, 1], [1, 1, 1, 1]]}}}""").send(), 400))
                    .isEqualTo("Wrong input: Vector dimension error: expected dim: 3, got 4");
            // an id that is neither an unsigned integer nor a UUID
            assertError(api.put("/collections/guarded/points").query("wait", true).json("""
                    {"points": [{"id": 14, "vector": {"dense": [1, 1, 1]}},
                                {"id": "not-a-uuid", "vector": {"dense": [1, 1, 1]}}]}""").violatingSpec().send(), 400);
            assertError(api.put("/collections/guarded/points").query("wait", true).json("""
                    {"points": [{"id": 15, "vector": {"dense": [1, 1, 1]}},
                                {"id": -1, "vector": {"dense": [1, 1, 1]}}]}""").violatingSpec().send(), 400);
            // a vector name the collection does not have
            assertThat(assertError(api.put("/collections/guarded/points").query("wait", true).json("""
                    {"points": [{"id": 2, "vector": {"dense": [7, 7, 7]}, "payload": {"v": "overwritten"}},
                                {"id": 16, "vector": {"sparse_one": [1, 1, 1]}}]}""").send(), 400))
                    .isEqualTo("Wrong input: Not existing vector name error: sparse_one");
            // a malformed update filter
            assertThat(assertError(api.put("/collections/guarded/points").query("wait", true).json("""
                    {"points": [{"id": 17, "vector": {"dense": [1, 1, 1]}}],
                     "update_filter": {"must": [{"key": "v", "match": {"value": "x"}}], "bogus": 1}}""")
                    .violatingSpec().send(), 400)).startsWith("Format error in JSON body: ");
            // the same through /points/batch
            ApiResponse badBatch = api.post("/collections/guarded/points/batch").query("wait", true).json("""
                    {"operations": [{"upsert": {"points": [{"id": 18, "vector": {"dense": [1, 1]}}]}}]}""").send();
            assertError(badBatch, 400);

            assertThat(pointsCount(api, "guarded")).isEqualTo(2);
            assertUntouched(api);

            first.kill();
        }

        try (QuiverProcess second = QuiverProcess.start(storage)) {
            ContractClient api = second.client();
            assertThat(pointsCount(api, "guarded")).isEqualTo(2);
            assertUntouched(api);
        }
    }

    private static void assertUntouched(ContractClient api) {
        JsonNode page = assertOk(api.post("/collections/guarded/points/scroll").json("""
                {"limit": 100, "with_payload": true, "with_vector": true}""").send());
        assertThat(page.get("points")).isEqualTo(json("""
                [{"id": 1, "payload": {"v": "original"}, "vector": {"dense": [1.0, 1.0, 1.0]}},
                 {"id": 2, "payload": {"v": "original"}, "vector": {"dense": [2.0, 2.0, 2.0]}}]"""));
        assertThat(count(api, "guarded", null)).isEqualTo(2);
    }
}
