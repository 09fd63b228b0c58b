package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.PointsTestSupport.count;
import static io.quiver.bootstrap.e2e.PointsTestSupport.createCollection;
import static io.quiver.bootstrap.e2e.PointsTestSupport.ids;
import static io.quiver.bootstrap.e2e.PointsTestSupport.json;
import static io.quiver.bootstrap.e2e.PointsTestSupport.scrollIds;
import static io.quiver.bootstrap.e2e.PointsTestSupport.upsert;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertError;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /points/scroll} and {@code /points/count}: paging by id, and every filter condition. */
class ScrollCountTest {

    @RegisterExtension
    static final QuiverTestServer SERVER = QuiverTestServer.perClass();

    static ContractClient api() {
        return SERVER.client();
    }

    @Nested
    class Paging {

        static final String UUID_LOW = "00000000-0000-0000-0000-000000000002";
        static final String UUID_MID = "80000000-0000-0000-0000-000000000000";
        static final String UUID_HIGH = "ffffffff-0000-0000-0000-000000000001";

        static boolean created;

        static synchronized void fixture() {
            if (!created) {
                createCollection(api(), "scroll_paging", """
                        {"vectors": {"size": 2, "distance": "Dot"}}""");
                upsert(api(), "scroll_paging", """
                        {"points": [
                            {"id": 5, "vector": [1, 1], "payload": {"i": 5}},
                            {"id": 1, "vector": [1, 1], "payload": {"i": 1}},
                            {"id": "ffffffff-0000-0000-0000-000000000001", "vector": [1, 1], "payload": {"i": 103}},
                            {"id": "00000000-0000-0000-0000-000000000002", "vector": [1, 1], "payload": {"i": 101}},
                            {"id": 100, "vector": [1, 1], "payload": {"i": 100}},
                            {"id": 3, "vector": [1, 1], "payload": {"i": 3}},
                            {"id": "80000000-0000-0000-0000-000000000000", "vector": [1, 1], "payload": {"i": 102}}]}""");
                created = true;
            }
        }

        JsonNode scroll(String body) {
            fixture();
            return assertOk(api().post("/collections/scroll_paging/points/scroll").json(body).send());
        }

        @Test
        void numbersComeFirstInOrderThenUuids() {
            JsonNode page = scroll("{\"limit\": 100, \"with_payload\": false}");

            assertThat(ids(page.get("points"))).containsExactly(1L, 3L, 5L, 100L, UUID_LOW, UUID_MID, UUID_HIGH);
            assertThat(page.get("next_page_offset").isNull()).isTrue();
        }

        @Test
        void pagesFollowNextPageOffsetAcrossTheNumberToUuidBoundary() {
            JsonNode first = scroll("{\"limit\": 3, \"with_payload\": false}");
            assertThat(ids(first.get("points"))).containsExactly(1L, 3L, 5L);
            assertThat(first.get("next_page_offset").asLong()).isEqualTo(100);

            JsonNode second = scroll("{\"limit\": 3, \"with_payload\": false, \"offset\": 100}");
            assertThat(ids(second.get("points"))).containsExactly(100L, UUID_LOW, UUID_MID);
            assertThat(second.get("next_page_offset").asText()).isEqualTo(UUID_HIGH);

            JsonNode third = scroll("{\"limit\": 3, \"with_payload\": false, \"offset\": \"" + UUID_HIGH + "\"}");
            assertThat(ids(third.get("points"))).containsExactly(UUID_HIGH);
            assertThat(third.get("next_page_offset").isNull()).isTrue();
        }

        @Test
        void walkingAllPagesVisitsEveryPointOnce() {
            List<Object> seen = new ArrayList<>();
            JsonNode offset = null;
            int pages = 0;
            do {
                String body = "{\"limit\": 2, \"with_payload\": false"
                        + (offset == null ? "" : ", \"offset\": " + offset) + "}";
                JsonNode page = scroll(body);
                seen.addAll(ids(page.get("points")));
                offset = page.get("next_page_offset").isNull() ? null : page.get("next_page_offset");
                pages++;
            } while (offset != null && pages < 20);

            assertThat(seen).containsExactly(1L, 3L, 5L, 100L, UUID_LOW, UUID_MID, UUID_HIGH);
            assertThat(pages).isEqualTo(4);
        }

        @Test
        void anOffsetThatIsNoPointStartsAtTheNextId() {
            assertThat(ids(scroll("{\"limit\": 2, \"with_payload\": false, \"offset\": 4}").get("points")))
                    .containsExactly(5L, 100L);
            assertThat(ids(scroll("{\"limit\": 10, \"with_payload\": false, \"offset\": \"00000000-0000-0000-0000-000000000003\"}")
                    .get("points"))).containsExactly(UUID_MID, UUID_HIGH);
            assertThat(ids(scroll("{\"limit\": 10, \"offset\": 1000000}").get("points")))
                    .containsExactly(UUID_LOW, UUID_MID, UUID_HIGH);
        }

        @Test
        void anExactPageEndsWithoutANextOffset() {
            JsonNode page = scroll("{\"limit\": 7, \"with_payload\": false}");

            assertThat(page.get("points")).hasSize(7);
            assertThat(page.get("next_page_offset").isNull()).isTrue();
        }

        @Test
        void theDefaultsAreTenPointsWithPayloadAndWithoutVectors() {
            createCollection(api(), "scroll_defaults", """
                    {"vectors": {"size": 2, "distance": "Dot"}}""");
            StringBuilder points = new StringBuilder("{\"points\": [");
            for (int i = 1; i <= 12; i++) {
                points.append(i == 1 ? "" : ", ").append("{\"id\": ").append(i)
                        .append(", \"vector\": [1, 1], \"payload\": {\"i\": ").append(i).append("}}");
            }
            upsert(api(), "scroll_defaults", points.append("]}").toString());

            JsonNode page = assertOk(api().post("/collections/scroll_defaults/points/scroll").json("{}").send());

            assertThat(ids(page.get("points"))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(page.get("next_page_offset").asLong()).isEqualTo(11);
            JsonNode first = page.get("points").get(0);
            assertThat(first.get("payload")).isEqualTo(json("{\"i\": 1}"));
            assertThat(first.path("vector").isMissingNode() || first.get("vector").isNull()).isTrue();
        }

        @Test
        void withVectorAndWithPayloadSelectorsApply() {
            JsonNode first = scroll("{\"limit\": 1, \"with_payload\": [\"nope\"], \"with_vector\": true}")
                    .get("points").get(0);

            assertThat(first.get("payload")).isEqualTo(json("{}"));
            assertThat(first.get("vector")).isEqualTo(json("[1.0, 1.0]"));
        }

        @Test
        void scrollWithAFilterPagesOverTheMatchesOnly() {
            JsonNode page = scroll("""
                    {"limit": 2, "with_payload": false,
                     "filter": {"must": [{"key": "i", "range": {"gte": 5}}]}}""");
            assertThat(ids(page.get("points"))).containsExactly(5L, 100L);
            JsonNode next = scroll("{\"limit\": 2, \"with_payload\": false, \"offset\": " + page.get("next_page_offset")
                    + ", \"filter\": {\"must\": [{\"key\": \"i\", \"range\": {\"gte\": 5}}]}}");
            assertThat(ids(next.get("points"))).containsExactly(UUID_LOW, UUID_MID);
        }

        @Test
        void aLimitOfZeroIsAValidationError() {
            fixture();
            ApiResponse r = api().post("/collections/scroll_paging/points/scroll").json("{\"limit\": 0}")
                    .violatingSpec().send();

            assertThat(assertError(r, 422)).contains("limit");
        }

        @Test
        void countIsExactWithAndWithoutAFilter() {
            fixture();

            assertThat(count(api(), "scroll_paging", null)).isEqualTo(7);
            assertThat(count(api(), "scroll_paging", "{\"must\": [{\"key\": \"i\", \"range\": {\"gt\": 100}}]}"))
                    .isEqualTo(3);
            assertThat(assertOk(api().post("/collections/scroll_paging/points/count").json("{}").send())
                    .get("count").asLong()).isEqualTo(7);
            assertThat(assertOk(api().post("/collections/scroll_paging/points/count").json("""
                    {"exact": false, "filter": {"must": [{"has_id": [1, 3, 404]}]}}""").send())
                    .get("count").asLong()).as("approximate count of a tiny collection").isEqualTo(2);
        }

        @Test
        void scrollAndCountOfAMissingCollectionAreNotFound() {
            assertThat(assertError(api().post("/collections/scroll_nowhere/points/scroll").json("{}").send(), 404))
                    .isEqualTo("Not found: Collection `scroll_nowhere` doesn't exist!");
            assertThat(assertError(api().post("/collections/scroll_nowhere/points/count").json("{}").send(), 404))
                    .isEqualTo("Not found: Collection `scroll_nowhere` doesn't exist!");
        }
    }

    /**
     * One collection with a small, varied payload; each row is a filter and the exact ids Qdrant returns for
     * it (no payload index here, so every condition is checked against the stored payload).
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Filters {

        static final String COLLECTION = "scroll_filters";

        @BeforeAll
        void fixture() {
            createCollection(api(), COLLECTION, """
                    {"vectors": {"": {"size": 2, "distance": "Dot"}, "other": {"size": 2, "distance": "Dot"}}}""");
            upsert(api(), COLLECTION, """
                    {"points": [
                        {"id": 1, "vector": {"": [1, 0], "other": [1, 1]},
                         "payload": {"city": "Berlin", "n": 1, "tags": ["a", "b"], "t": "The quick brown fox",
                                     "ts": "2024-01-01T00:00:00Z", "loc": {"lon": 13.4, "lat": 52.5},
                                     "nul": null, "arr": [], "flag": true,
                                     "items": [{"k": "x", "v": 1}, {"k": "y", "v": 2}],
                                     "u": "550e8400-e29b-41d4-a716-446655440000"}},
                        {"id": 2, "vector": {"": [1, 0]},
                         "payload": {"city": "London", "n": 2, "tags": ["b"], "t": "lazy dog jumps",
                                     "ts": "2024-06-15T12:00:00+02:00", "loc": {"lon": -0.12, "lat": 51.5},
                                     "nul": 3, "arr": [1], "flag": false, "items": [{"k": "x", "v": 2}]}},
                        {"id": 3, "vector": {"": [1, 0]},
                         "payload": {"city": "Paris", "n": 3.5, "tags": [], "t": "quick dog",
                                     "ts": "2025-01-01T00:00:00Z", "loc": {"lon": 2.35, "lat": 48.85},
                                     "items": [{"k": "y", "v": 1}]}},
                        {"id": 4, "vector": {"": [1, 0]}, "payload": {"city": ["Berlin", "Paris"], "n": [4, 10]}},
                        {"id": 5, "vector": {"": [1, 0]}, "payload": {}}]}""");
        }

        List<Object> matching(String filter) {
            List<Object> scrolled = scrollIds(api(), COLLECTION, filter);
            assertThat(count(api(), COLLECTION, filter)).as("count agrees with scroll for %s", filter)
                    .isEqualTo(scrolled.size());
            return scrolled;
        }

        static List<Long> expected(String ids) {
            List<Long> out = new ArrayList<>();
            for (String id : ids.trim().split(" +")) {
                if (!id.isEmpty()) {
                    out.add(Long.parseLong(id));
                }
            }
            return out;
        }

        @ParameterizedTest(name = "{0} -> [{1}]")
        @CsvSource(delimiter = '|', textBlock = """
                # match value / any / except on keywords, integers, booleans, UUID strings
                {"must": [{"key": "city", "match": {"value": "Berlin"}}]}                         | 1 4
                {"must": [{"key": "city", "match": {"any": ["Paris", "London"]}}]}                | 2 3 4
                {"must": [{"key": "city", "match": {"except": ["Berlin"]}}]}                      | 2 3 4
                {"must": [{"key": "n", "match": {"value": 2}}]}                                   | 2
                {"must": [{"key": "n", "match": {"any": [1, 4]}}]}                                | 1 4
                {"must": [{"key": "n", "match": {"except": [1, 4]}}]}                             | 2 3 4
                {"must": [{"key": "flag", "match": {"value": false}}]}                            | 2
                {"must": [{"key": "u", "match": {"value": "550e8400-e29b-41d4-a716-446655440000"}}]} | 1
                {"must": [{"key": "tags", "match": {"value": "b"}}]}                              | 1 2
                # full text without an index: substring of the stored text, case-sensitive
                {"must": [{"key": "t", "match": {"text": "quick"}}]}                              | 1 3
                {"must": [{"key": "t", "match": {"text": "quick dog"}}]}                          | 3
                {"must": [{"key": "t", "match": {"text": "Quick"}}]}                              |
                # numeric and datetime ranges; arrays match when any element does
                {"must": [{"key": "n", "range": {"gt": 1, "lte": 3.5}}]}                          | 2 3
                {"must": [{"key": "n", "range": {"gte": 5}}]}                                     | 4
                {"must": [{"key": "n", "range": {"lt": 1}}]}                                      |
                {"must": [{"key": "ts", "range": {"gte": "2024-06-15T10:00:00Z"}}]}               | 2 3
                {"must": [{"key": "ts", "range": {"gt": "2024-06-15T10:00:00Z"}}]}                | 3
                {"must": [{"key": "ts", "range": {"lt": "2024-06-15T09:59:59Z"}}]}                | 1
                # geo: radius in metres, bounding box, polygon
                {"must": [{"key": "loc", "geo_radius": {"center": {"lon": 13.4, "lat": 52.5}, "radius": 1000000}}]} | 1 2 3
                {"must": [{"key": "loc", "geo_radius": {"center": {"lon": 13.4, "lat": 52.5}, "radius": 1000}}]}    | 1
                {"must": [{"key": "loc", "geo_bounding_box": {"top_left": {"lon": -1, "lat": 53}, "bottom_right": {"lon": 3, "lat": 48}}}]} | 2 3
                {"must": [{"key": "loc", "geo_polygon": {"exterior": {"points": [{"lon": 0, "lat": 45}, {"lon": 20, "lat": 45}, {"lon": 20, "lat": 55}, {"lon": 0, "lat": 55}, {"lon": 0, "lat": 45}]}}}]} | 1 3
                # values_count: a missing key or [] has no values
                {"must": [{"key": "tags", "values_count": {"gte": 1}}]}                           | 1 2
                {"must": [{"key": "tags", "values_count": {"lt": 2}}]}                            | 2 3 4 5
                {"must": [{"key": "city", "values_count": {"gt": 1}}]}                            | 4
                # is_empty (missing, null or []) versus is_null (an explicit null)
                {"must": [{"is_empty": {"key": "arr"}}]}                                          | 1 3 4 5
                {"must": [{"is_empty": {"key": "nul"}}]}                                          | 1 3 4 5
                {"must": [{"is_empty": {"key": "tags"}}]}                                         | 3 4 5
                {"must": [{"is_null": {"key": "nul"}}]}                                           | 1
                {"must": [{"is_null": {"key": "arr"}}]}                                           |
                {"must_not": [{"is_empty": {"key": "arr"}}]}                                      | 2
                # has_id and has_vector
                {"must": [{"has_id": [2, 4, 99]}]}                                                | 2 4
                {"must": [{"has_vector": "other"}]}                                               | 1
                {"must": [{"has_vector": ""}]}                                                    | 1 2 3 4 5
                # nested: all conditions on the same array element; a flat [] path mixes elements
                {"must": [{"nested": {"key": "items", "filter": {"must": [{"key": "k", "match": {"value": "x"}}, {"key": "v", "range": {"gte": 2}}]}}}]} | 2
                {"must": [{"key": "items[].k", "match": {"value": "x"}}, {"key": "items[].v", "range": {"gte": 2}}]} | 1 2
                {"must": [{"key": "items[].k", "match": {"value": "y"}}]}                         | 1 3
                # clauses: must_not, should, min_should, nesting
                {"must_not": [{"key": "city", "match": {"value": "Berlin"}}]}                     | 2 3 5
                {"should": [{"key": "city", "match": {"value": "London"}}, {"has_id": [5]}]}     | 2 5
                {"min_should": {"conditions": [{"key": "city", "match": {"value": "Berlin"}}, {"key": "n", "range": {"lte": 1}}, {"has_id": [1, 4]}], "min_count": 2}} | 1 4
                {"must": [{"should": [{"has_id": [1]}, {"has_id": [2]}]}], "must_not": [{"has_id": [2]}]} | 1
                {"must": [{"key": "city", "match": {"value": "Berlin"}}], "should": [{"key": "n", "range": {"gt": 3}}]} | 4
                {}                                                                                | 1 2 3 4 5
                """)
        void filterMatches(String filter, String ids) {
            assertThat(matching(filter)).containsExactlyElementsOf(expected(ids == null ? "" : ids));
        }

        @ParameterizedTest(name = "{0} -> [{1}]")
        @CsvSource(delimiter = '|', textBlock = """
                # an empty `any` matches nothing; an empty `except` matches every point that has the key
                {"must": [{"key": "city", "match": {"any": []}}]}                                 |
                {"must": [{"key": "n", "match": {"any": []}}]}                                    |
                {"must_not": [{"key": "city", "match": {"any": []}}]}                             | 1 2 3 4 5
                {"must": [{"key": "city", "match": {"except": []}}]}                              | 1 2 3 4
                {"must": [{"key": "n", "match": {"except": []}}]}                                 | 1 2 3 4
                # `except` never matches a point without the key, nor one where it is null
                {"must": [{"key": "missing", "match": {"except": ["x"]}}]}                        |
                {"must": [{"key": "missing", "match": {"except": []}}]}                           |
                {"must": [{"key": "nul", "match": {"except": [5]}}]}                              | 2
                # `except` over values of another type matches (a string is none of these numbers)
                {"must": [{"key": "city", "match": {"except": [1, 2]}}]}                          | 1 2 3 4
                # `must_not` of a value also keeps the points that lack the key
                {"must_not": [{"key": "flag", "match": {"value": true}}]}                         | 2 3 4 5
                # null, missing and [] are three different things to is_null and is_empty
                {"must": [{"is_null": {"key": "missing"}}]}                                       |
                {"must": [{"is_empty": {"key": "missing"}}]}                                      | 1 2 3 4 5
                {"must_not": [{"is_null": {"key": "nul"}}]}                                       | 2 3 4 5
                """)
        void oddCases(String filter, String ids) {
            assertThat(matching(filter)).containsExactlyElementsOf(expected(ids == null ? "" : ids));
        }

        @Test
        void anUnknownFilterFieldIsRejectedAsMalformed() {
            ApiResponse r = api().post("/collections/" + COLLECTION + "/points/scroll").json("""
                    {"filter": {"must": [], "bogus": []}}""").violatingSpec().send();

            assertThat(assertError(r, 400)).startsWith("Format error in JSON body: ");
        }

        @Test
        void aConditionWithoutAnyTestIsAValidationError() {
            ApiResponse r = api().post("/collections/" + COLLECTION + "/points/count").json("""
                    {"filter": {"must": [{"key": "city"}]}}""").send();

            assertThat(r.status()).isIn(400, 422);
            assertError(r, r.status());
        }
    }
}
