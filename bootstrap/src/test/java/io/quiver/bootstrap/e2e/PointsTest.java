package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.PointsTestSupport.absentOrNull;
import static io.quiver.bootstrap.e2e.PointsTestSupport.collectionInfo;
import static io.quiver.bootstrap.e2e.PointsTestSupport.count;
import static io.quiver.bootstrap.e2e.PointsTestSupport.createCollection;
import static io.quiver.bootstrap.e2e.PointsTestSupport.ids;
import static io.quiver.bootstrap.e2e.PointsTestSupport.json;
import static io.quiver.bootstrap.e2e.PointsTestSupport.payload;
import static io.quiver.bootstrap.e2e.PointsTestSupport.record;
import static io.quiver.bootstrap.e2e.PointsTestSupport.scrollIds;
import static io.quiver.bootstrap.e2e.PointsTestSupport.upsert;
import static io.quiver.bootstrap.e2e.PointsTestSupport.write;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertError;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertOk;
import static io.quiver.bootstrap.e2e.QdrantAssertions.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Points CRUD: upsert (list and columnar forms, all id and vector kinds), retrieval, delete, the payload
 * and vector operations, {@code /points/batch} and runtime vector names.
 */
class PointsTest {

    @RegisterExtension
    static final QuiverTestServer SERVER = QuiverTestServer.perClass();

    static ContractClient api() {
        return SERVER.client();
    }

    /** {@code ""} dense (Dot, 3), {@code img} dense (Cosine, 2), {@code multi} multivector (Dot, 2), {@code sp} sparse. */
    static final String MIXED_VECTORS = """
            {"vectors": {
                "": {"size": 3, "distance": "Dot"},
                "img": {"size": 2, "distance": "Cosine"},
                "multi": {"size": 2, "distance": "Dot", "multivector_config": {"comparator": "max_sim"}}},
             "sparse_vectors": {"sp": {}}}""";

    static final String PLAIN = """
            {"vectors": {"size": 2, "distance": "Dot"}}""";

    /** Sparse vectors as an index → value map (Qdrant may reorder the indices). */
    static Map<Long, Double> sparse(JsonNode sv) {
        Map<Long, Double> out = new HashMap<>();
        for (int i = 0; i < sv.get("indices").size(); i++) {
            out.put(sv.get("indices").get(i).asLong(), sv.get("values").get(i).asDouble());
        }
        assertThat(sv.get("values").size()).isEqualTo(sv.get("indices").size());
        return out;
    }

    @Nested
    class Upsert {

        @Test
        void theListFormStoresNumericAndUuidIdsAndAnswersCanonicalUuids() {
            createCollection(api(), "up_list", PLAIN);

            // a hyphenless UUID breaks the document's `format: uuid` but Qdrant (Rust's uuid crate) accepts it
            JsonNode result = assertOk(api().put("/collections/up_list/points").query("wait", true).json("""
                    {"points": [
                        {"id": 7, "vector": [1, 2], "payload": {"n": 7}},
                        {"id": "550e8400e29b41d4a716446655440000", "vector": [3, 4], "payload": {"n": "hyphenless"}},
                        {"id": "A1A2A3A4-B1B2-C1C2-D1D2-D3D4D5D6D7D8", "vector": [5, 6]},
                        {"id": 9223372036854775807, "vector": [7, 8]}]}""").violatingSpec().send());
            assertThat(result.get("status").asText()).isEqualTo("completed");

            JsonNode records = assertOk(api().post("/collections/up_list/points").json("""
                    {"ids": [7, "550e8400-e29b-41d4-a716-446655440000", "a1a2a3a4-b1b2-c1c2-d1d2-d3d4d5d6d7d8",
                             9223372036854775807],
                     "with_vector": true}""").send());
            assertThat(records).hasSize(4);
            Map<String, JsonNode> byId = new HashMap<>();
            records.forEach(r -> byId.put(r.get("id").asText(), r));
            assertThat(byId.keySet()).containsExactlyInAnyOrder("7", "550e8400-e29b-41d4-a716-446655440000",
                    "a1a2a3a4-b1b2-c1c2-d1d2-d3d4d5d6d7d8", "9223372036854775807");
            assertThat(byId.get("7").get("id").isIntegralNumber()).isTrue();
            assertThat(byId.get("9223372036854775807").get("id").isIntegralNumber()).isTrue();
            assertThat(byId.get("550e8400-e29b-41d4-a716-446655440000").get("id").isTextual()).isTrue();
            assertThat(byId.get("7").get("payload")).isEqualTo(json("{\"n\": 7}"));
            assertThat(byId.get("7").get("vector")).isEqualTo(json("[1.0, 2.0]"));
            assertThat(byId.get("550e8400-e29b-41d4-a716-446655440000").get("payload"))
                    .isEqualTo(json("{\"n\": \"hyphenless\"}"));
            assertThat(byId.get("550e8400-e29b-41d4-a716-446655440000").get("vector")).isEqualTo(json("[3.0, 4.0]"));
            assertThat(byId.get("a1a2a3a4-b1b2-c1c2-d1d2-d3d4d5d6d7d8").get("payload")).isEqualTo(json("{}"));
            assertThat(collectionInfo(api(), "up_list").get("points_count").asLong()).isEqualTo(4);
        }

        @Test
        void everyUnsignedSixtyFourBitIdIsAPointId() {
            createCollection(api(), "up_u64", PLAIN);

            upsert(api(), "up_u64", """
                    {"points": [{"id": 9223372036854775808, "vector": [1, 1]},
                                {"id": 18446744073709551615, "vector": [2, 2]}]}""");

            JsonNode records = assertOk(api().post("/collections/up_u64/points").json("""
                    {"ids": [18446744073709551615, 9223372036854775808], "with_vector": true}""").send());
            assertThat(records).hasSize(2);
            assertThat(records.get(0).get("id").bigIntegerValue()).isEqualTo(new BigInteger("18446744073709551615"));
            assertThat(records.get(0).get("vector")).isEqualTo(json("[2.0, 2.0]"));
            assertThat(records.get(1).get("id").bigIntegerValue()).isEqualTo(new BigInteger("9223372036854775808"));
            assertThat(assertOk(api().get("/collections/up_u64/points/18446744073709551615").send()).get("vector"))
                    .isEqualTo(json("[2.0, 2.0]"));
        }

        @Test
        void theBatchFormStoresColumnsPointByPoint() {
            createCollection(api(), "up_batch", PLAIN);

            assertOk(api().put("/collections/up_batch/points").query("wait", true).json("""
                    {"batch": {"ids": [1, 2, "00000000000000000000000000000003"],
                               "vectors": [[1, 0], [0, 1], [1, 1]],
                               "payloads": [{"k": "a"}, null, {"k": "c", "nested": {"x": [1, 2]}}]}}""")
                    .violatingSpec().send());

            JsonNode records = assertOk(api().post("/collections/up_batch/points").json("""
                    {"ids": [1, 2, "00000000-0000-0000-0000-000000000003"], "with_vector": true}""").send());
            assertThat(ids(records)).containsExactly(1L, 2L, "00000000-0000-0000-0000-000000000003");
            assertThat(records.get(0).get("vector")).isEqualTo(json("[1.0, 0.0]"));
            assertThat(records.get(0).get("payload")).isEqualTo(json("{\"k\": \"a\"}"));
            assertThat(records.get(1).get("vector")).isEqualTo(json("[0.0, 1.0]"));
            assertThat(records.get(1).get("payload")).isEqualTo(json("{}"));
            assertThat(records.get(2).get("vector")).isEqualTo(json("[1.0, 1.0]"));
            assertThat(records.get(2).get("payload")).isEqualTo(json("{\"k\": \"c\", \"nested\": {\"x\": [1, 2]}}"));
        }

        @Test
        void theBatchFormTakesNamedSparseAndMultiVectorColumns() {
            createCollection(api(), "up_batch_named", MIXED_VECTORS);

            upsert(api(), "up_batch_named", """
                    {"batch": {"ids": [1, 2],
                               "vectors": {"": [[1, 1, 1], [2, 2, 2]],
                                           "img": [[3, 4], [0, 5]],
                                           "sp": [{"indices": [4], "values": [0.5]}, {"indices": [1, 2], "values": [1, 2]}],
                                           "multi": [[[1, 1]], [[2, 2], [3, 3]]]},
                               "payloads": [{"x": 1}, {"x": 2}]}}""");

            JsonNode second = record(api(), "up_batch_named", 2);
            assertThat(second.get("payload")).isEqualTo(json("{\"x\": 2}"));
            JsonNode v = second.get("vector");
            assertThat(fieldNames(v)).containsExactlyInAnyOrder("", "img", "sp", "multi");
            assertThat(v.get("")).isEqualTo(json("[2.0, 2.0, 2.0]"));
            assertThat(v.get("img")).isEqualTo(json("[0.0, 1.0]"));
            assertThat(sparse(v.get("sp"))).isEqualTo(Map.of(1L, 1.0, 2L, 2.0));
            assertThat(v.get("multi")).isEqualTo(json("[[2.0, 2.0], [3.0, 3.0]]"));
            assertThat(record(api(), "up_batch_named", 1).at("/vector/img")).isEqualTo(json("[0.6, 0.8]"));
        }

        @Test
        void namedDenseSparseAndMultiVectorsIncludingTheEmptyNameRoundTrip() {
            createCollection(api(), "up_named", MIXED_VECTORS);

            upsert(api(), "up_named", """
                    {"points": [
                        {"id": 1, "vector": {"": [1, 2, 3], "img": [0, 2], "multi": [[1, 2], [3, 4], [5, 6]],
                                             "sp": {"indices": [7, 3], "values": [0.7, 0.3]}},
                         "payload": {"all": true}}]}""");

            JsonNode v = record(api(), "up_named", 1).get("vector");
            assertThat(fieldNames(v)).containsExactlyInAnyOrder("", "img", "multi", "sp");
            assertThat(v.get("")).isEqualTo(json("[1.0, 2.0, 3.0]"));
            assertThat(v.get("img")).isEqualTo(json("[0.0, 1.0]"));
            assertThat(v.get("multi")).isEqualTo(json("[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]"));
            assertThat(sparse(v.get("sp"))).containsOnlyKeys(3L, 7L);
            assertThat(sparse(v.get("sp")).get(3L)).isCloseTo(0.3, within(1e-6));
            assertThat(sparse(v.get("sp")).get(7L)).isCloseTo(0.7, within(1e-6));
        }

        @Test
        void vectorsAreOptionalAPointMayCarryOnlyASparseVector() {
            createCollection(api(), "up_optional", MIXED_VECTORS);

            upsert(api(), "up_optional", """
                    {"points": [
                        {"id": 1, "vector": {"sp": {"indices": [2], "values": [1.5]}}, "payload": {"only": "sparse"}},
                        {"id": 2, "vector": {"img": [1, 0]}},
                        {"id": 3, "vector": {"": [1, 1, 1]}},
                        {"id": 4, "vector": {}}]}""");

            JsonNode onlySparse = record(api(), "up_optional", 1);
            assertThat(onlySparse.get("payload")).isEqualTo(json("{\"only\": \"sparse\"}"));
            assertThat(fieldNames(onlySparse.get("vector"))).containsExactly("sp");
            assertThat(sparse(onlySparse.at("/vector/sp"))).isEqualTo(Map.of(2L, 1.5));
            assertThat(fieldNames(record(api(), "up_optional", 2).get("vector"))).containsExactly("img");
            // a point whose only vector is the default one is answered with the bare vector, as Qdrant does
            assertThat(record(api(), "up_optional", 3).get("vector")).isEqualTo(json("[1.0, 1.0, 1.0]"));
            assertThat(record(api(), "up_optional", 4).get("vector")).isEqualTo(json("{}"));
            assertThat(count(api(), "up_optional", null)).isEqualTo(4);
            assertThat(scrollIds(api(), "up_optional", "{\"must\": [{\"has_vector\": \"sp\"}]}")).containsExactly(1L);
            assertThat(scrollIds(api(), "up_optional", "{\"must\": [{\"has_vector\": \"\"}]}")).containsExactly(3L);
        }

        @Test
        void cosineVectorsAreStoredNormalised() {
            createCollection(api(), "up_cosine", """
                    {"vectors": {"size": 3, "distance": "Cosine"}}""");

            upsert(api(), "up_cosine", """
                    {"points": [{"id": 1, "vector": [3, 0, 4]}, {"id": 2, "vector": [0, -2, 0]},
                                {"id": 3, "vector": [1, 1, 1]}]}""");

            assertThat(record(api(), "up_cosine", 1).get("vector")).isEqualTo(json("[0.6, 0.0, 0.8]"));
            assertThat(record(api(), "up_cosine", 2).get("vector")).isEqualTo(json("[0.0, -1.0, 0.0]"));
            JsonNode v3 = assertOk(api().get("/collections/up_cosine/points/3").send()).get("vector");
            double norm = 0;
            for (JsonNode c : v3) {
                assertThat(c.asDouble()).isCloseTo(1 / Math.sqrt(3), within(1e-6));
                norm += c.asDouble() * c.asDouble();
            }
            assertThat(norm).isCloseTo(1.0, within(1e-6));
        }

        @Test
        void waitTrueCompletesWaitFalseAcknowledgesAndOperationIdsIncrease() {
            createCollection(api(), "up_wait", PLAIN);

            JsonNode first = assertOk(api().put("/collections/up_wait/points").query("wait", true).json("""
                    {"points": [{"id": 1, "vector": [1, 1]}]}""").send());
            JsonNode second = assertOk(api().put("/collections/up_wait/points").query("wait", false).json("""
                    {"points": [{"id": 2, "vector": [1, 1]}]}""").send());
            JsonNode third = assertOk(api().put("/collections/up_wait/points").json("""
                    {"points": [{"id": 3, "vector": [1, 1]}]}""").send());
            JsonNode fourth = assertOk(api().post("/collections/up_wait/points/payload").query("wait", true).json("""
                    {"payload": {"a": 1}, "points": [1, 2, 3]}""").send());

            assertThat(first.get("status").asText()).isEqualTo("completed");
            assertThat(second.get("status").asText()).isEqualTo("acknowledged");
            assertThat(third.get("status").asText()).as("wait defaults to false").isEqualTo("acknowledged");
            assertThat(fourth.get("status").asText()).isEqualTo("completed");
            long[] ops = {first.get("operation_id").asLong(), second.get("operation_id").asLong(),
                    third.get("operation_id").asLong(), fourth.get("operation_id").asLong()};
            assertThat(ops).isSorted().doesNotHaveDuplicates();
            // a read after an acknowledged write sees it (the write is applied before the answer here)
            assertThat(count(api(), "up_wait", "{\"must\": [{\"key\": \"a\", \"match\": {\"value\": 1}}]}"))
                    .isEqualTo(3);
        }

        @Test
        void upsertReplacesTheWholePointIncludingItsPayload() {
            createCollection(api(), "up_replace", MIXED_VECTORS);
            upsert(api(), "up_replace", """
                    {"points": [{"id": 1, "vector": {"": [1, 1, 1], "img": [1, 0]}, "payload": {"a": 1, "b": 2}}]}""");

            upsert(api(), "up_replace", """
                    {"points": [{"id": 1, "vector": {"": [2, 2, 2]}, "payload": {"c": 3}}]}""");

            JsonNode r = record(api(), "up_replace", 1);
            assertThat(r.get("payload")).isEqualTo(json("{\"c\": 3}"));
            assertThat(r.get("vector")).isEqualTo(json("[2.0, 2.0, 2.0]"));
        }

        @Test
        void insertOnlyLeavesExistingPointsAlone() {
            createCollection(api(), "up_insert_only", PLAIN);
            upsert(api(), "up_insert_only", """
                    {"points": [{"id": 1, "vector": [1, 1], "payload": {"v": "old"}}]}""");

            upsert(api(), "up_insert_only", """
                    {"points": [{"id": 1, "vector": [9, 9], "payload": {"v": "new"}},
                                {"id": 2, "vector": [2, 2], "payload": {"v": "new"}}],
                     "update_mode": "insert_only"}""");

            JsonNode one = record(api(), "up_insert_only", 1);
            assertThat(one.get("payload")).isEqualTo(json("{\"v\": \"old\"}"));
            assertThat(one.get("vector")).isEqualTo(json("[1.0, 1.0]"));
            assertThat(payload(api(), "up_insert_only", 2)).isEqualTo(json("{\"v\": \"new\"}"));
        }

        @Test
        void updateOnlyNeverCreatesPoints() {
            createCollection(api(), "up_update_only", PLAIN);
            upsert(api(), "up_update_only", """
                    {"points": [{"id": 1, "vector": [1, 1], "payload": {"v": "old"}}]}""");

            upsert(api(), "up_update_only", """
                    {"batch": {"ids": [1, 2], "vectors": [[3, 3], [4, 4]], "payloads": [{"v": "new"}, {"v": "new"}]},
                     "update_mode": "update_only"}""");

            assertThat(scrollIds(api(), "up_update_only", null)).containsExactly(1L);
            JsonNode one = record(api(), "up_update_only", 1);
            assertThat(one.get("payload")).isEqualTo(json("{\"v\": \"new\"}"));
            assertThat(one.get("vector")).isEqualTo(json("[3.0, 3.0]"));
        }

        @Test
        void anUpdateFilterGuardsExistingPointsButNewPointsAreInserted() {
            createCollection(api(), "up_filter", PLAIN);
            upsert(api(), "up_filter", """
                    {"points": [{"id": 1, "vector": [1, 1], "payload": {"version": 1}},
                                {"id": 2, "vector": [1, 1], "payload": {"version": 5}}]}""");

            upsert(api(), "up_filter", """
                    {"points": [{"id": 1, "vector": [2, 2], "payload": {"version": 2}},
                                {"id": 2, "vector": [2, 2], "payload": {"version": 2}},
                                {"id": 3, "vector": [2, 2], "payload": {"version": 2}}],
                     "update_filter": {"must": [{"key": "version", "range": {"lt": 2}}]}}""");

            assertThat(record(api(), "up_filter", 1).get("payload")).isEqualTo(json("{\"version\": 2}"));
            JsonNode two = record(api(), "up_filter", 2);
            assertThat(two.get("payload")).as("guarded point kept").isEqualTo(json("{\"version\": 5}"));
            assertThat(two.get("vector")).isEqualTo(json("[1.0, 1.0]"));
            assertThat(payload(api(), "up_filter", 3)).isEqualTo(json("{\"version\": 2}"));
        }

        @Test
        void everyKindOfJsonPayloadValueRoundTrips() {
            createCollection(api(), "up_payload_kinds", PLAIN);
            String payload = """
                    {"str": "héllo ✓ \\"quoted\\"", "empty_str": "", "int": 42, "neg": -7,
                     "i64_max": 9223372036854775807, "i64_min": -9223372036854775808,
                     "float": 2.5, "whole_float": 3.0, "tiny": 1.0E-300, "huge": 1.0E300,
                     "t": true, "f": false, "nul": null, "empty_arr": [], "empty_obj": {},
                     "mixed": [1, "two", 3.5, null, true, {"k": [1, [2, 3]]}],
                     "deep": {"a": {"b": {"c": {"d": ["e"]}}}}}""";

            upsert(api(), "up_payload_kinds", "{\"points\": [{\"id\": 1, \"vector\": [1, 1], \"payload\": " + payload + "}]}");

            assertThat(payload(api(), "up_payload_kinds", 1)).isEqualTo(json(payload));
            assertThat(assertOk(api().post("/collections/up_payload_kinds/points/scroll").json("{}").send())
                    .at("/points/0/payload")).isEqualTo(json(payload));
        }

        @Test
        void payloadIntegersUpToTheUnsignedSixtyFourBitMaximumRoundTrip() {
            createCollection(api(), "up_payload_u64", PLAIN);

            upsert(api(), "up_payload_u64", """
                    {"points": [{"id": 1, "vector": [1, 1],
                                 "payload": {"u63": 9223372036854775808, "u64_max": 18446744073709551615}}]}""");

            JsonNode p = payload(api(), "up_payload_u64", 1);
            assertThat(p.get("u63").bigIntegerValue()).isEqualTo(new BigInteger("9223372036854775808"));
            assertThat(p.get("u64_max").bigIntegerValue()).isEqualTo(new BigInteger("18446744073709551615"));
            assertThat(scrollIds(api(), "up_payload_u64", "{\"must\": [{\"key\": \"u64_max\", \"range\": {\"gt\": 1e19}}]}"))
                    .containsExactly(1L);
        }

        @Test
        void theLastOfTwoPointsWithTheSameIdInOneUpsertWins() {
            createCollection(api(), "up_duplicate", PLAIN);

            upsert(api(), "up_duplicate", """
                    {"points": [{"id": 1, "vector": [1, 0], "payload": {"n": "first"}},
                                {"id": 1, "vector": [0, 1], "payload": {"n": "last"}}]}""");

            assertThat(count(api(), "up_duplicate", null)).isEqualTo(1);
            JsonNode r = record(api(), "up_duplicate", 1);
            assertThat(r.get("payload")).isEqualTo(json("{\"n\": \"last\"}"));
            assertThat(r.get("vector")).isEqualTo(json("[0.0, 1.0]"));
        }

        @Test
        void aZeroVectorInACosineCollectionStaysZeroAndScoresZero() {
            createCollection(api(), "up_zero_cosine", """
                    {"vectors": {"size": 3, "distance": "Cosine"}}""");

            upsert(api(), "up_zero_cosine", """
                    {"points": [{"id": 1, "vector": [0, 0, 0]}, {"id": 2, "vector": [0, 2, 0]}]}""");

            assertThat(record(api(), "up_zero_cosine", 1).get("vector")).isEqualTo(json("[0.0, 0.0, 0.0]"));
            JsonNode hits = assertOk(api().post("/collections/up_zero_cosine/points/query").json("""
                    {"query": [0, 1, 1]}""").send()).get("points");
            assertThat(ids(hits)).containsExactly(2L, 1L);
            assertThat(hits.get(1).get("score").asDouble()).isZero();
        }

        @Test
        void aBadPointRejectsTheWholeUpsert() {
            createCollection(api(), "up_atomic", PLAIN);

            String error = assertError(api().put("/collections/up_atomic/points").query("wait", true).json("""
                    {"points": [{"id": 1, "vector": [1, 1]}, {"id": 2, "vector": [1, 1, 1]}]}""").send(), 400);

            assertThat(error).isEqualTo("Wrong input: Vector dimension error: expected dim: 2, got 3");
            assertThat(count(api(), "up_atomic", null)).isZero();
        }

        @Test
        void upsertIntoAMissingCollectionIsNotFound() {
            String error = assertError(api().put("/collections/up_nowhere/points").query("wait", true).json("""
                    {"points": [{"id": 1, "vector": [1, 1]}]}""").send(), 404);

            assertThat(error).isEqualTo("Not found: Collection `up_nowhere` doesn't exist!");
        }
    }

    @Nested
    class Retrieve {

        static final String POINT = """
                {"points": [{"id": 10, "vector": {"": [1, 0, 0], "img": [0, 2], "sp": {"indices": [1], "values": [0.5]}},
                             "payload": {"a": 1, "b": {"c": 2, "d": 3}, "e": "x"}}]}""";

        static boolean created;

        static synchronized void fixture() {
            if (!created) {
                createCollection(api(), "get_one", MIXED_VECTORS);
                upsert(api(), "get_one", POINT);
                created = true;
            }
        }

        JsonNode retrieve(String options) {
            fixture();
            JsonNode result = assertOk(api().post("/collections/get_one/points").json(
                    "{\"ids\": [10]" + options + "}").send());
            assertThat(result).hasSize(1);
            assertThat(result.get(0).get("id").asLong()).isEqualTo(10);
            return result.get(0);
        }

        @Test
        void getByIdAnswersPayloadAndEveryVector() {
            fixture();

            JsonNode r = assertOk(api().get("/collections/get_one/points/10").send());

            assertThat(r.get("id").asLong()).isEqualTo(10);
            assertThat(r.get("payload")).isEqualTo(json("{\"a\": 1, \"b\": {\"c\": 2, \"d\": 3}, \"e\": \"x\"}"));
            assertThat(fieldNames(r.get("vector"))).containsExactlyInAnyOrder("", "img", "sp");
            assertThat(r.at("/vector/img")).isEqualTo(json("[0.0, 1.0]"));
        }

        @Test
        void getByIdOfAMissingPointIsNotFound() {
            fixture();

            String error = assertError(api().get("/collections/get_one/points/99").send(), 404);

            assertThat(error).isEqualTo("Not found: No point with id 99 found");
        }

        @Test
        void getFromAMissingCollectionIsNotFound() {
            String error = assertError(api().get("/collections/get_nowhere/points/1").send(), 404);

            assertThat(error).isEqualTo("Not found: Collection `get_nowhere` doesn't exist!");
        }

        @Test
        void retrieveDefaultsToPayloadWithoutVectors() {
            JsonNode r = retrieve("");

            assertThat(r.get("payload")).isEqualTo(json("{\"a\": 1, \"b\": {\"c\": 2, \"d\": 3}, \"e\": \"x\"}"));
            assertThat(absentOrNull(r, "vector")).as("no vector in %s", r).isTrue();
        }

        @Test
        void retrieveSkipsMissingIdsAndKeepsTheRequestedOrder() {
            fixture();
            upsert(api(), "get_one", """
                    {"points": [{"id": 11, "vector": {"": [0, 1, 0]}}, {"id": 12, "vector": {"": [0, 0, 1]}}]}""");

            JsonNode result = assertOk(api().post("/collections/get_one/points").json("""
                    {"ids": [12, 404, 10, 11], "with_payload": false}""").send());

            assertThat(ids(result)).containsExactly(12L, 10L, 11L);
        }

        @Test
        void withPayloadTrueAndFalse() {
            assertThat(retrieve(", \"with_payload\": true").get("payload")).isEqualTo(json("""
                    {"a": 1, "b": {"c": 2, "d": 3}, "e": "x"}"""));
            assertThat(absentOrNull(retrieve(", \"with_payload\": false"), "payload")).isTrue();
        }

        @Test
        void withPayloadAsAListOfKeysIncludingNestedPaths() {
            assertThat(retrieve(", \"with_payload\": [\"a\", \"b.c\"]").get("payload"))
                    .isEqualTo(json("{\"a\": 1, \"b\": {\"c\": 2}}"));
        }

        @Test
        void withPayloadIncludeAndExclude() {
            assertThat(retrieve(", \"with_payload\": {\"include\": [\"b\"]}").get("payload"))
                    .isEqualTo(json("{\"b\": {\"c\": 2, \"d\": 3}}"));
            assertThat(retrieve(", \"with_payload\": {\"exclude\": [\"b.d\", \"e\"]}").get("payload"))
                    .isEqualTo(json("{\"a\": 1, \"b\": {\"c\": 2}}"));
        }

        @Test
        void withVectorTrueFalseAndByName() {
            JsonNode all = retrieve(", \"with_payload\": false, \"with_vector\": true").get("vector");
            assertThat(fieldNames(all)).containsExactlyInAnyOrder("", "img", "sp");
            assertThat(all.get("")).isEqualTo(json("[1.0, 0.0, 0.0]"));
            assertThat(sparse(all.get("sp"))).isEqualTo(Map.of(1L, 0.5));

            assertThat(absentOrNull(retrieve(", \"with_vector\": false"), "vector")).isTrue();

            JsonNode some = retrieve(", \"with_vector\": [\"img\", \"sp\"]").get("vector");
            assertThat(fieldNames(some)).containsExactlyInAnyOrder("img", "sp");
            assertThat(some.get("img")).isEqualTo(json("[0.0, 1.0]"));
        }
    }

    @Nested
    class Delete {

        @Test
        void deleteByIdsRemovesOnlyThoseAndIgnoresUnknownIds() {
            createCollection(api(), "del_ids", PLAIN);
            upsert(api(), "del_ids", """
                    {"points": [{"id": 1, "vector": [1, 1]}, {"id": 2, "vector": [1, 1]},
                                {"id": "00000000-0000-0000-0000-00000000000a", "vector": [1, 1]}]}""");

            assertOk(api().post("/collections/del_ids/points/delete").query("wait", true).json("""
                    {"points": [2, "0000000000000000000000000000000a", 404]}""").violatingSpec().send());

            assertThat(scrollIds(api(), "del_ids", null)).containsExactly(1L);
            assertThat(collectionInfo(api(), "del_ids").get("points_count").asLong()).isEqualTo(1);
            assertError(api().get("/collections/del_ids/points/2").send(), 404);
        }

        @Test
        void deleteByFilterRemovesEveryMatchingPoint() {
            createCollection(api(), "del_filter", PLAIN);
            upsert(api(), "del_filter", """
                    {"points": [{"id": 1, "vector": [1, 1], "payload": {"color": "red"}},
                                {"id": 2, "vector": [1, 1], "payload": {"color": "blue"}},
                                {"id": 3, "vector": [1, 1], "payload": {"color": ["red", "green"]}},
                                {"id": 4, "vector": [1, 1]}]}""");

            write(api().post("/collections/del_filter/points/delete").json("""
                    {"filter": {"must": [{"key": "color", "match": {"value": "red"}}]}}"""));

            assertThat(scrollIds(api(), "del_filter", null)).containsExactly(2L, 4L);
            assertThat(count(api(), "del_filter", null)).isEqualTo(2);
        }

        @Test
        void aDeletedPointCanBeInsertedAgain() {
            createCollection(api(), "del_again", PLAIN);
            upsert(api(), "del_again", """
                    {"points": [{"id": 1, "vector": [1, 1], "payload": {"gen": 1}}]}""");
            write(api().post("/collections/del_again/points/delete").json("{\"points\": [1]}"));

            upsert(api(), "del_again", """
                    {"points": [{"id": 1, "vector": [2, 2], "payload": {"gen": 2}}]}""");

            JsonNode r = record(api(), "del_again", 1);
            assertThat(r.get("payload")).isEqualTo(json("{\"gen\": 2}"));
            assertThat(r.get("vector")).isEqualTo(json("[2.0, 2.0]"));
        }
    }

    @Nested
    class Payload {

        void fixture(String name) {
            createCollection(api(), name, PLAIN);
            upsert(api(), name, """
                    {"points": [
                        {"id": 1, "vector": [1, 1], "payload": {"a": 1, "n": {"x": 1, "y": 2}, "arr": [{"k": 1}, {"k": 2}]}},
                        {"id": 2, "vector": [1, 1], "payload": {"a": 2, "n": {"x": 1}}},
                        {"id": 3, "vector": [1, 1], "payload": {"a": 3}}]}""");
        }

        @Test
        void setPayloadMergesTopLevelKeysByIds() {
            fixture("pl_set_ids");

            write(api().post("/collections/pl_set_ids/points/payload").json("""
                    {"payload": {"b": "new", "n": {"z": 9}}, "points": [1, 3]}"""));

            assertThat(payload(api(), "pl_set_ids", 1)).isEqualTo(json("""
                    {"a": 1, "n": {"z": 9}, "arr": [{"k": 1}, {"k": 2}], "b": "new"}"""));
            assertThat(payload(api(), "pl_set_ids", 2)).isEqualTo(json("{\"a\": 2, \"n\": {\"x\": 1}}"));
            assertThat(payload(api(), "pl_set_ids", 3)).isEqualTo(json("{\"a\": 3, \"n\": {\"z\": 9}, \"b\": \"new\"}"));
        }

        @Test
        void setPayloadWithAKeyMergesIntoTheNestedObject() {
            fixture("pl_set_key");

            write(api().post("/collections/pl_set_key/points/payload").json("""
                    {"payload": {"x": 9, "z": 3}, "points": [1], "key": "n"}"""));
            write(api().post("/collections/pl_set_key/points/payload").json("""
                    {"payload": {"deep": true}, "points": [3], "key": "p.q"}"""));
            write(api().post("/collections/pl_set_key/points/payload").json("""
                    {"payload": {"m": 0}, "points": [1], "key": "arr[]"}"""));

            assertThat(payload(api(), "pl_set_key", 1)).isEqualTo(json("""
                    {"a": 1, "n": {"x": 9, "y": 2, "z": 3}, "arr": [{"k": 1, "m": 0}, {"k": 2, "m": 0}]}"""));
            assertThat(payload(api(), "pl_set_key", 3)).isEqualTo(json("{\"a\": 3, \"p\": {\"q\": {\"deep\": true}}}"));
        }

        @Test
        void setPayloadByFilter() {
            fixture("pl_set_filter");

            write(api().post("/collections/pl_set_filter/points/payload").json("""
                    {"payload": {"big": true}, "filter": {"must": [{"key": "a", "range": {"gte": 2}}]}}"""));

            assertThat(scrollIds(api(), "pl_set_filter", "{\"must\": [{\"key\": \"big\", \"match\": {\"value\": true}}]}"))
                    .containsExactly(2L, 3L);
            assertThat(payload(api(), "pl_set_filter", 1).has("big")).isFalse();
        }

        @Test
        void setPayloadOnAMissingPointIsNotFoundAndChangesNothing() {
            fixture("pl_set_missing");

            String error = assertError(api().post("/collections/pl_set_missing/points/payload").query("wait", true)
                    .json("{\"payload\": {\"b\": 1}, \"points\": [42]}").send(), 404);

            assertThat(error).isEqualTo("Not found: No point with id 42 found");
            assertThat(count(api(), "pl_set_missing", "{\"must\": [{\"key\": \"b\", \"match\": {\"value\": 1}}]}"))
                    .isZero();
            assertThat(count(api(), "pl_set_missing", null)).isEqualTo(3);
        }

        @Test
        void overwritePayloadReplacesEverythingByIdsAndByFilter() {
            fixture("pl_overwrite");

            write(api().put("/collections/pl_overwrite/points/payload").json("""
                    {"payload": {"only": 1}, "points": [1]}"""));
            write(api().put("/collections/pl_overwrite/points/payload").json("""
                    {"payload": {"only": 2}, "filter": {"must": [{"key": "a", "match": {"any": [2, 3]}}]}}"""));

            assertThat(payload(api(), "pl_overwrite", 1)).isEqualTo(json("{\"only\": 1}"));
            assertThat(payload(api(), "pl_overwrite", 2)).isEqualTo(json("{\"only\": 2}"));
            assertThat(payload(api(), "pl_overwrite", 3)).isEqualTo(json("{\"only\": 2}"));
            assertThat(assertError(api().put("/collections/pl_overwrite/points/payload").query("wait", true)
                    .json("{\"payload\": {\"x\": 1}, \"points\": [42]}").send(), 404))
                    .isEqualTo("Not found: No point with id 42 found");
        }

        @Test
        void deletePayloadRemovesTopLevelAndNestedKeysByIds() {
            fixture("pl_delete_ids");

            write(api().post("/collections/pl_delete_ids/points/payload/delete").json("""
                    {"keys": ["a", "n.y", "arr[].k", "not_there"], "points": [1, 2]}"""));

            assertThat(payload(api(), "pl_delete_ids", 1)).isEqualTo(json("{\"n\": {\"x\": 1}, \"arr\": [{}, {}]}"));
            assertThat(payload(api(), "pl_delete_ids", 2)).isEqualTo(json("{\"n\": {\"x\": 1}}"));
            assertThat(payload(api(), "pl_delete_ids", 3)).isEqualTo(json("{\"a\": 3}"));
        }

        @Test
        void deletePayloadByFilter() {
            fixture("pl_delete_filter");

            write(api().post("/collections/pl_delete_filter/points/payload/delete").json("""
                    {"keys": ["n.x"], "filter": {"must": [{"key": "n.x", "match": {"value": 1}}]}}"""));

            assertThat(payload(api(), "pl_delete_filter", 1)).isEqualTo(json("""
                    {"a": 1, "n": {"y": 2}, "arr": [{"k": 1}, {"k": 2}]}"""));
            assertThat(payload(api(), "pl_delete_filter", 2)).isEqualTo(json("{\"a\": 2, \"n\": {}}"));
            assertThat(payload(api(), "pl_delete_filter", 3)).isEqualTo(json("{\"a\": 3}"));
        }

        @Test
        void clearPayloadByIdsAndByFilter() {
            fixture("pl_clear");

            write(api().post("/collections/pl_clear/points/payload/clear").json("{\"points\": [1]}"));
            assertThat(payload(api(), "pl_clear", 1)).isEqualTo(json("{}"));
            assertThat(payload(api(), "pl_clear", 2)).isEqualTo(json("{\"a\": 2, \"n\": {\"x\": 1}}"));

            write(api().post("/collections/pl_clear/points/payload/clear").json("""
                    {"filter": {"must": [{"key": "a", "match": {"value": 3}}]}}"""));
            assertThat(payload(api(), "pl_clear", 3)).isEqualTo(json("{}"));
            assertThat(payload(api(), "pl_clear", 2)).isEqualTo(json("{\"a\": 2, \"n\": {\"x\": 1}}"));
            // the points and their vectors are still there
            assertThat(count(api(), "pl_clear", null)).isEqualTo(3);
            assertThat(record(api(), "pl_clear", 1).get("vector")).isEqualTo(json("[1.0, 1.0]"));
        }

        @Test
        void payloadWritesOnMissingPointsAreNotFound() {
            fixture("pl_missing");

            assertThat(assertError(api().post("/collections/pl_missing/points/payload/delete").query("wait", true)
                    .json("{\"keys\": [\"a\"], \"points\": [42]}").send(), 404))
                    .isEqualTo("Not found: No point with id 42 found");
            assertThat(assertError(api().post("/collections/pl_missing/points/payload/clear").query("wait", true)
                    .json("{\"points\": [42]}").send(), 404))
                    .isEqualTo("Not found: No point with id 42 found");
        }
    }

    @Nested
    class Vectors {

        @Test
        void updateVectorsReplacesOneNamedVectorAndKeepsTheOthersAndThePayload() {
            createCollection(api(), "vec_update", MIXED_VECTORS);
            upsert(api(), "vec_update", """
                    {"points": [{"id": 1, "vector": {"": [1, 2, 3], "img": [3, 4], "sp": {"indices": [1], "values": [2]}},
                                 "payload": {"k": "v"}}]}""");

            write(api().put("/collections/vec_update/points/vectors").json("""
                    {"points": [{"id": 1, "vector": {"img": [0, 5], "multi": [[1, 1], [2, 2]]}}]}"""));

            JsonNode r = record(api(), "vec_update", 1);
            assertThat(r.get("payload")).isEqualTo(json("{\"k\": \"v\"}"));
            JsonNode v = r.get("vector");
            assertThat(fieldNames(v)).containsExactlyInAnyOrder("", "img", "sp", "multi");
            assertThat(v.get("")).isEqualTo(json("[1.0, 2.0, 3.0]"));
            assertThat(v.get("img")).isEqualTo(json("[0.0, 1.0]"));
            assertThat(v.get("multi")).isEqualTo(json("[[1.0, 1.0], [2.0, 2.0]]"));
            assertThat(sparse(v.get("sp"))).isEqualTo(Map.of(1L, 2.0));
        }

        @Test
        void updateVectorsOnAMissingPointIsNotFoundAndAnUnknownNameIsBadInput() {
            createCollection(api(), "vec_update_bad", MIXED_VECTORS);
            upsert(api(), "vec_update_bad", """
                    {"points": [{"id": 1, "vector": {"": [1, 2, 3]}}]}""");

            assertThat(assertError(api().put("/collections/vec_update_bad/points/vectors").query("wait", true).json("""
                    {"points": [{"id": 99, "vector": {"img": [0, 5]}}]}""").send(), 404))
                    .isEqualTo("Not found: No point with id 99 found");
            assertThat(assertError(api().put("/collections/vec_update_bad/points/vectors").query("wait", true).json("""
                    {"points": [{"id": 1, "vector": {"nope": [0, 5]}}]}""").send(), 400))
                    .isEqualTo("Wrong input: Not existing vector name error: nope");
            assertThat(assertError(api().put("/collections/vec_update_bad/points/vectors").query("wait", true).json("""
                    {"points": [{"id": 1, "vector": {"": [0, 5]}}]}""").send(), 400))
                    .isEqualTo("Wrong input: Vector dimension error: expected dim: 3, got 2");
            assertThat(record(api(), "vec_update_bad", 1).get("vector")).isEqualTo(json("[1.0, 2.0, 3.0]"));
        }

        @Test
        void deleteVectorsByIdsAndByFilterKeepsThePointAndItsPayload() {
            createCollection(api(), "vec_delete", MIXED_VECTORS);
            upsert(api(), "vec_delete", """
                    {"points": [
                        {"id": 1, "vector": {"": [1, 2, 3], "img": [3, 4], "sp": {"indices": [1], "values": [2]}},
                         "payload": {"k": 1}},
                        {"id": 2, "vector": {"": [1, 2, 3], "img": [3, 4]}, "payload": {"k": 2}}]}""");

            write(api().post("/collections/vec_delete/points/vectors/delete").json("""
                    {"points": [1], "vector": ["img", "sp"]}"""));
            write(api().post("/collections/vec_delete/points/vectors/delete").json("""
                    {"filter": {"must": [{"key": "k", "match": {"value": 2}}]}, "vector": [""]}"""));

            JsonNode one = record(api(), "vec_delete", 1);
            assertThat(one.get("payload")).isEqualTo(json("{\"k\": 1}"));
            assertThat(one.get("vector")).isEqualTo(json("[1.0, 2.0, 3.0]"));
            JsonNode two = record(api(), "vec_delete", 2);
            assertThat(two.get("payload")).isEqualTo(json("{\"k\": 2}"));
            assertThat(fieldNames(two.get("vector"))).containsExactly("img");
            assertThat(count(api(), "vec_delete", null)).isEqualTo(2);
            assertThat(scrollIds(api(), "vec_delete", "{\"must\": [{\"has_vector\": \"img\"}]}")).containsExactly(2L);
            assertThat(assertError(api().post("/collections/vec_delete/points/vectors/delete").query("wait", true)
                    .json("{\"points\": [1], \"vector\": [\"nope\"]}").send(), 400))
                    .isEqualTo("Wrong input: Not existing vector name error: nope");
        }
    }

    @Nested
    class Batch {

        @Test
        void allEightOperationKindsAreAppliedInOrder() {
            createCollection(api(), "batch_all", """
                    {"vectors": {"v": {"size": 2, "distance": "Dot"}, "w": {"size": 2, "distance": "Dot"}}}""");

            JsonNode results = assertOk(api().post("/collections/batch_all/points/batch").query("wait", true).json("""
                    {"operations": [
                        {"upsert": {"points": [
                            {"id": 1, "vector": {"v": [1, 1], "w": [2, 2]}, "payload": {"a": 1, "b": 2}},
                            {"id": 2, "vector": {"v": [1, 1]}, "payload": {"a": 2}},
                            {"id": 3, "vector": {"v": [3, 3]}, "payload": {"a": 3}}]}},
                        {"delete": {"points": [3]}},
                        {"set_payload": {"payload": {"c": 3}, "points": [1]}},
                        {"overwrite_payload": {"payload": {"o": 1}, "points": [2]}},
                        {"delete_payload": {"keys": ["a"], "points": [1]}},
                        {"clear_payload": {"points": [2]}},
                        {"update_vectors": {"points": [{"id": 2, "vector": {"w": [9, 9]}}]}},
                        {"delete_vectors": {"points": [1], "vector": ["w"]}},
                        {"set_payload": {"payload": {"after": "clear"}, "filter": {"must": [{"has_id": [2]}]}}}]}""")
                    .send());

            assertThat(results).hasSize(9);
            List<Long> ops = new ArrayList<>();
            for (JsonNode r : results) {
                assertThat(r.get("status").asText()).isEqualTo("completed");
                ops.add(r.get("operation_id").asLong());
            }
            assertThat(ops).isSorted().doesNotHaveDuplicates();
            assertThat(scrollIds(api(), "batch_all", null)).containsExactly(1L, 2L);
            JsonNode one = record(api(), "batch_all", 1);
            assertThat(one.get("payload")).isEqualTo(json("{\"b\": 2, \"c\": 3}"));
            assertThat(one.get("vector")).isEqualTo(json("{\"v\": [1.0, 1.0]}"));
            JsonNode two = record(api(), "batch_all", 2);
            assertThat(two.get("payload")).isEqualTo(json("{\"after\": \"clear\"}"));
            assertThat(two.get("vector")).isEqualTo(json("{\"v\": [1.0, 1.0], \"w\": [9.0, 9.0]}"));
        }

        @Test
        void anEmptyBatchAnswersAnEmptyList() {
            createCollection(api(), "batch_empty", PLAIN);

            JsonNode results = assertOk(api().post("/collections/batch_empty/points/batch").query("wait", true)
                    .json("{\"operations\": []}").send());

            assertThat(results.isArray()).isTrue();
            assertThat(results).isEmpty();
        }
    }

    @Nested
    class VectorNames {

        @Test
        void aDenseVectorNameAddedAtRuntimeCanBeFilledSearchedAndDeleted() {
            createCollection(api(), "vn_dense", """
                    {"vectors": {"v": {"size": 2, "distance": "Dot"}}}""");
            upsert(api(), "vn_dense", """
                    {"points": [{"id": 1, "vector": {"v": [1, 1]}, "payload": {"k": 1}},
                                {"id": 2, "vector": {"v": [2, 2]}}]}""");

            write(api().put("/collections/vn_dense/vectors/extra").json("""
                    {"dense": {"size": 3, "distance": "Euclid"}}"""));

            assertThat(collectionInfo(api(), "vn_dense").at("/config/params/vectors/extra")).isEqualTo(json("""
                    {"size": 3, "distance": "Euclid"}"""));
            write(api().put("/collections/vn_dense/points/vectors").json("""
                    {"points": [{"id": 1, "vector": {"extra": [1, 2, 3]}}, {"id": 2, "vector": {"extra": [0, 0, 0]}}]}"""));
            upsert(api(), "vn_dense", """
                    {"points": [{"id": 3, "vector": {"v": [3, 3], "extra": [1, 2, 4]}}]}""");
            JsonNode hits = assertOk(api().post("/collections/vn_dense/points/query").json("""
                    {"query": [1, 2, 3.4], "using": "extra", "limit": 3}""").send()).get("points");
            assertThat(ids(hits)).containsExactly(1L, 3L, 2L);
            assertThat(hits.get(0).get("score").asDouble()).isCloseTo(0.4, within(1e-5));
            assertThat(record(api(), "vn_dense", 1).get("vector")).isEqualTo(json("""
                    {"v": [1.0, 1.0], "extra": [1.0, 2.0, 3.0]}"""));

            write(api().delete("/collections/vn_dense/vectors/extra"));

            assertThat(fieldNames(collectionInfo(api(), "vn_dense").at("/config/params/vectors"))).containsExactly("v");
            assertThat(record(api(), "vn_dense", 1).get("vector")).isEqualTo(json("{\"v\": [1.0, 1.0]}"));
            assertThat(payload(api(), "vn_dense", 1)).isEqualTo(json("{\"k\": 1}"));
            assertThat(assertError(api().post("/collections/vn_dense/points/query").json("""
                    {"query": [1, 2, 3], "using": "extra"}""").send(), 400))
                    .isEqualTo("Wrong input: Not existing vector name error: extra");
            assertThat(assertError(api().put("/collections/vn_dense/points/vectors").query("wait", true).json("""
                    {"points": [{"id": 1, "vector": {"extra": [1, 2, 3]}}]}""").send(), 400))
                    .isEqualTo("Wrong input: Not existing vector name error: extra");
        }

        @Test
        void aSparseVectorNameAddedAtRuntimeCanBeFilledAndDeleted() {
            createCollection(api(), "vn_sparse", PLAIN);
            upsert(api(), "vn_sparse", """
                    {"points": [{"id": 1, "vector": [1, 1]}]}""");

            write(api().put("/collections/vn_sparse/vectors/words").json("{\"sparse\": {}}"));

            assertThat(fieldNames(collectionInfo(api(), "vn_sparse").at("/config/params/sparse_vectors")))
                    .containsExactly("words");
            write(api().put("/collections/vn_sparse/points/vectors").json("""
                    {"points": [{"id": 1, "vector": {"words": {"indices": [3, 9], "values": [0.5, 1.5]}}}]}"""));
            JsonNode v = record(api(), "vn_sparse", 1).get("vector");
            assertThat(v.get("")).isEqualTo(json("[1.0, 1.0]"));
            assertThat(sparse(v.get("words"))).isEqualTo(Map.of(3L, 0.5, 9L, 1.5));
            assertThat(scrollIds(api(), "vn_sparse", "{\"must\": [{\"has_vector\": \"words\"}]}")).containsExactly(1L);
            JsonNode hits = assertOk(api().post("/collections/vn_sparse/points/query").json("""
                    {"query": {"indices": [9, 4], "values": [2, 1]}, "using": "words"}""").send()).get("points");
            assertThat(ids(hits)).containsExactly(1L);
            assertThat(hits.get(0).get("score").asDouble()).isCloseTo(3.0, within(1e-5));

            write(api().delete("/collections/vn_sparse/vectors/words"));

            JsonNode sparseConfig = collectionInfo(api(), "vn_sparse").at("/config/params/sparse_vectors");
            assertThat(sparseConfig.isMissingNode() || sparseConfig.isEmpty()).as("sparse config %s", sparseConfig)
                    .isTrue();
            assertThat(record(api(), "vn_sparse", 1).get("vector")).isEqualTo(json("[1.0, 1.0]"));
            assertThat(assertError(api().post("/collections/vn_sparse/points/query").json("""
                    {"query": {"indices": [9], "values": [2]}, "using": "words"}""").send(), 400)).contains("words");
        }

        @Test
        void creatingAnExistingVectorNameIsRejected() {
            createCollection(api(), "vn_twice", """
                    {"vectors": {"v": {"size": 2, "distance": "Dot"}}}""");

            ApiResponse r = api().put("/collections/vn_twice/vectors/v").query("wait", true).json("""
                    {"dense": {"size": 4, "distance": "Cosine"}}""").send();

            assertThat(r.status()).isBetween(400, 499);
            assertError(r, r.status());
            assertThat(collectionInfo(api(), "vn_twice").at("/config/params/vectors/v")).isEqualTo(json("""
                    {"size": 2, "distance": "Dot"}"""));
        }

        @Test
        void deletingAnUnknownVectorNameIsAClientError() {
            createCollection(api(), "vn_unknown", PLAIN);

            ApiResponse r = api().delete("/collections/vn_unknown/vectors/ghost").query("wait", true).send();

            assertThat(r.status()).isBetween(400, 499);
            assertError(r, r.status());
        }
    }
}
