package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.PointsTestSupport.collectionInfo;
import static io.quiver.bootstrap.e2e.PointsTestSupport.count;
import static io.quiver.bootstrap.e2e.PointsTestSupport.createCollection;
import static io.quiver.bootstrap.e2e.PointsTestSupport.ids;
import static io.quiver.bootstrap.e2e.PointsTestSupport.json;
import static io.quiver.bootstrap.e2e.PointsTestSupport.scrollIds;
import static io.quiver.bootstrap.e2e.PointsTestSupport.upsert;
import static io.quiver.bootstrap.e2e.PointsTestSupport.write;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertError;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertOk;
import static io.quiver.bootstrap.e2e.QdrantAssertions.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code PUT/DELETE /collections/{c}/index}, {@code payload_schema}, facet and scroll {@code order_by}. */
class PayloadIndexTest {

    @RegisterExtension
    static final QuiverTestServer SERVER = QuiverTestServer.perClass();

    static ContractClient api() {
        return SERVER.client();
    }

    static final String PLAIN = """
            {"vectors": {"size": 2, "distance": "Dot"}}""";

    static JsonNode createIndex(String collection, String field, String schema) {
        return write(api().put("/collections/" + collection + "/index").json(
                "{\"field_name\": \"" + field + "\", \"field_schema\": " + schema + "}"));
    }

    static JsonNode schema(String collection) {
        return collectionInfo(api(), collection).get("payload_schema");
    }

    @Nested
    class Schema {

        @Test
        void everyIndexTypeIsReportedWithItsDataTypeParamsAndPointCount() {
            createCollection(api(), "idx_types", PLAIN);
            upsert(api(), "idx_types", """
                    {"points": [
                        {"id": 1, "vector": [1, 1], "payload": {"kw": "a", "int": 1, "fl": 1.5, "b": true,
                            "geo": {"lon": 1, "lat": 2}, "dt": "2024-01-01T00:00:00Z",
                            "uid": "550e8400-e29b-41d4-a716-446655440000", "txt": "hello world"}},
                        {"id": 2, "vector": [1, 1], "payload": {"kw": ["b", "c"], "int": [2, 3], "fl": 2, "b": false}},
                        {"id": 3, "vector": [1, 1], "payload": {"other": 1}}]}""");

            createIndex("idx_types", "kw", "\"keyword\"");
            createIndex("idx_types", "int", """
                    {"type": "integer", "lookup": true, "range": true}""");
            createIndex("idx_types", "fl", "\"float\"");
            createIndex("idx_types", "b", "\"bool\"");
            createIndex("idx_types", "geo", "\"geo\"");
            createIndex("idx_types", "dt", "\"datetime\"");
            createIndex("idx_types", "uid", "\"uuid\"");
            createIndex("idx_types", "txt", """
                    {"type": "text", "tokenizer": "word", "lowercase": true, "phrase_matching": true}""");

            JsonNode schema = schema("idx_types");
            assertThat(fieldNames(schema)).containsExactlyInAnyOrder("kw", "int", "fl", "b", "geo", "dt", "uid", "txt");
            assertThat(schema.get("kw")).isEqualTo(json("{\"data_type\": \"keyword\", \"points\": 2}"));
            assertThat(schema.get("int")).isEqualTo(json("""
                    {"data_type": "integer", "params": {"type": "integer", "lookup": true, "range": true}, "points": 2}"""));
            assertThat(schema.get("fl")).isEqualTo(json("{\"data_type\": \"float\", \"points\": 2}"));
            assertThat(schema.get("b")).isEqualTo(json("{\"data_type\": \"bool\", \"points\": 2}"));
            assertThat(schema.get("geo")).isEqualTo(json("{\"data_type\": \"geo\", \"points\": 1}"));
            assertThat(schema.get("dt")).isEqualTo(json("{\"data_type\": \"datetime\", \"points\": 1}"));
            assertThat(schema.get("uid")).isEqualTo(json("{\"data_type\": \"uuid\", \"points\": 1}"));
            assertThat(schema.get("txt")).isEqualTo(json("""
                    {"data_type": "text",
                     "params": {"type": "text", "tokenizer": "word", "lowercase": true, "phrase_matching": true},
                     "points": 1}"""));
        }

        @Test
        void anIndexOnAnEmptyCollectionCountsNoPointsAndThenFollowsWrites() {
            createCollection(api(), "idx_counts", PLAIN);
            createIndex("idx_counts", "k", "\"keyword\"");
            assertThat(schema("idx_counts")).isEqualTo(json("{\"k\": {\"data_type\": \"keyword\", \"points\": 0}}"));

            upsert(api(), "idx_counts", """
                    {"points": [{"id": 1, "vector": [1, 1], "payload": {"k": "a"}},
                                {"id": 2, "vector": [1, 1], "payload": {"k": ["a", "b"]}},
                                {"id": 3, "vector": [1, 1], "payload": {"k": 5}},
                                {"id": 4, "vector": [1, 1]}]}""");
            assertThat(schema("idx_counts").at("/k/points").asLong()).as("points with a keyword value").isEqualTo(2);

            write(api().post("/collections/idx_counts/points/delete").json("{\"points\": [1]}"));
            assertThat(schema("idx_counts").at("/k/points").asLong()).isEqualTo(1);

            write(api().post("/collections/idx_counts/points/payload").json("""
                    {"payload": {"k": "z"}, "points": [3, 4]}"""));
            assertThat(schema("idx_counts").at("/k/points").asLong()).isEqualTo(3);

            write(api().post("/collections/idx_counts/points/payload/clear").json("{\"points\": [2]}"));
            write(api().post("/collections/idx_counts/points/payload/delete").json("""
                    {"keys": ["k"], "points": [3]}"""));
            assertThat(schema("idx_counts").at("/k/points").asLong()).isEqualTo(1);

            upsert(api(), "idx_counts", """
                    {"points": [{"id": 4, "vector": [1, 1], "payload": {"other": 1}}]}""");
            assertThat(schema("idx_counts").at("/k/points").asLong()).as("upsert replaced the payload").isZero();
        }

        @Test
        void deletingAnIndexRemovesItFromTheSchemaButNotTheData() {
            createCollection(api(), "idx_delete", PLAIN);
            upsert(api(), "idx_delete", """
                    {"points": [{"id": 1, "vector": [1, 1], "payload": {"k": "a", "n": 1}},
                                {"id": 2, "vector": [1, 1], "payload": {"k": "b", "n": 2}}]}""");
            createIndex("idx_delete", "k", "\"keyword\"");
            createIndex("idx_delete", "n", "\"integer\"");

            write(api().delete("/collections/idx_delete/index/k"));

            assertThat(fieldNames(schema("idx_delete"))).containsExactly("n");
            assertThat(scrollIds(api(), "idx_delete", "{\"must\": [{\"key\": \"k\", \"match\": {\"value\": \"b\"}}]}"))
                    .containsExactly(2L);
            assertThat(assertError(api().post("/collections/idx_delete/facet").json("{\"key\": \"k\"}").send(), 400))
                    .containsPattern("[`\"]k[`\"]");
        }

        @Test
        void recreatingAnIndexWithAnotherTypeReplacesIt() {
            createCollection(api(), "idx_retype", PLAIN);
            upsert(api(), "idx_retype", """
                    {"points": [{"id": 1, "vector": [1, 1], "payload": {"v": 1}},
                                {"id": 2, "vector": [1, 1], "payload": {"v": "x"}}]}""");
            createIndex("idx_retype", "v", "\"keyword\"");
            assertThat(schema("idx_retype").get("v")).isEqualTo(json("{\"data_type\": \"keyword\", \"points\": 1}"));

            createIndex("idx_retype", "v", "\"integer\"");

            assertThat(fieldNames(schema("idx_retype"))).containsExactly("v");
            assertThat(schema("idx_retype").at("/v/data_type").asText()).isEqualTo("integer");
        }

        @Test
        void anIndexOnANestedPathIsAccepted() {
            createCollection(api(), "idx_nested", PLAIN);
            upsert(api(), "idx_nested", """
                    {"points": [{"id": 1, "vector": [1, 1], "payload": {"items": [{"v": 1}, {"v": 5}]}},
                                {"id": 2, "vector": [1, 1], "payload": {"items": [{"v": 2}]}},
                                {"id": 3, "vector": [1, 1], "payload": {"meta": {"v": 7}}}]}""");

            createIndex("idx_nested", "items[].v", "\"float\"");
            createIndex("idx_nested", "meta.v", "\"integer\"");

            assertThat(schema("idx_nested").at("/items[].v/points").asLong()).isEqualTo(2);
            assertThat(schema("idx_nested").at("/meta.v/points").asLong()).isEqualTo(1);
            assertThat(scrollIds(api(), "idx_nested", "{\"must\": [{\"key\": \"items[].v\", \"range\": {\"gte\": 2}}]}"))
                    .containsExactly(1L, 2L);
            assertThat(scrollIds(api(), "idx_nested", "{\"must\": [{\"key\": \"meta.v\", \"match\": {\"value\": 7}}]}"))
                    .containsExactly(3L);
        }

        @Test
        void anUnknownSchemaTypeIsRejected() {
            createCollection(api(), "idx_bad", PLAIN);

            ApiResponse r = api().put("/collections/idx_bad/index").query("wait", true).json("""
                    {"field_name": "k", "field_schema": "nonsense"}""").violatingSpec().send();

            assertThat(assertError(r, 400)).startsWith("Format error in JSON body: ");
            assertThat(schema("idx_bad")).isEqualTo(json("{}"));
        }

        @Test
        void indexOperationsOnAMissingCollectionAreNotFound() {
            assertThat(assertError(api().put("/collections/idx_nowhere/index").query("wait", true).json("""
                    {"field_name": "k", "field_schema": "keyword"}""").send(), 404))
                    .isEqualTo("Not found: Collection `idx_nowhere` doesn't exist!");
            assertThat(assertError(api().delete("/collections/idx_nowhere/index/k").query("wait", true).send(), 404))
                    .isEqualTo("Not found: Collection `idx_nowhere` doesn't exist!");
        }
    }

    /**
     * The same filters before and after indexing every field they touch: an index changes speed, not answers
     * (full-text matching aside, see {@link #aTextIndexMatchesTokensNotSubstrings}).
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SameAnswers {

        static final String COLLECTION = "idx_same";

        static final Map<String, List<Long>> FILTERS = new LinkedHashMap<>();

        static {
            FILTERS.put("{\"must\": [{\"key\": \"city\", \"match\": {\"value\": \"Berlin\"}}]}", List.of(1L, 4L));
            FILTERS.put("{\"must\": [{\"key\": \"city\", \"match\": {\"any\": [\"Paris\", \"London\"]}}]}",
                    List.of(2L, 3L, 4L));
            FILTERS.put("{\"must\": [{\"key\": \"city\", \"match\": {\"except\": [\"Berlin\"]}}]}", List.of(2L, 3L, 4L));
            FILTERS.put("{\"must\": [{\"key\": \"city\", \"match\": {\"any\": []}}]}", List.of());
            FILTERS.put("{\"must\": [{\"key\": \"city\", \"match\": {\"except\": []}}]}", List.of(1L, 2L, 3L, 4L));
            FILTERS.put("{\"must_not\": [{\"key\": \"city\", \"match\": {\"value\": \"Berlin\"}}]}", List.of(2L, 3L, 5L));
            FILTERS.put("{\"must\": [{\"key\": \"city\", \"values_count\": {\"gt\": 1}}]}", List.of(4L));
            FILTERS.put("{\"must\": [{\"is_empty\": {\"key\": \"city\"}}]}", List.of(5L));
            FILTERS.put("{\"must\": [{\"key\": \"rank\", \"match\": {\"value\": 2}}]}", List.of(2L));
            FILTERS.put("{\"must\": [{\"key\": \"rank\", \"match\": {\"any\": [1, 10]}}]}", List.of(1L, 4L));
            FILTERS.put("{\"must\": [{\"key\": \"rank\", \"match\": {\"except\": [1, 10]}}]}", List.of(2L, 3L, 4L));
            FILTERS.put("{\"must\": [{\"key\": \"rank\", \"range\": {\"gt\": 1, \"lte\": 3}}]}", List.of(2L, 3L));
            FILTERS.put("{\"must\": [{\"key\": \"n\", \"range\": {\"gt\": 1, \"lte\": 3.5}}]}", List.of(2L, 3L));
            FILTERS.put("{\"must\": [{\"key\": \"n\", \"range\": {\"gte\": 5}}]}", List.of(4L));
            FILTERS.put("{\"must\": [{\"key\": \"flag\", \"match\": {\"value\": false}}]}", List.of(2L));
            FILTERS.put("{\"must\": [{\"key\": \"flag\", \"match\": {\"value\": true}}]}", List.of(1L, 3L));
            FILTERS.put("{\"must\": [{\"key\": \"ts\", \"range\": {\"gte\": \"2024-06-15T10:00:00Z\"}}]}",
                    List.of(2L, 3L));
            FILTERS.put("{\"must\": [{\"key\": \"ts\", \"range\": {\"gt\": \"2024-06-15T10:00:00Z\"}}]}", List.of(3L));
            FILTERS.put("{\"must\": [{\"key\": \"loc\", \"geo_radius\": {\"center\": {\"lon\": 13.4, \"lat\": 52.5},"
                    + " \"radius\": 1000000}}]}", List.of(1L, 2L, 3L));
            FILTERS.put("{\"must\": [{\"key\": \"loc\", \"geo_bounding_box\": {\"top_left\": {\"lon\": -1, \"lat\": 53},"
                    + " \"bottom_right\": {\"lon\": 3, \"lat\": 48}}}]}", List.of(2L, 3L));
            FILTERS.put("{\"must\": [{\"key\": \"loc\", \"geo_polygon\": {\"exterior\": {\"points\": ["
                    + "{\"lon\": 0, \"lat\": 45}, {\"lon\": 20, \"lat\": 45}, {\"lon\": 20, \"lat\": 55},"
                    + " {\"lon\": 0, \"lat\": 55}, {\"lon\": 0, \"lat\": 45}]}}}]}", List.of(1L, 3L));
            FILTERS.put("{\"must\": [{\"key\": \"u\", \"match\": {\"value\": \"550e8400-e29b-41d4-a716-446655440000\"}}]}",
                    List.of(1L));
            FILTERS.put("{\"must\": [{\"key\": \"u\", \"match\": {\"any\": [\"550e8400-e29b-41d4-a716-446655440000\","
                    + " \"00000000-0000-0000-0000-000000000009\"]}}]}", List.of(1L, 3L));
            FILTERS.put("{\"must\": [{\"key\": \"t\", \"match\": {\"text\": \"quick\"}}]}", List.of(1L, 3L));
            FILTERS.put("{\"must\": [{\"key\": \"t\", \"match\": {\"text\": \"lazy dog\"}}]}", List.of(2L));
            FILTERS.put("{\"should\": [{\"key\": \"city\", \"match\": {\"value\": \"London\"}},"
                    + " {\"key\": \"rank\", \"range\": {\"gte\": 10}}]}", List.of(2L, 4L));
            FILTERS.put("{\"min_should\": {\"conditions\": [{\"key\": \"city\", \"match\": {\"value\": \"Paris\"}},"
                    + " {\"key\": \"flag\", \"match\": {\"value\": true}}, {\"key\": \"n\", \"range\": {\"gt\": 3}}],"
                    + " \"min_count\": 2}}", List.of(3L, 4L));
        }

        @BeforeAll
        void fixture() {
            createCollection(api(), COLLECTION, PLAIN);
            upsert(api(), COLLECTION, """
                    {"points": [
                        {"id": 1, "vector": [1, 0], "payload": {"city": "Berlin", "rank": 1, "n": 1, "flag": true,
                            "t": "The quick brown fox", "ts": "2024-01-01T00:00:00Z", "loc": {"lon": 13.4, "lat": 52.5},
                            "u": "550e8400-e29b-41d4-a716-446655440000"}},
                        {"id": 2, "vector": [1, 0], "payload": {"city": "London", "rank": 2, "n": 2, "flag": false,
                            "t": "lazy dog jumps", "ts": "2024-06-15T12:00:00+02:00", "loc": {"lon": -0.12, "lat": 51.5}}},
                        {"id": 3, "vector": [1, 0], "payload": {"city": "Paris", "rank": 3, "n": 3.5, "flag": true,
                            "t": "quick dog", "ts": "2025-01-01T00:00:00Z", "loc": {"lon": 2.35, "lat": 48.85},
                            "u": "00000000-0000-0000-0000-000000000009"}},
                        {"id": 4, "vector": [1, 0], "payload": {"city": ["Berlin", "Paris"], "rank": [4, 10], "n": [4, 10]}},
                        {"id": 5, "vector": [1, 0], "payload": {}}]}""");
        }

        Map<String, List<Object>> answers() {
            Map<String, List<Object>> out = new LinkedHashMap<>();
            FILTERS.forEach((filter, expected) -> {
                List<Object> got = scrollIds(api(), COLLECTION, filter);
                assertThat(count(api(), COLLECTION, filter)).as("count for %s", filter).isEqualTo(got.size());
                out.put(filter, got);
            });
            return out;
        }

        @Test
        void filtersAnswerTheSameBeforeAndAfterIndexing() {
            Map<String, List<Object>> before = answers();
            FILTERS.forEach((filter, expected) ->
                    assertThat(before.get(filter)).as("before indexing: %s", filter).containsExactlyElementsOf(expected));

            createIndex(COLLECTION, "city", "\"keyword\"");
            createIndex(COLLECTION, "rank", "{\"type\": \"integer\", \"lookup\": true, \"range\": true}");
            createIndex(COLLECTION, "n", "\"float\"");
            createIndex(COLLECTION, "flag", "\"bool\"");
            createIndex(COLLECTION, "ts", "\"datetime\"");
            createIndex(COLLECTION, "loc", "\"geo\"");
            createIndex(COLLECTION, "u", "\"uuid\"");
            createIndex(COLLECTION, "t", "{\"type\": \"text\", \"tokenizer\": \"word\", \"lowercase\": true}");
            assertThat(schema(COLLECTION).at("/city/points").asLong()).isEqualTo(4);
            assertThat(schema(COLLECTION).at("/rank/points").asLong()).isEqualTo(4);
            assertThat(schema(COLLECTION).at("/n/points").asLong()).isEqualTo(4);

            Map<String, List<Object>> after = answers();
            FILTERS.forEach((filter, expected) ->
                    assertThat(after.get(filter)).as("after indexing: %s", filter).containsExactlyElementsOf(expected));

            // and the indexes keep up with writes after they were built
            upsert(api(), COLLECTION, """
                    {"points": [{"id": 6, "vector": [1, 0], "payload": {"city": "Berlin", "rank": 2, "flag": false}}]}""");
            write(api().post("/collections/" + COLLECTION + "/points/delete").json("{\"points\": [1]}"));
            assertThat(scrollIds(api(), COLLECTION, "{\"must\": [{\"key\": \"city\", \"match\": {\"value\": \"Berlin\"}}]}"))
                    .containsExactly(4L, 6L);
            assertThat(scrollIds(api(), COLLECTION, "{\"must\": [{\"key\": \"rank\", \"match\": {\"value\": 2}}]}"))
                    .containsExactly(2L, 6L);
            assertThat(count(api(), COLLECTION, "{\"must\": [{\"key\": \"flag\", \"match\": {\"value\": false}}]}"))
                    .isEqualTo(2);
            // the deleted point no longer counts for any index (it had all eight fields)
            JsonNode schema = schema(COLLECTION);
            assertThat(schema.at("/city/points").asLong()).isEqualTo(4);
            assertThat(schema.at("/u/points").asLong()).isEqualTo(1);
            assertThat(schema.at("/loc/points").asLong()).isEqualTo(2);
        }
    }

    /** Null, a missing key and {@code []} keep their meaning for every index type. */
    @Test
    void nullMissingAndEmptyArraysMeanTheSameWithAndWithoutAnIndex() {
        createCollection(api(), "idx_empty", PLAIN);
        upsert(api(), "idx_empty", """
                {"points": [
                    {"id": 1, "vector": [1, 1], "payload": {"k": "a", "n": 1, "u": "550e8400-e29b-41d4-a716-446655440000",
                        "t": ["hello world", "foo"], "g": [{"lon": 1, "lat": 1}, {"lon": 50, "lat": 50}],
                        "d": "2024-01-01T00:00:00Z", "b": [true, false]}},
                    {"id": 2, "vector": [1, 1], "payload": {"k": null, "n": null, "u": null, "t": null, "g": null,
                        "d": null, "b": null}},
                    {"id": 3, "vector": [1, 1], "payload": {"k": [], "n": [], "u": [], "t": [], "g": [], "d": [], "b": []}},
                    {"id": 4, "vector": [1, 1], "payload": {}},
                    {"id": 5, "vector": [1, 1], "payload": {"k": ["b", "c"], "n": [2, 3],
                        "u": "00000000-0000-0000-0000-000000000001", "t": "foo bar", "g": {"lon": 10, "lat": 10},
                        "d": "2025-01-01T00:00:00Z", "b": false}}]}""");
        Map<String, String> types = new LinkedHashMap<>();
        types.put("k", "keyword");
        types.put("n", "integer");
        types.put("u", "uuid");
        types.put("t", "text");
        types.put("g", "geo");
        types.put("d", "datetime");
        types.put("b", "bool");
        // (a text index may count tokens rather than strings, so `t` is left out of this one)
        Map<String, List<Long>> multiValued = Map.of("k", List.of(5L), "n", List.of(5L), "u", List.of(),
                "g", List.of(1L), "d", List.of(), "b", List.of(1L));

        for (String phase : List.of("without index", "with index")) {
            for (String key : types.keySet()) {
                String why = key + " " + phase;
                assertThat(scrollIds(api(), "idx_empty", "{\"must\": [{\"is_empty\": {\"key\": \"" + key + "\"}}]}"))
                        .as("is_empty %s", why).containsExactly(2L, 3L, 4L);
                assertThat(scrollIds(api(), "idx_empty", "{\"must\": [{\"is_null\": {\"key\": \"" + key + "\"}}]}"))
                        .as("is_null %s", why).containsExactly(2L);
                assertThat(scrollIds(api(), "idx_empty", "{\"must_not\": [{\"is_empty\": {\"key\": \"" + key + "\"}}]}"))
                        .as("not is_empty %s", why).containsExactly(1L, 5L);
                assertThat(scrollIds(api(), "idx_empty", "{\"must\": [{\"key\": \"" + key
                        + "\", \"values_count\": {\"lt\": 1}}]}")).as("no values %s", why).containsExactly(2L, 3L, 4L);
                if (multiValued.containsKey(key)) {
                    assertThat(scrollIds(api(), "idx_empty", "{\"must\": [{\"key\": \"" + key
                            + "\", \"values_count\": {\"gte\": 2}}]}")).as("two values %s", why)
                            .containsExactlyElementsOf(multiValued.get(key));
                }
                assertThat(count(api(), "idx_empty", "{\"must\": [{\"is_empty\": {\"key\": \"" + key + "\"}}]}"))
                        .as("count is_empty %s", why).isEqualTo(3);
            }
            if (phase.equals("without index")) {
                types.forEach((key, type) -> createIndex("idx_empty", key, "\"" + type + "\""));
                JsonNode schema = schema("idx_empty");
                types.keySet().forEach(key -> assertThat(schema.at("/" + key + "/points").asLong())
                        .as("points with an indexable %s", key).isEqualTo(2));
            }
        }
    }

    @Test
    void aTextIndexMatchesTokensNotSubstrings() {
        createCollection(api(), "idx_text", PLAIN);
        upsert(api(), "idx_text", """
                {"points": [{"id": 1, "vector": [1, 0], "payload": {"t": "The quick brown fox"}},
                            {"id": 2, "vector": [1, 0], "payload": {"t": "lazy dog jumps"}},
                            {"id": 3, "vector": [1, 0], "payload": {"t": "quick dog"}},
                            {"id": 4, "vector": [1, 0], "payload": {"t": "quickly"}}]}""");
        String dogQuick = "{\"must\": [{\"key\": \"t\", \"match\": {\"text\": \"dog quick\"}}]}";
        String capitalQuick = "{\"must\": [{\"key\": \"t\", \"match\": {\"text\": \"Quick\"}}]}";
        String quick = "{\"must\": [{\"key\": \"t\", \"match\": {\"text\": \"quick\"}}]}";
        // without an index the text must appear as it is in the stored string
        assertThat(scrollIds(api(), "idx_text", dogQuick)).isEmpty();
        assertThat(scrollIds(api(), "idx_text", capitalQuick)).isEmpty();
        assertThat(scrollIds(api(), "idx_text", quick)).containsExactly(1L, 3L, 4L);

        createIndex("idx_text", "t", """
                {"type": "text", "tokenizer": "word", "lowercase": true, "phrase_matching": true}""");

        // with the index every query token must be a token of the text, in any order and case
        assertThat(scrollIds(api(), "idx_text", dogQuick)).containsExactly(3L);
        assertThat(scrollIds(api(), "idx_text", capitalQuick)).containsExactly(1L, 3L);
        assertThat(scrollIds(api(), "idx_text", quick)).containsExactly(1L, 3L);
        assertThat(scrollIds(api(), "idx_text", "{\"must\": [{\"key\": \"t\", \"match\": {\"text_any\": \"fox jumps\"}}]}"))
                .containsExactly(1L, 2L);
        assertThat(scrollIds(api(), "idx_text", "{\"must\": [{\"key\": \"t\", \"match\": {\"phrase\": \"quick dog\"}}]}"))
                .containsExactly(3L);
        assertThat(scrollIds(api(), "idx_text", "{\"must\": [{\"key\": \"t\", \"match\": {\"phrase\": \"dog quick\"}}]}"))
                .isEmpty();
        assertThat(scrollIds(api(), "idx_text", "{\"must\": [{\"key\": \"t\", \"match\": {\"phrase\": \"Quick Brown\"}}]}"))
                .containsExactly(1L);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Facet {

        static final String COLLECTION = "idx_facet";

        @BeforeAll
        void fixture() {
            createCollection(api(), COLLECTION, PLAIN);
            upsert(api(), COLLECTION, """
                    {"points": [
                        {"id": 1, "vector": [1, 0], "payload": {"color": "red", "size": 1, "ok": true}},
                        {"id": 2, "vector": [1, 0], "payload": {"color": "red", "size": 2, "ok": true}},
                        {"id": 3, "vector": [1, 0], "payload": {"color": "blue", "size": 2, "ok": false}},
                        {"id": 4, "vector": [1, 0], "payload": {"color": ["green", "red"], "size": [3, 2], "ok": true}},
                        {"id": 5, "vector": [1, 0], "payload": {"color": "blue", "size": 3}},
                        {"id": 6, "vector": [1, 0], "payload": {"color": "amber"}},
                        {"id": 7, "vector": [1, 0], "payload": {"plain": "x"}}]}""");
            createIndex(COLLECTION, "color", "\"keyword\"");
            createIndex(COLLECTION, "size", "\"integer\"");
            createIndex(COLLECTION, "ok", "\"bool\"");
        }

        JsonNode facet(String body) {
            JsonNode result = assertOk(api().post("/collections/" + COLLECTION + "/facet").json(body).send());
            return result.get("hits");
        }

        @Test
        void keywordFacetCountsPointsPerValueMostFrequentFirstTiesByValue() {
            assertThat(facet("{\"key\": \"color\"}")).isEqualTo(json("""
                    [{"value": "red", "count": 3}, {"value": "blue", "count": 2},
                     {"value": "amber", "count": 1}, {"value": "green", "count": 1}]"""));
        }

        @Test
        void theLimitKeepsTheMostFrequentValues() {
            assertThat(facet("{\"key\": \"color\", \"limit\": 2}")).isEqualTo(json("""
                    [{"value": "red", "count": 3}, {"value": "blue", "count": 2}]"""));
            assertThat(facet("{\"key\": \"color\", \"limit\": 3, \"exact\": true}")).isEqualTo(json("""
                    [{"value": "red", "count": 3}, {"value": "blue", "count": 2}, {"value": "amber", "count": 1}]"""));
        }

        @Test
        void aFilterRestrictsThePointsThatAreCounted() {
            assertThat(facet("{\"key\": \"color\", \"filter\": {\"must\": [{\"key\": \"ok\", \"match\": {\"value\": true}}]}}"))
                    .isEqualTo(json("""
                            [{"value": "red", "count": 3}, {"value": "green", "count": 1}]"""));
            assertThat(facet("{\"key\": \"color\", \"filter\": {\"must\": [{\"has_id\": [404]}]}}"))
                    .isEqualTo(json("[]"));
        }

        @Test
        void integerFacetWithAndWithoutFilter() {
            assertThat(facet("{\"key\": \"size\"}")).isEqualTo(json("""
                    [{"value": 2, "count": 3}, {"value": 3, "count": 2}, {"value": 1, "count": 1}]"""));
            assertThat(facet("{\"key\": \"size\", \"filter\": {\"must\": [{\"has_id\": [2, 3, 4, 5]}]}}"))
                    .isEqualTo(json("""
                            [{"value": 2, "count": 3}, {"value": 3, "count": 2}]"""));
        }

        @Test
        void boolFacetWithAndWithoutFilter() {
            assertThat(facet("{\"key\": \"ok\"}")).isEqualTo(json("""
                    [{"value": true, "count": 3}, {"value": false, "count": 1}]"""));
            assertThat(facet("{\"key\": \"ok\", \"filter\": {\"must\": [{\"key\": \"size\", \"match\": {\"value\": 2}}]}}"))
                    .isEqualTo(json("""
                            [{"value": true, "count": 2}, {"value": false, "count": 1}]"""));
        }

        @Test
        void aFacetOnAKeyWithoutAFacetableIndexIsABadRequest() {
            assertThat(assertError(api().post("/collections/" + COLLECTION + "/facet").json("{\"key\": \"plain\"}")
                    .send(), 400)).containsPattern("[`\"]plain[`\"]");
        }

        @Test
        void aFacetOnAMissingCollectionIsNotFound() {
            assertThat(assertError(api().post("/collections/idx_facet_nowhere/facet").json("{\"key\": \"k\"}").send(), 404))
                    .isEqualTo("Not found: Collection `idx_facet_nowhere` doesn't exist!");
        }
    }

    @Test
    void integerFacetTiesAreOrderedByAscendingValue() {
        createCollection(api(), "idx_facet_ties", PLAIN);
        upsert(api(), "idx_facet_ties", """
                {"points": [{"id": 1, "vector": [1, 0], "payload": {"n": 10}},
                            {"id": 2, "vector": [1, 0], "payload": {"n": 2}},
                            {"id": 3, "vector": [1, 0], "payload": {"n": [1, 4]}},
                            {"id": 4, "vector": [1, 0], "payload": {"n": -3}}]}""");
        createIndex("idx_facet_ties", "n", "\"integer\"");

        JsonNode hits = assertOk(api().post("/collections/idx_facet_ties/facet").json("{\"key\": \"n\"}").send())
                .get("hits");

        assertThat(hits).isEqualTo(json("""
                [{"value": -3, "count": 1}, {"value": 1, "count": 1}, {"value": 2, "count": 1},
                 {"value": 4, "count": 1}, {"value": 10, "count": 1}]"""));
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OrderBy {

        static final String COLLECTION = "idx_order";

        @BeforeAll
        void fixture() {
            createCollection(api(), COLLECTION, PLAIN);
            upsert(api(), COLLECTION, """
                    {"points": [
                        {"id": 1, "vector": [1, 0], "payload": {"p": 5, "f": 0.5, "ts": "2024-03-01T00:00:00Z", "k": "a"}},
                        {"id": 2, "vector": [1, 0], "payload": {"p": 3, "f": -1.25, "ts": "2023-01-01T00:00:00Z"}},
                        {"id": 3, "vector": [1, 0], "payload": {"p": [1, 7], "f": 9, "ts": "2025-06-01T12:00:00Z"}},
                        {"id": 4, "vector": [1, 0], "payload": {"p": 4}},
                        {"id": 5, "vector": [1, 0], "payload": {"q": 1}}]}""");
            createIndex(COLLECTION, "p", "\"integer\"");
            createIndex(COLLECTION, "f", "\"float\"");
            createIndex(COLLECTION, "ts", "\"datetime\"");
            createIndex(COLLECTION, "k", "\"keyword\"");
        }

        JsonNode scroll(String body) {
            return assertOk(api().post("/collections/" + COLLECTION + "/points/scroll").json(body).send());
        }

        static List<String> idAndValue(JsonNode points) {
            List<String> out = new ArrayList<>();
            points.forEach(p -> out.add(p.get("id").asText() + "@" + p.get("order_value").asText()));
            return out;
        }

        @Test
        void ascendingByDefaultWithEveryValueOfAMultiValuedPoint() {
            JsonNode points = scroll("{\"order_by\": \"p\", \"with_payload\": false}").get("points");

            assertThat(idAndValue(points)).containsExactly("3@1", "2@3", "4@4", "1@5", "3@7");
            assertThat(points.get(0).get("order_value").isIntegralNumber()).isTrue();
        }

        @Test
        void descending() {
            JsonNode points = scroll("{\"order_by\": {\"key\": \"p\", \"direction\": \"desc\"}, \"with_payload\": false}")
                    .get("points");

            assertThat(idAndValue(points)).containsExactly("3@7", "1@5", "4@4", "2@3", "3@1");
        }

        @Test
        void startFromIsInclusiveInTheDirectionOfTravel() {
            assertThat(idAndValue(scroll("""
                    {"order_by": {"key": "p", "direction": "asc", "start_from": 4}, "with_payload": false}""")
                    .get("points"))).containsExactly("4@4", "1@5", "3@7");
            assertThat(idAndValue(scroll("""
                    {"order_by": {"key": "p", "direction": "desc", "start_from": 4}, "with_payload": false}""")
                    .get("points"))).containsExactly("4@4", "2@3", "3@1");
            assertThat(idAndValue(scroll("""
                    {"order_by": {"key": "p", "start_from": 4.5}, "with_payload": false}""")
                    .get("points"))).containsExactly("1@5", "3@7");
        }

        @Test
        void theLimitCountsValuesAndAFilterSelectsPoints() {
            assertThat(idAndValue(scroll("{\"order_by\": \"p\", \"limit\": 2, \"with_payload\": false}").get("points")))
                    .containsExactly("3@1", "2@3");
            assertThat(idAndValue(scroll("""
                    {"order_by": "p", "with_payload": false, "filter": {"must": [{"has_id": [1, 3]}]}}""")
                    .get("points"))).containsExactly("3@1", "1@5", "3@7");
        }

        @Test
        void recordsCarryTheirPayloadAndOrderValue() {
            JsonNode first = scroll("{\"order_by\": \"p\", \"limit\": 1}").get("points").get(0);

            assertThat(first.get("id").asLong()).isEqualTo(3);
            assertThat(first.get("payload")).isEqualTo(json("{\"p\": [1, 7], \"f\": 9, \"ts\": \"2025-06-01T12:00:00Z\"}"));
            assertThat(first.get("order_value").asLong()).isEqualTo(1);
        }

        @Test
        void floatAndDatetimeIndexesOrderToo() {
            JsonNode byFloat = scroll("{\"order_by\": {\"key\": \"f\", \"direction\": \"desc\"}, \"with_payload\": false}")
                    .get("points");
            assertThat(ids(byFloat)).containsExactly(3L, 1L, 2L);
            assertThat(byFloat.get(1).get("order_value").asDouble()).isEqualTo(0.5);
            assertThat(byFloat.get(2).get("order_value").asDouble()).isEqualTo(-1.25);

            JsonNode byTime = scroll("{\"order_by\": \"ts\", \"with_payload\": false}").get("points");
            assertThat(ids(byTime)).containsExactly(2L, 1L, 3L);
            assertThat(byTime.get(0).get("order_value").asLong()).isLessThan(byTime.get(1).get("order_value").asLong());
            assertThat(ids(scroll("""
                    {"order_by": {"key": "ts", "start_from": "2024-01-01T00:00:00Z"}, "with_payload": false}""")
                    .get("points"))).containsExactly(1L, 3L);
        }

        @Test
        void orderByAKeyWithoutARangeIndexIsABadRequest() {
            assertThat(assertError(api().post("/collections/" + COLLECTION + "/points/scroll").json("""
                    {"order_by": "q"}""").send(), 400))
                    .contains("No range index for `order_by` key: `q`");
            assertThat(assertError(api().post("/collections/" + COLLECTION + "/points/scroll").json("""
                    {"order_by": "k"}""").send(), 400))
                    .as("a keyword index has no ranges")
                    .contains("No range index for `order_by` key: `k`");
        }

        @Test
        void orderByWithAnOffsetIsABadRequest() {
            assertThat(assertError(api().post("/collections/" + COLLECTION + "/points/scroll").json("""
                    {"order_by": "p", "offset": 2}""").send(), 400))
                    .contains("Cannot use an `offset` when using `order_by`");
        }
    }

    @Test
    void orderByAnIntegerIndexWithoutRangesIsABadRequest() {
        createCollection(api(), "idx_order_lookup", PLAIN);
        upsert(api(), "idx_order_lookup", """
                {"points": [{"id": 1, "vector": [1, 0], "payload": {"q": 2}},
                            {"id": 2, "vector": [1, 0], "payload": {"q": 1}}]}""");
        createIndex("idx_order_lookup", "q", """
                {"type": "integer", "lookup": true, "range": false}""");

        ApiResponse r = api().post("/collections/idx_order_lookup/points/scroll").json("{\"order_by\": \"q\"}").send();

        assertThat(assertError(r, 400)).contains("No range index for `order_by` key: `q`");
        // lookups still use the index
        assertThat(scrollIds(api(), "idx_order_lookup", "{\"must\": [{\"key\": \"q\", \"match\": {\"value\": 1}}]}"))
                .containsExactly(2L);
    }
}
