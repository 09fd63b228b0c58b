package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.PointsTestSupport.createCollection;
import static io.quiver.bootstrap.e2e.PointsTestSupport.ids;
import static io.quiver.bootstrap.e2e.PointsTestSupport.upsert;
import static io.quiver.bootstrap.e2e.PointsTestSupport.write;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertError;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertOk;
import static io.quiver.bootstrap.e2e.QdrantAssertions.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The universal query API end to end — {@code /points/query}, {@code /query/batch}, {@code /query/groups},
 * the distance matrix — and the legacy recommend, discover and groups endpoints, over dense, sparse and
 * multivectors. Every expected score is worked out by hand in a comment next to it.
 */
class QueryTest {

    @RegisterExtension
    static final QuiverTestServer SERVER = QuiverTestServer.perClass();

    static ContractClient api() {
        return SERVER.client();
    }

    static ContractClient legacy() {
        return SERVER.client().using(QdrantSpec.V1_18);
    }

    // ---- fixtures ----------------------------------------------------------------------------------

    /** Dot, 2-d. With the query (1,0): 1 → 1, 2 → 0.9, 4 → 0.5, 3 → 0, 5 → -1; with (0,1): 3, 4, 2, then 1 and 5 at 0. */
    static final String DOT = "query_dot";
    /** Euclid, 2-d: 1 (0,0), 2 (1,0), 3 (-1,1), 4 (3,0). */
    static final String EUCLID = "query_euclid";
    /** Named dense {@code d} (Dot), sparse {@code words} and multivector {@code colbert} (Dot, max_sim). */
    static final String MIXED = "query_mixed";
    /** Another collection to take vectors from: named {@code v}, 100 → (0,1), 101 → (1,0). */
    static final String LOOKUP = "query_lookup";
    /** Dot, 2-d, points grouped by {@code g}, which holds strings, integers, arrays of both and other kinds. */
    static final String GROUPS = "query_groups";
    static final String GROUPS_LOOKUP = "query_groups_lookup";
    /** Euclid, 1-d: ids 1..5 at 0, 1, 3, 6, 10. */
    static final String MATRIX = "query_matrix";

    private static final Set<String> CREATED = new java.util.HashSet<>();

    private static synchronized boolean firstTime(String name) {
        return CREATED.add(name);
    }

    static String dot() {
        if (firstTime(DOT)) {
            createCollection(api(), DOT, """
                    {"vectors": {"size": 2, "distance": "Dot"}}""");
            upsert(api(), DOT, """
                    {"points": [
                      {"id": 1, "vector": [1, 0], "payload": {"price": 10, "cat": "a", "rank": [3, 1], "bonus": 2,
                        "loc": {"lon": 0, "lat": 0}, "at": "2024-01-01T00:00:00Z"}},
                      {"id": 2, "vector": [0.9, 0.1], "payload": {"price": 20, "cat": "b", "rank": 2,
                        "loc": {"lon": 0, "lat": 1}, "at": "2024-01-02T00:00:00Z"}},
                      {"id": 3, "vector": [0, 1], "payload": {"price": 30, "cat": "a",
                        "loc": {"lon": 1, "lat": 0}, "at": "2024-01-03T00:00:00Z"}},
                      {"id": 4, "vector": [0.5, 0.5], "payload": {"price": 40, "cat": "b", "at": "2024-01-04T00:00:00Z"}},
                      {"id": 5, "vector": [-1, 0], "payload": {"price": 50, "cat": "a", "at": "2024-01-05T00:00:00Z"}}]}""");
            index(DOT, "price", "float");
            index(DOT, "rank", "integer");
            index(DOT, "cat", "keyword");
            index(DOT, "at", "datetime");
        }
        return DOT;
    }

    static String euclid() {
        if (firstTime(EUCLID)) {
            createCollection(api(), EUCLID, """
                    {"vectors": {"size": 2, "distance": "Euclid"}}""");
            upsert(api(), EUCLID, """
                    {"points": [
                      {"id": 1, "vector": [0, 0], "payload": {"side": "left"}},
                      {"id": 2, "vector": [1, 0], "payload": {"side": "right"}},
                      {"id": 3, "vector": [-1, 1], "payload": {"side": "left"}},
                      {"id": 4, "vector": [3, 0], "payload": {"side": "right"}}]}""");
        }
        return EUCLID;
    }

    /**
     * Dense d with (1,0): 1 → 1, 4 → 0.8, 3 → 0.6, 2 → 0 (5 has none). Sparse words with {1: 1, 5: 2, 9: 0.5}:
     * 1 → 0.5 + 4 = 4.5, 2 → 2 + 2 = 4, 5 → 3 - 0.5 = 2.5 (3 shares no index, 4 has none). Multivector
     * colbert with [[1,0],[0,1]] (max_sim): 1 → 1 + 1 = 2, 3 → 0.5 + 1 = 1.5, 2 → 1 + 0 = 1, 5 → 0.4 + 0.4 = 0.8.
     */
    static String mixed() {
        if (firstTime(MIXED)) {
            createCollection(api(), MIXED, """
                    {"vectors": {"d": {"size": 2, "distance": "Dot"},
                                 "colbert": {"size": 2, "distance": "Dot", "multivector_config": {"comparator": "max_sim"}}},
                     "sparse_vectors": {"words": {}}}""");
            upsert(api(), MIXED, """
                    {"points": [
                      {"id": 1, "vector": {"d": [1, 0], "words": {"indices": [1, 5], "values": [0.5, 2]},
                        "colbert": [[1, 0], [0, 1]]}, "payload": {"cat": "a", "n": 1}},
                      {"id": 2, "vector": {"d": [0, 1], "words": {"indices": [5, 9], "values": [1, 4]},
                        "colbert": [[1, 0]]}, "payload": {"cat": "b", "n": 2}},
                      {"id": 3, "vector": {"d": [0.6, 0.8], "words": {"indices": [2, 3], "values": [1, 1]},
                        "colbert": [[0, 1], [0.5, 0.5]]}, "payload": {"cat": "a", "n": 3}},
                      {"id": 4, "vector": {"d": [0.8, 0.6]}, "payload": {"cat": "b", "n": 4}},
                      {"id": 5, "vector": {"words": {"indices": [1, 9], "values": [3, -1]}, "colbert": [[0.4, 0.4]]},
                        "payload": {"cat": "a", "n": 5}}]}""");
            index(MIXED, "n", "integer");
        }
        return MIXED;
    }

    static String lookup() {
        if (firstTime(LOOKUP)) {
            createCollection(api(), LOOKUP, """
                    {"vectors": {"v": {"size": 2, "distance": "Dot"}}}""");
            upsert(api(), LOOKUP, """
                    {"points": [{"id": 100, "vector": {"v": [0, 1]}}, {"id": 101, "vector": {"v": [1, 0]}}]}""");
        }
        return LOOKUP;
    }

    /**
     * With the query (1,0): 1 (1) "red", 2 (0.9) ["red", "blue"], 3 (0.8) 7, 6 (0.7) true, 4 (0.5) [7, "blue"],
     * 5 (0) 3.5, 8 (-1) "red". A float or bool key leaves the point out of every group.
     */
    static String groups() {
        if (firstTime(GROUPS)) {
            createCollection(api(), GROUPS, """
                    {"vectors": {"size": 2, "distance": "Dot"}}""");
            upsert(api(), GROUPS, """
                    {"points": [
                      {"id": 1, "vector": [1, 0], "payload": {"g": "red", "cat": "a"}},
                      {"id": 2, "vector": [0.9, 0.1], "payload": {"g": ["red", "blue"], "cat": "b"}},
                      {"id": 3, "vector": [0.8, 0.2], "payload": {"g": 7, "cat": "a"}},
                      {"id": 4, "vector": [0.5, 0.5], "payload": {"g": [7, "blue"], "cat": "b"}},
                      {"id": 5, "vector": [0, 1], "payload": {"g": 3.5, "cat": "a"}},
                      {"id": 6, "vector": [0.7, 0.3], "payload": {"g": true, "cat": "a"}},
                      {"id": 8, "vector": [-1, 0], "payload": {"g": "red", "cat": "a"}}]}""");
            createCollection(api(), GROUPS_LOOKUP, """
                    {"vectors": {"size": 2, "distance": "Dot"}}""");
            upsert(api(), GROUPS_LOOKUP, """
                    {"points": [{"id": 7, "vector": [1, 1], "payload": {"name": "seven"}}]}""");
        }
        return GROUPS;
    }

    static String matrix() {
        if (firstTime(MATRIX)) {
            createCollection(api(), MATRIX, """
                    {"vectors": {"size": 1, "distance": "Euclid"}}""");
            upsert(api(), MATRIX, """
                    {"points": [{"id": 1, "vector": [0]}, {"id": 2, "vector": [1]}, {"id": 3, "vector": [3]},
                                {"id": 4, "vector": [6]}, {"id": 5, "vector": [10]}]}""");
        }
        return MATRIX;
    }

    static void index(String collection, String field, String schema) {
        write(api().put("/collections/" + collection + "/index").json(
                "{\"field_name\": \"" + field + "\", \"field_schema\": \"" + schema + "\"}"));
    }

    // ---- helpers -----------------------------------------------------------------------------------

    static JsonNode query(String collection, String body) {
        return assertOk(api().post("/collections/" + collection + "/points/query").json(body).send()).get("points");
    }

    static String queryError(String collection, String body) {
        return assertError(api().post("/collections/" + collection + "/points/query").json(body).send(), 400);
    }

    /** id → score in answer order; ids as Long. */
    static Map<Long, Double> scores(JsonNode points) {
        Map<Long, Double> out = new LinkedHashMap<>();
        for (JsonNode p : points) {
            out.put(p.get("id").asLong(), p.get("score").asDouble());
        }
        return out;
    }

    /** The hits are exactly these ids in this order, with these scores: {@code id, score, id, score, …}. */
    static void assertHits(JsonNode points, double... idsAndScores) {
        List<Object> expectedIds = new ArrayList<>();
        for (int i = 0; i < idsAndScores.length; i += 2) {
            expectedIds.add((long) idsAndScores[i]);
        }
        assertThat(ids(points)).as("ids of %s", points).containsExactlyElementsOf(expectedIds);
        for (int i = 0; i < idsAndScores.length; i += 2) {
            double want = idsAndScores[i + 1];
            assertThat(points.get(i / 2).get("score").asDouble()).as("score of %s in %s", (long) idsAndScores[i], points)
                    .isCloseTo(want, within(1e-4 * Math.max(1, Math.abs(want))));
        }
    }

    /** The hits have these scores, in any order among equal scores. */
    static void assertScores(JsonNode points, Map<Long, Double> expected) {
        Map<Long, Double> got = scores(points);
        assertThat(got.keySet()).as("ids of %s", points).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((id, want) -> assertThat(got.get(id)).as("score of %s in %s", id, points)
                .isCloseTo(want, within(1e-4 * Math.max(1, Math.abs(want)))));
        List<Double> inOrder = new ArrayList<>(got.values());
        for (int i = 1; i < inOrder.size(); i++) {
            assertThat(inOrder.get(i)).as("descending scores in %s", points).isLessThanOrEqualTo(inOrder.get(i - 1));
        }
    }

    static double sigmoid(double x) {
        return 0.5 * (x / (1 + Math.abs(x)) + 1);
    }

    // ---- nearest -----------------------------------------------------------------------------------

    @Nested
    class Nearest {
        @Test
        void theBareVectorAndTheNearestFormAreTheSameQuery() {
            JsonNode bare = query(dot(), "{\"query\": [1, 0]}");
            JsonNode nearest = query(dot(), "{\"query\": {\"nearest\": [1, 0]}}");

            assertHits(bare, 1, 1.0, 2, 0.9, 4, 0.5, 3, 0.0, 5, -1.0);
            assertThat(ids(nearest)).isEqualTo(ids(bare));
            assertThat(bare.get(0).get("version").asLong()).isPositive();
            assertThat(fieldNames(bare.get(0))).containsExactly("id", "version", "score");
        }

        @Test
        void aFilterRestrictsTheCandidates() {
            JsonNode hits = query(dot(), """
                    {"query": [1, 0], "filter": {"must": [{"key": "cat", "match": {"value": "a"}}]}}""");

            assertHits(hits, 1, 1.0, 3, 0.0, 5, -1.0);
        }

        @Test
        void aPointIdQueriesByItsVectorAndIsLeftOut() {
            JsonNode hits = query(dot(), "{\"query\": 1}");
            JsonNode nearest = query(dot(), "{\"query\": {\"nearest\": 1}, \"filter\": {\"must_not\": [{\"has_id\": [5]}]}}");

            assertHits(hits, 2, 0.9, 4, 0.5, 3, 0.0, 5, -1.0);
            assertHits(nearest, 2, 0.9, 4, 0.5, 3, 0.0);
        }

        @Test
        void sparseVectorsScoreTheDotProductOverSharedIndices() {
            JsonNode hits = query(mixed(), """
                    {"query": {"indices": [1, 5, 9], "values": [1, 2, 0.5]}, "using": "words"}""");
            JsonNode filtered = query(mixed(), """
                    {"query": {"nearest": {"indices": [1, 5, 9], "values": [1, 2, 0.5]}}, "using": "words",
                     "filter": {"must": [{"key": "cat", "match": {"value": "a"}}]}}""");

            assertHits(hits, 1, 4.5, 2, 4.0, 5, 2.5);
            assertHits(filtered, 1, 4.5, 5, 2.5);
        }

        @Test
        void multivectorsScoreMaxSim() {
            JsonNode hits = query(mixed(), "{\"query\": [[1, 0], [0, 1]], \"using\": \"colbert\"}");
            JsonNode filtered = query(mixed(), """
                    {"query": {"nearest": [[1, 0], [0, 1]]}, "using": "colbert",
                     "filter": {"must_not": [{"key": "cat", "match": {"value": "b"}}]}}""");

            assertHits(hits, 1, 2.0, 3, 1.5, 2, 1.0, 5, 0.8);
            assertHits(filtered, 1, 2.0, 3, 1.5, 5, 0.8);
        }

        @Test
        void usingPicksTheNamedVector() {
            assertHits(query(mixed(), "{\"query\": [1, 0], \"using\": \"d\"}"), 1, 1.0, 4, 0.8, 3, 0.6, 2, 0.0);
            assertThat(queryError(mixed(), "{\"query\": [1, 0], \"using\": \"nope\"}"))
                    .isEqualTo("Wrong input: Not existing vector name error: nope");
        }

        @Test
        void scoreThresholdKeepsStrictlyBetterScores() {
            // 0.5 itself is dropped for a plain nearest query
            assertHits(query(dot(), "{\"query\": [1, 0], \"score_threshold\": 0.5}"), 1, 1.0, 2, 0.9);
            // for distances, better is smaller
            assertHits(query(euclid(), "{\"query\": [0, 0], \"score_threshold\": 1.5}"), 1, 0.0, 2, 1.0,
                    3, Math.sqrt(2));
        }

        @Test
        void limitAndOffsetPage() {
            assertHits(query(dot(), "{\"query\": [1, 0], \"limit\": 2}"), 1, 1.0, 2, 0.9);
            assertHits(query(dot(), "{\"query\": [1, 0], \"limit\": 2, \"offset\": 2}"), 4, 0.5, 3, 0.0);
            assertThat(query(dot(), "{\"query\": [1, 0], \"offset\": 5}")).isEmpty();
        }

        @Test
        void withPayloadAndWithVectorSelectWhatHitsCarry() {
            JsonNode all = query(dot(), "{\"query\": [1, 0], \"limit\": 1, \"with_payload\": true, \"with_vector\": true}");
            JsonNode some = query(dot(), """
                    {"query": [1, 0], "limit": 1, "with_payload": ["price", "cat"], "with_vector": false}""");
            JsonNode excluded = query(dot(), """
                    {"query": [1, 0], "limit": 1, "with_payload": {"exclude": ["loc", "at", "rank"]}}""");
            JsonNode named = query(mixed(), """
                    {"query": [1, 0], "using": "d", "limit": 1, "with_vector": ["colbert", "words"]}""");

            assertThat(all.get(0).get("payload").get("price").asInt()).isEqualTo(10);
            assertThat(all.get(0).get("vector").get(0).asDouble()).isEqualTo(1.0);
            assertThat(fieldNames(some.get(0).get("payload"))).containsExactlyInAnyOrder("price", "cat");
            assertThat(some.get(0).has("vector")).isFalse();
            assertThat(fieldNames(excluded.get(0).get("payload"))).containsExactlyInAnyOrder("price", "cat", "bonus");
            assertThat(fieldNames(named.get(0).get("vector"))).containsExactlyInAnyOrder("colbert", "words");
            assertThat(named.get(0).get("vector").get("colbert").get(1).get(1).asDouble()).isEqualTo(1.0);
            assertThat(named.get(0).get("vector").get("words").get("indices").get(1).asInt()).isEqualTo(5);
        }

        @Test
        void lookupFromTakesTheVectorFromAnotherCollection() {
            lookup();
            // (0,1) from the lookup collection: 100 is no point here and nothing is left out
            JsonNode hits = query(dot(), """
                    {"query": 100, "lookup_from": {"collection": "query_lookup", "vector": "v"}, "limit": 3}""");
            JsonNode prefetched = query(dot(), """
                    {"prefetch": {"query": 101, "lookup_from": {"collection": "query_lookup", "vector": "v"}, "limit": 2},
                     "query": [0, 1]}""");

            assertHits(hits, 3, 1.0, 4, 0.5, 2, 0.1);
            // the prefetch takes (1,0): 1 and 2; re-scored by (0,1)
            assertHits(prefetched, 2, 0.1, 1, 0.0);
            assertThat(assertError(api().post("/collections/" + DOT + "/points/query").json("""
                    {"query": 999, "lookup_from": {"collection": "query_lookup", "vector": "v"}}""").send(), 404))
                    .contains("999");
        }
    }

    // ---- mmr, recommend, discover, context -----------------------------------------------------------

    @Nested
    class ExampleQueries {
        @Test
        void mmrTradesRelevanceForDiversityAndKeepsNearestScores() {
            // candidates 1 (1.0), 2 (0.9), 4 (0.5), 3 (0.0); λ = 0.1: after 1, 3 (0 - 0.9 * 0) beats
            // 4 (0.05 - 0.9 * 0.5) and 2 (0.09 - 0.9 * 0.9)
            JsonNode hits = query(dot(), """
                    {"query": {"nearest": [1, 0], "mmr": {"diversity": 0.9, "candidates_limit": 4}}, "limit": 2,
                     "with_vector": true}""");
            JsonNode relevance = query(dot(), """
                    {"query": {"nearest": [1, 0], "mmr": {"diversity": 0}}, "limit": 3}""");
            JsonNode filtered = query(dot(), """
                    {"query": {"nearest": [1, 0], "mmr": {"diversity": 0.9, "candidates_limit": 4}}, "limit": 2,
                     "filter": {"must_not": [{"has_id": [3]}]}}""");

            assertHits(hits, 1, 1.0, 3, 0.0);
            assertThat(hits.get(1).get("vector").get(1).asDouble()).isEqualTo(1.0);
            assertHits(relevance, 1, 1.0, 2, 0.9, 4, 0.5);
            // candidates 1, 2, 4, 5: after 1, 5 (0.1 * -1 - 0.9 * -1 = 0.8) wins
            assertHits(filtered, 1, 1.0, 5, -1.0);
        }

        @Test
        void recommendSumScoresAddsNegatedSquaredEuclidDistances() {
            // -|x - (0,0)|² + |x - (4,0)|²
            JsonNode hits = query(euclid(), """
                    {"query": {"recommend": {"positive": [[0, 0]], "negative": [[4, 0]], "strategy": "sum_scores"}}}""");

            assertHits(hits, 3, 24, 1, 16, 2, 8, 4, -8);
        }

        @Test
        void recommendBestScoreIsTheSigmoidOfTheBetterSide() {
            JsonNode hits = query(euclid(), """
                    {"query": {"recommend": {"positive": [[0, 0]], "negative": [[4, 0]], "strategy": "best_score"}}}""");
            JsonNode filtered = query(euclid(), """
                    {"query": {"recommend": {"positive": [[0, 0]], "negative": [[4, 0]], "strategy": "best_score"}},
                     "filter": {"must": [{"key": "side", "match": {"value": "right"}}]}}""");

            // 4 is nearer the negative: -sigmoid(-1)
            assertHits(hits, 1, 0.5, 2, 0.25, 3, sigmoid(-2), 4, -0.25);
            assertHits(filtered, 2, 0.25, 4, -0.25);
        }

        @Test
        void recommendAverageVectorSearchesNearAnExtrapolatedPoint() {
            // avg(pos) = (1,0); (1,0) + ((1,0) - (4,0)) = (-2,0)
            JsonNode hits = query(euclid(), """
                    {"query": {"recommend": {"positive": [[0, 0], [2, 0]], "negative": [[4, 0]]}}}""");

            assertHits(hits, 3, Math.sqrt(2), 1, 2, 2, 3, 4, 5);
        }

        @Test
        void recommendByIdsLeavesTheExamplesOut() {
            // Dot: p = x·(1,0), n = x·(0,1); 2: 0.9 > 0.1 → sigmoid(0.9); 5: -1 < 0 → -sigmoid(0); 4: tie → -sigmoid(0.5)
            JsonNode hits = query(dot(), """
                    {"query": {"recommend": {"positive": [1], "negative": [3], "strategy": "best_score"}}}""");

            assertHits(hits, 2, sigmoid(0.9), 5, -0.5, 4, -sigmoid(0.5));
        }

        @Test
        void discoverIsTheRankPlusTheSigmoidOfTheTarget() {
            // pair (1,0) vs (0,1): 1 → +1 + sigmoid(1) = 1.75; 4 → tie -1 + sigmoid(0.5); 5 → -1 + sigmoid(-1);
            // 2 → +1 + sigmoid(0.9); 3 → -1 + sigmoid(0)
            JsonNode hits = query(dot(), """
                    {"query": {"discover": {"target": [1, 0], "context": [{"positive": [1, 0], "negative": [0, 1]}]}}}""");
            JsonNode filtered = query(dot(), """
                    {"query": {"discover": {"target": [1, 0], "context": {"positive": [1, 0], "negative": [0, 1]}}},
                     "filter": {"must": [{"key": "cat", "match": {"value": "b"}}]}}""");

            assertHits(hits, 1, 1.75, 2, 1 + sigmoid(0.9), 4, -1 + sigmoid(0.5), 3, -0.5, 5, -0.75);
            assertHits(filtered, 2, 1 + sigmoid(0.9), 4, -1 + sigmoid(0.5));
        }

        @Test
        void contextSumsALossThatIsZeroOnThePositiveSide() {
            // loss = fast_sigmoid(min(x·p - x·n - ε, 0)), p = (0.9,0.1), n = (0,1)
            JsonNode hits = query(dot(), """
                    {"query": {"context": [{"positive": [0.9, 0.1], "negative": [0, 1]}]}, "limit": 5}""");

            Map<Long, Double> s = scores(hits);
            assertThat(s.get(1L)).isZero();
            assertThat(s.get(2L)).isZero();
            assertThat(s.get(4L)).isCloseTo(-1.2e-7 / (1 + 1.2e-7), within(1e-6));
            assertThat(s.get(3L)).isCloseTo(-0.9 / 1.9, within(1e-6));
            assertThat(s.get(5L)).isCloseTo(-0.9 / 1.9, within(1e-6));
            assertThat(ids(hits).subList(0, 2)).containsExactlyInAnyOrder(1L, 2L);

            JsonNode filtered = query(dot(), """
                    {"query": {"context": {"positive": [0.9, 0.1], "negative": [0, 1]}},
                     "filter": {"must": [{"key": "cat", "match": {"value": "a"}}]}}""");
            assertThat(ids(filtered)).hasSize(3).first().isEqualTo(1L);
            assertThat(ids(filtered).subList(1, 3)).containsExactlyInAnyOrder(3L, 5L);
            assertThat(filtered.get(1).get("score").asDouble()).isCloseTo(-0.9 / 1.9, within(1e-6));
        }

        @Test
        void sparseRecommendScoresDotProductsOverSharedIndices() {
            // p = x·{5:1}, n = x·{9:1}: 1 → 2 > 0 → sigmoid(2); 5 → 0 > -1 → sigmoid(0); 3 (no shared index)
            // → tie → -sigmoid(0); 2 → 1 < 4 → -sigmoid(4)
            JsonNode best = query(mixed(), """
                    {"query": {"recommend": {"positive": [{"indices": [5], "values": [1]}],
                     "negative": [{"indices": [9], "values": [1]}], "strategy": "best_score"}}, "using": "words"}""");
            // avg(1, 2) = {1: 0.25, 5: 1.5, 9: 2}; 2 * avg - {2: 1} = {1: 0.5, 2: -1, 5: 3, 9: 4}, searched:
            // 3 → -1, 5 → 1.5 - 4 = -2.5 (1 and 2 are examples)
            JsonNode average = query(mixed(), """
                    {"query": {"recommend": {"positive": [1, 2], "negative": [{"indices": [2], "values": [1]}]}},
                     "using": "words"}""");

            assertHits(best, 1, sigmoid(2), 5, 0.5, 3, -0.5, 2, -sigmoid(4));
            assertHits(average, 3, -1, 5, -2.5);
        }

        @Test
        void sparseDiscoverAndMmr() {
            // target {1:1}, pair {5:1} vs {2:1}: 1 → +1 + sigmoid(0.5); 2 → +1 + sigmoid(0);
            // 5 → tie -1 + sigmoid(3); 3 → -1 + sigmoid(0)
            JsonNode discover = query(mixed(), """
                    {"query": {"discover": {"target": {"indices": [1], "values": [1]},
                     "context": [{"positive": {"indices": [5], "values": [1]}, "negative": {"indices": [2], "values": [1]}}]}},
                     "using": "words"}""");
            // candidates 1 (4.5), 2 (4), 5 (2.5); λ = 0.2; after 1: 2 → 0.8 - 0.8 * (x2·x1 = 2) = -0.8,
            // 5 → 0.5 - 0.8 * (x5·x1 = 1.5) = -0.7 wins
            JsonNode mmr = query(mixed(), """
                    {"query": {"nearest": {"indices": [1, 5, 9], "values": [1, 2, 0.5]},
                     "mmr": {"diversity": 0.8, "candidates_limit": 3}}, "using": "words", "limit": 2}""");

            assertHits(discover, 1, 1 + sigmoid(0.5), 2, 1.5, 5, -1 + sigmoid(3), 3, -0.5);
            assertHits(mmr, 1, 4.5, 5, 2.5);
        }

        @Test
        void multivectorRecommendScoresMaxSim() {
            // max_sim([[1,0],[0,1]], x) - max_sim([[0.5,0.5]], x): 1 → 2 - 0.5, 3 → 1.5 - 0.5, 2 → 1 - 0.5,
            // 5 → 0.8 - 0.4
            JsonNode sum = query(mixed(), """
                    {"query": {"recommend": {"positive": [[[1, 0], [0, 1]]], "negative": [[[0.5, 0.5]]],
                     "strategy": "sum_scores"}}, "using": "colbert"}""");
            // average_vector concatenates the rows, negatives negated: [[1,0],[0,-1]]; 1 → 1 + 0,
            // 3 → 0.5 - 0.5, 5 → 0.4 - 0.4 (2 is an example)
            JsonNode average = query(mixed(), """
                    {"query": {"recommend": {"positive": [2], "negative": [[[0, 1]]]}}, "using": "colbert"}""");

            assertHits(sum, 1, 1.5, 3, 1.0, 2, 0.5, 5, 0.4);
            assertScores(average, Map.of(1L, 1.0, 3L, 0.0, 5L, 0.0));
        }

        @Test
        void multivectorDiscoverAndMmr() {
            // pair [[0,1]] vs [[1,0]]: 3 → 1 > 0.5 → +1, the others -1; target [[1,0],[0,1]]: 1 → 2, 3 → 1.5,
            // 2 → 1, 5 → 0.8
            JsonNode discover = query(mixed(), """
                    {"query": {"discover": {"target": [[1, 0], [0, 1]],
                     "context": [{"positive": [[0, 1]], "negative": [[1, 0]]}]}}, "using": "colbert"}""");
            // candidates 1 (2), 3 (1.5), 2 (1), 5 (0.8); λ = 0.5; after 1, with the candidate as the query side:
            // 3 → 0.75 - 0.5 * 1.5 = 0, 2 → 0.5 - 0.5 * 1 = 0, 5 → 0.4 - 0.5 * 0.4 = 0.2 wins
            JsonNode mmr = query(mixed(), """
                    {"query": {"nearest": [[1, 0], [0, 1]], "mmr": {"diversity": 0.5, "candidates_limit": 4}},
                     "using": "colbert", "limit": 2}""");

            assertHits(discover, 3, 1 + sigmoid(1.5), 1, -1 + sigmoid(2), 2, -0.25, 5, -1 + sigmoid(0.8));
            assertHits(mmr, 1, 2.0, 5, 0.8);
        }
    }

    // ---- scroll-like: order_by, sample, no query -------------------------------------------------------

    @Nested
    class ScrollLike {
        @Test
        void orderByWalksTheIndexWithOrderValuesAndScoreOne() {
            JsonNode asc = query(dot(), "{\"query\": {\"order_by\": \"price\"}, \"with_payload\": [\"price\"]}");
            JsonNode desc = query(dot(), """
                    {"query": {"order_by": {"key": "price", "direction": "desc", "start_from": 35}}, "limit": 2}""");
            JsonNode filtered = query(dot(), """
                    {"query": {"order_by": {"key": "price"}}, "filter": {"must": [{"key": "cat", "match": {"value": "a"}}]}}""");

            assertThat(ids(asc)).containsExactly(1L, 2L, 3L, 4L, 5L);
            for (int i = 0; i < 5; i++) {
                JsonNode hit = asc.get(i);
                assertThat(hit.get("order_value").asDouble()).isEqualTo(10.0 * (i + 1));
                assertThat(hit.get("score").asDouble()).isEqualTo(1.0);
                assertThat(hit.get("version").asLong()).isZero();
                assertThat(hit.get("payload").get("price").asInt()).isEqualTo(10 * (i + 1));
            }
            assertThat(ids(desc)).containsExactly(3L, 2L);
            assertThat(desc.get(0).get("order_value").asDouble()).isEqualTo(30.0);
            assertThat(ids(filtered)).containsExactly(1L, 3L, 5L);
        }

        @Test
        void orderByListsAPointOncePerValue() {
            // rank: 1 → [3, 1], 2 → 2; points without the key are not listed
            JsonNode hits = query(dot(), "{\"query\": {\"order_by\": \"rank\"}}");

            assertThat(ids(hits)).containsExactly(1L, 2L, 1L);
            assertThat(hits.get(0).get("order_value").isIntegralNumber()).isTrue();
            assertThat(List.of(hits.get(0).get("order_value").asLong(), hits.get(1).get("order_value").asLong(),
                    hits.get(2).get("order_value").asLong())).containsExactly(1L, 2L, 3L);
        }

        @Test
        void orderByOverPrefetchesOrdersTheirUnion() {
            // the prefetches find 1, 2, 4 (dense) and 1, 2, 5 (sparse); price descending
            JsonNode hits = query(dot(), """
                    {"prefetch": {"query": [1, 0], "limit": 3}, "query": {"order_by": {"key": "price", "direction": "desc"}}}""");
            JsonNode mixedHits = query(mixed(), """
                    {"prefetch": [{"query": [1, 0], "using": "d", "limit": 2},
                                  {"query": {"indices": [9], "values": [1]}, "using": "words", "limit": 2}],
                     "query": {"order_by": "n"}}""");

            assertThat(ids(hits)).containsExactly(4L, 2L, 1L);
            assertThat(hits.get(0).get("order_value").asDouble()).isEqualTo(40.0);
            // d: 1, 4; words (9): 2 (4), 5 (-1)
            assertThat(ids(mixedHits)).containsExactly(1L, 2L, 4L, 5L);
        }

        @Test
        void orderByNeedsARangeIndex() {
            assertThat(queryError(dot(), "{\"query\": {\"order_by\": \"cat\"}}"))
                    .isEqualTo("Wrong input: No range index for `order_by` key: `cat`. Please create one to use"
                            + " `order_by`. Check https://qdrant.tech/documentation/concepts/indexing/#payload-index to"
                            + " see which payload schemas support Range conditions");
            assertThat(queryError(dot(), "{\"query\": {\"order_by\": \"missing\"}}"))
                    .contains("No range index for `order_by` key: `missing`");
            assertThat(queryError(dot(), "{\"query\": {\"order_by\": \"price\"}, \"score_threshold\": 0.5}"))
                    .isEqualTo("Bad request: Can't use score_threshold with an order_by query.");
        }

        @Test
        void sampleReturnsDistinctRandomPointsScoringOne() {
            JsonNode hits = query(dot(), "{\"query\": {\"sample\": \"random\"}, \"limit\": 3}");
            JsonNode filtered = query(dot(), """
                    {"query": {"sample": "random"}, "filter": {"must": [{"key": "cat", "match": {"value": "a"}}]}}""");
            JsonNode overPrefetch = query(mixed(), """
                    {"prefetch": {"query": [[1, 0], [0, 1]], "using": "colbert", "limit": 2}, "query": {"sample": "random"}}""");

            assertThat(ids(hits)).hasSize(3).doesNotHaveDuplicates().allMatch(id -> (Long) id >= 1 && (Long) id <= 5);
            assertThat(hits).allSatisfy(h -> {
                assertThat(h.get("score").asDouble()).isEqualTo(1.0);
                assertThat(h.get("version").asLong()).isZero();
            });
            assertThat(ids(filtered)).containsExactlyInAnyOrder(1L, 3L, 5L);
            assertThat(ids(overPrefetch)).containsExactlyInAnyOrder(1L, 3L);
        }

        @Test
        void noQueryListsIdsInOrderLikeAScroll() {
            JsonNode hits = query(dot(), "{\"limit\": 3}");
            JsonNode filtered = query(dot(), "{\"filter\": {\"must\": [{\"key\": \"cat\", \"match\": {\"value\": \"b\"}}]}}");

            assertThat(ids(hits)).containsExactly(1L, 2L, 3L);
            assertThat(hits).allSatisfy(h -> {
                assertThat(h.get("score").asDouble()).isEqualTo(1.0);
                assertThat(h.get("version").asLong()).isZero();
            });
            assertThat(ids(filtered)).containsExactly(2L, 4L);
        }

        @Test
        void prefetchesAndAThresholdNeedAQuery() {
            assertThat(queryError(dot(), "{\"prefetch\": {\"query\": [1, 0]}}")).contains("A query is needed");
            assertThat(queryError(dot(), "{\"score_threshold\": 0.5}")).contains("A query is needed");
        }
    }

    // ---- fusion ---------------------------------------------------------------------------------------

    @Nested
    class Fusion {
        /** (1,0) finds 1, 2, 4; (0,1) finds 3, 4, 2. */
        static final String TWO_LISTS = """
                "prefetch": [{"query": [1, 0], "limit": 3}, {"query": [0, 1], "limit": 3}]""";

        @Test
        void rrfSumsOneOverPositionPlusK() {
            // k = 2: 1 → 1/2, 3 → 1/2, 2 → 1/3 + 1/4, 4 → 1/4 + 1/3
            JsonNode hits = query(dot(), "{" + TWO_LISTS + ", \"query\": {\"fusion\": \"rrf\"}}");

            assertScores(hits, Map.of(1L, 0.5, 3L, 0.5, 2L, 7.0 / 12, 4L, 7.0 / 12));
        }

        @Test
        void rrfWithKAndWeights() {
            // weight w at position p: 1 / ((p + 1) / w + k - 1); k = 1, w = 3 → the top hit of the first list scores 3
            JsonNode weighted = query(dot(), "{" + TWO_LISTS + ", \"query\": {\"rrf\": {\"k\": 1, \"weights\": [3, 1]}}}");
            JsonNode k = query(dot(), "{" + TWO_LISTS + ", \"query\": {\"rrf\": {\"k\": 10}}}");

            Map<Long, Double> s = scores(weighted);
            assertThat(ids(weighted).getFirst()).isEqualTo(1L);
            assertThat(s.get(1L)).isCloseTo(3.0, within(1e-5));
            // 2: 1 / (2/3) + 1 / 3 ; 4: 1 / (3/3) + 1 / 2 ; 3: 1 / 1
            assertThat(s.get(2L)).isCloseTo(1.5 + 1.0 / 3, within(1e-5));
            assertThat(s.get(4L)).isCloseTo(1.5, within(1e-5));
            assertThat(s.get(3L)).isCloseTo(1.0, within(1e-5));
            assertScores(k, Map.of(1L, 1.0 / 10, 3L, 1.0 / 10, 2L, 1.0 / 11 + 1.0 / 12, 4L, 1.0 / 12 + 1.0 / 11));
        }

        @Test
        void rrfWeightsMustMatchThePrefetches() {
            assertThat(queryError(dot(), "{" + TWO_LISTS + ", \"query\": {\"rrf\": {\"weights\": [1]}}}"))
                    .contains("Number of weights in RRF should match number of pre-fetches");
        }

        @Test
        void dbsfNormalisesByMeanAndThreeDeviations() {
            // one list 1.0, 0.9, 0.5: mean 0.8, σ = sqrt(0.07); (s - (0.8 - 3σ)) / 6σ
            JsonNode hits = query(dot(), """
                    {"prefetch": {"query": [1, 0], "limit": 3}, "query": {"fusion": "dbsf"}}""");
            JsonNode two = query(dot(), "{" + TWO_LISTS + ", \"query\": {\"fusion\": \"dbsf\"}}");

            assertHits(hits, 1, 0.626, 2, 0.563, 4, 0.311);
            double sigma = Math.sqrt(0.07);
            assertThat(scores(hits).get(1L)).isCloseTo((1.0 - (0.8 - 3 * sigma)) / (6 * sigma), within(1e-5));
            assertThat(ids(two)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        }

        @Test
        void aFusedThresholdKeepsScoresEqualToIt() {
            // one list: 1 → 1/2, 2 → 1/3, 4 → 1/4
            JsonNode hits = query(dot(), """
                    {"prefetch": {"query": [1, 0], "limit": 3}, "query": {"fusion": "rrf"}, "score_threshold": 0.5}""");

            assertHits(hits, 1, 0.5);
        }

        @Test
        void fusionRejectsUsingAndNeedsPrefetches() {
            assertThat(queryError(dot(), "{" + TWO_LISTS + ", \"query\": {\"fusion\": \"rrf\"}, \"using\": \"x\"}"))
                    .contains("Fusion queries cannot be combined with the 'using' field");
            assertThat(queryError(dot(), "{\"query\": {\"fusion\": \"dbsf\"}}"))
                    .isEqualTo("Wrong input: Validation failed: cannot apply Fusion without prefetches");
        }

        @Test
        void hybridFusesDenseSparseAndMultivectorLists() {
            // d: 1, 4, 3; words: 1, 2, 5; colbert: 1, 3, 2
            JsonNode hits = query(mixed(), """
                    {"prefetch": [{"query": [1, 0], "using": "d", "limit": 3},
                                  {"query": {"indices": [1, 5, 9], "values": [1, 2, 0.5]}, "using": "words", "limit": 3},
                                  {"query": [[1, 0], [0, 1]], "using": "colbert", "limit": 3}],
                     "query": {"fusion": "rrf"}, "filter": {"must_not": [{"has_id": [5]}]}}""");

            // 1: 3 × 1/2; 3: 1/4 + 1/3; 2: 1/3 + 1/4; 4: 1/3; 5 filtered out everywhere (words takes 1, 2 only)
            assertScores(hits, Map.of(1L, 1.5, 3L, 7.0 / 12, 2L, 7.0 / 12, 4L, 1.0 / 3));
        }
    }

    // ---- formula --------------------------------------------------------------------------------------

    @Nested
    class Formula {
        static final String ALL_FIVE = "\"prefetch\": {\"query\": [1, 0], \"limit\": 5}";

        @Test
        void aPayloadNumberBoostsTheScore() {
            // $score + 0.1 × price: 1 → 2, 2 → 2.9, 3 → 3, 4 → 4.5, 5 → 4
            JsonNode hits = query(dot(), "{" + ALL_FIVE + """
                    , "query": {"formula": {"sum": ["$score", {"mult": [0.1, "price"]}]}}}""");

            assertHits(hits, 4, 4.5, 5, 4.0, 3, 3.0, 2, 2.9, 1, 2.0);
        }

        @Test
        void conditionsCountOneOrZero() {
            // $score + 2 × (cat == b): 2 → 2.9, 4 → 2.5, 1 → 1, 3 → 0, 5 → -1
            JsonNode hits = query(dot(), "{" + ALL_FIVE + """
                    , "query": {"formula": {"sum": ["$score", {"mult": [2, {"key": "cat", "match": {"value": "b"}}]}]}}}""");
            JsonNode byId = query(dot(), "{" + ALL_FIVE + """
                    , "query": {"formula": {"sum": ["$score", {"has_id": [5]}]}}, "limit": 2}""");

            assertHits(hits, 2, 2.9, 4, 2.5, 1, 1.0, 3, 0.0, 5, -1.0);
            assertHits(byId, 1, 1.0, 2, 0.9);
        }

        @Test
        void aMissingPayloadKeyTakesItsDefaultOrFails() {
            // bonus: 1 → 2, others → default 0.5
            JsonNode hits = query(dot(), "{" + ALL_FIVE + """
                    , "query": {"formula": {"sum": ["$score", "bonus"]}, "defaults": {"bonus": 0.5}}}""");

            assertHits(hits, 1, 3.0, 2, 1.4, 4, 1.0, 3, 0.5, 5, -0.5);
            assertThat(queryError(dot(), "{" + ALL_FIVE + ", \"query\": {\"formula\": {\"sum\": [\"$score\", \"bonus\"]}}}"))
                    .isEqualTo("Wrong input: Expected number value for bonus in the payload and/or in the formula"
                            + " defaults. Error: No value found in a payload nor defaults");
        }

        @Test
        void decaysPeakAtTheTarget() {
            // |price - 30| / 10 scales: 3 → 0, 2 and 4 → 1, 1 and 5 → 2
            String prefix = "{" + ALL_FIVE + ", \"query\": {\"formula\": ";
            JsonNode gauss = query(dot(), prefix + """
                    {"gauss_decay": {"x": "price", "target": 30, "scale": 10}}}}""");
            JsonNode exp = query(dot(), prefix + """
                    {"exp_decay": {"x": "price", "target": 30, "scale": 10, "midpoint": 0.25}}}}""");
            JsonNode lin = query(dot(), prefix + """
                    {"lin_decay": {"x": "price", "target": 30, "scale": 20}}}}""");

            assertScores(gauss, Map.of(3L, 1.0, 2L, 0.5, 4L, 0.5, 1L, 0.0625, 5L, 0.0625));
            assertScores(exp, Map.of(3L, 1.0, 2L, 0.25, 4L, 0.25, 1L, 0.0625, 5L, 0.0625));
            // 1 - 0.5 × |x - t| / 20
            assertScores(lin, Map.of(3L, 1.0, 2L, 0.75, 4L, 0.75, 1L, 0.5, 5L, 0.5));
            assertThat(queryError(dot(), prefix + "{\"lin_decay\": {\"x\": \"price\", \"midpoint\": 2}}}}"))
                    .isEqualTo("Wrong input: Validation failed: Linear decay midpoint should be in the range [0.0, 1.0],"
                            + " got 2.");
        }

        @Test
        void geoDistanceIsInMetres() {
            // one degree on the mean Earth radius: 6371008.8 × π / 180
            double degree = 6_371_008.8 * Math.PI / 180;
            JsonNode hits = query(dot(), "{" + ALL_FIVE + """
                    , "query": {"formula": {"neg": {"geo_distance": {"origin": {"lon": 0, "lat": 0}, "to": "loc"}}},
                                "defaults": {"loc": {"lon": 0, "lat": 2}}}}""");

            assertScores(hits, Map.of(1L, 0.0, 2L, -degree, 3L, -degree, 4L, -2 * degree, 5L, -2 * degree));
            assertThat(queryError(dot(), "{" + ALL_FIVE + """
                    , "query": {"formula": {"geo_distance": {"origin": {"lon": 0, "lat": 0}, "to": "loc"}}}}"""))
                    .startsWith("Wrong input: Expected geo point value for loc in the payload and/or in the formula"
                            + " defaults. Error: No value found");
        }

        @Test
        void datetimesAreSecondsSinceTheEpoch() {
            // at - 2024-01-01: 0, 1, 2, 3, 4 days
            JsonNode hits = query(dot(), "{" + ALL_FIVE + """
                    , "query": {"formula": {"sum": [{"datetime_key": "at"}, {"neg": {"datetime": "2024-01-01T00:00:00Z"}}]}}}""");
            // a day after 2024-01-02 halves an exp decay
            JsonNode decayed = query(dot(), "{" + ALL_FIVE + """
                    , "query": {"formula": {"exp_decay": {"x": {"datetime_key": "at"}, "target": {"datetime": "2024-01-02"},
                                                          "scale": 86400}}}}""");

            assertHits(hits, 5, 4 * 86400, 4, 3 * 86400, 3, 2 * 86400, 2, 86400, 1, 0);
            assertScores(decayed, Map.of(2L, 1.0, 1L, 0.5, 3L, 0.5, 4L, 0.25, 5L, 0.125));
        }

        @Test
        void eachPrefetchHasItsScoreAndMissingScoresTakeTheirDefault() {
            // $score[0]: sparse 1 → 4.5, 2 → 4, 5 → 2.5; $score[1]: colbert 1 → 2, 3 → 1.5;
            // defaults: $score[0] 0.25, $score[1] -1
            JsonNode hits = query(mixed(), """
                    {"prefetch": [{"query": {"indices": [1, 5, 9], "values": [1, 2, 0.5]}, "using": "words", "limit": 3},
                                  {"query": [[1, 0], [0, 1]], "using": "colbert", "limit": 2}],
                     "query": {"formula": {"sum": ["$score[0]", "$score[1]"]},
                               "defaults": {"$score[0]": 0.25, "$score[1]": -1}}}""");
            JsonNode noDefaults = query(mixed(), """
                    {"prefetch": [{"query": {"indices": [1, 5, 9], "values": [1, 2, 0.5]}, "using": "words", "limit": 3},
                                  {"query": [[1, 0], [0, 1]], "using": "colbert", "limit": 2}],
                     "query": {"formula": {"mult": [2, "$score[1]"]}}}""");

            assertHits(hits, 1, 6.5, 2, 3.0, 3, 1.75, 5, 1.5);
            assertScores(noDefaults, Map.of(1L, 4.0, 3L, 3.0, 2L, 0.0, 5L, 0.0));
        }

        @Test
        void divisionAndLogarithmsMustStayFinite() {
            String prefix = "{" + ALL_FIVE + ", \"limit\": 1, \"query\": {\"formula\": ";
            JsonNode byZero = query(dot(), prefix + "{\"div\": {\"left\": \"price\", \"right\": 0, \"by_zero_default\": 7}}}}");
            assertThat(byZero).hasSize(1);
            assertThat(byZero.get(0).get("score").asDouble()).isEqualTo(7.0);
            assertHits(query(dot(), prefix + "{\"pow\": {\"base\": \"price\", \"exponent\": 0.5}}}}"),
                    5, Math.sqrt(50));
            assertThat(queryError(dot(), prefix + "{\"div\": {\"left\": 1, \"right\": 0}}}}"))
                    .isEqualTo("Wrong input: The expression 1/0 = inf produced a non-finite number");
            assertThat(queryError(dot(), prefix + "{\"ln\": {\"sum\": [\"$score\", 1]}}}}"))
                    .isEqualTo("Wrong input: The expression ln(0) = -inf produced a non-finite number");
            assertThat(queryError(dot(), prefix + "{\"sqrt\": \"$score\"}}}"))
                    .isEqualTo("Wrong input: The expression √-1 = NaN produced a non-finite number");
            assertHits(query(dot(), prefix + "{\"log10\": \"price\"}}}"), 5, Math.log10(50));
            assertHits(query(dot(), prefix + "{\"exp\": \"$score\"}}}"), 1, Math.E);
        }

        @Test
        void aFormulaNeedsPrefetchesAndKnownVariables() {
            assertThat(queryError(dot(), "{\"query\": {\"formula\": {\"sum\": [\"$score\", 1]}}}"))
                    .isEqualTo("Wrong input: Validation failed: cannot apply Formula without prefetches");
            assertThat(queryError(dot(), "{" + ALL_FIVE + ", \"query\": {\"formula\": \"$scores\"}}"))
                    .contains("Invalid reserved word: $scores");
            assertThat(assertError(api().post("/collections/" + DOT + "/points/query").json(
                    "{" + ALL_FIVE + ", \"query\": {\"formula\": {\"mult\": 3}}}").violatingSpec().send(), 400))
                    .startsWith("Format error in JSON body:");
        }

        @Test
        void theThresholdKeepsEqualScoresAndNestedFormulasComposeWithFilters() {
            // $score + 0.1 × price over cat a: 1 → 2, 3 → 3, 5 → 4; threshold 3 keeps 3
            JsonNode hits = query(dot(), """
                    {"prefetch": {"prefetch": {"query": [1, 0], "limit": 5}, "query": {"fusion": "rrf"}, "limit": 5},
                     "query": {"formula": {"sum": [{"mult": [0.1, "price"]}, 0]}}, "score_threshold": 3,
                     "filter": {"must": [{"key": "cat", "match": {"value": "a"}}]}}""");

            assertHits(hits, 5, 5.0, 3, 3.0);
        }
    }

    // ---- nested prefetch and batches --------------------------------------------------------------------

    @Nested
    class Prefetches {
        @Test
        void threeLevelsNarrowStepByStep() {
            // (1,0) limit 4: 1, 2, 4, 3 → (0,1) limit 2 among them: 3 (1), 4 (0.5) → (1,0): 4 (0.5), 3 (0)
            JsonNode hits = query(dot(), """
                    {"prefetch": {"prefetch": {"query": [1, 0], "limit": 4}, "query": [0, 1], "limit": 2},
                     "query": [1, 0]}""");

            assertHits(hits, 4, 0.5, 3, 0.0);
        }

        @Test
        void threeLevelsAcrossVectorKinds() {
            // words: 1, 2, 5 → colbert limit 2: 1 (2), 2 (1) → d: 1 (1), 2 (0)
            JsonNode hits = query(mixed(), """
                    {"prefetch": {"prefetch": {"query": {"indices": [1, 5, 9], "values": [1, 2, 0.5]}, "using": "words",
                                               "limit": 3},
                                  "query": [[1, 0], [0, 1]], "using": "colbert", "limit": 2},
                     "query": [1, 0], "using": "d"}""");

            assertHits(hits, 1, 1.0, 2, 0.0);
        }

        @Test
        void theTopFilterReachesEveryLevel() {
            JsonNode hits = query(dot(), """
                    {"prefetch": {"prefetch": {"query": [1, 0], "limit": 2}, "query": [0, 1], "limit": 2},
                     "query": [1, 0], "filter": {"must": [{"key": "cat", "match": {"value": "a"}}]}}""");

            // cat a by (1,0): 1, 3 → both kept → by (1,0)
            assertHits(hits, 1, 1.0, 3, 0.0);
        }

        @Test
        void aPrefetchScoreThresholdApplies() {
            JsonNode hits = query(dot(), """
                    {"prefetch": {"query": [1, 0], "score_threshold": 0.4}, "query": [0, 1]}""");

            // 1, 2, 4 pass the threshold
            assertHits(hits, 4, 0.5, 2, 0.1, 1, 0.0);
        }

        @Test
        void batchesAnswerOneResultPerSearchInOrder() {
            JsonNode result = assertOk(api().post("/collections/" + dot() + "/points/query/batch").json("""
                    {"searches": [
                       {"query": [1, 0], "limit": 2},
                       {"prefetch": [{"query": [1, 0], "limit": 3}, {"query": [0, 1], "limit": 3}],
                        "query": {"fusion": "rrf"}, "limit": 1},
                       {"query": {"order_by": "price"}, "limit": 1}]}""").send());

            assertThat(result).hasSize(3);
            assertHits(result.get(0).get("points"), 1, 1.0, 2, 0.9);
            assertThat(result.get(1).get("points")).hasSize(1);
            assertThat(result.get(2).get("points").get(0).get("order_value").asDouble()).isEqualTo(10.0);
        }

        @Test
        void aFailingSearchFailsTheBatch() {
            assertError(api().post("/collections/" + dot() + "/points/query/batch").json("""
                    {"searches": [{"query": [1, 0]}, {"query": [1, 0, 0]}]}""").send(), 400);
        }
    }

    // ---- groups -------------------------------------------------------------------------------------------

    @Nested
    class Groups {
        @Test
        void aPointJoinsAGroupPerValueOfMixedTypes() {
            JsonNode result = assertOk(api().post("/collections/" + groups() + "/points/query/groups").json("""
                    {"query": [1, 0], "group_by": "g", "group_size": 2}""").send());

            JsonNode g = result.get("groups");
            // red: 1 (1), 2 (0.9); blue: 2 (0.9), 4 (0.5); 7: 3 (0.8), 4 (0.5); 5 (float) and 6 (bool) left out
            assertThat(g).hasSize(3);
            assertThat(g.get(0).get("id").asText()).isEqualTo("red");
            assertHits(g.get(0).get("hits"), 1, 1.0, 2, 0.9);
            assertThat(g.get(1).get("id").asText()).isEqualTo("blue");
            assertHits(g.get(1).get("hits"), 2, 0.9, 4, 0.5);
            assertThat(g.get(2).get("id").isIntegralNumber()).isTrue();
            assertThat(g.get(2).get("id").asLong()).isEqualTo(7L);
            assertHits(g.get(2).get("hits"), 3, 0.8, 4, 0.5);
        }

        @Test
        void limitCountsGroupsAndWithLookupAddsARecord() {
            JsonNode result = assertOk(api().post("/collections/" + groups() + "/points/query/groups").json("""
                    {"query": [1, 0], "group_by": "g", "group_size": 1, "limit": 2,
                     "filter": {"must_not": [{"has_id": [1, 2]}]}, "with_payload": ["cat"],
                     "with_lookup": {"collection": "query_groups_lookup", "with_payload": true, "with_vectors": true}}""")
                    .send());

            JsonNode g = result.get("groups");
            // without 1 and 2: 7 (3, 0.8), blue (4, 0.5); red (8, -1) is the third group
            assertThat(g).hasSize(2);
            assertThat(g.get(0).get("id").asLong()).isEqualTo(7L);
            assertThat(g.get(0).get("hits").get(0).get("payload").get("cat").asText()).isEqualTo("a");
            assertThat(g.get(0).get("lookup").get("payload").get("name").asText()).isEqualTo("seven");
            assertThat(g.get(0).get("lookup").get("vector").get(0).asDouble()).isEqualTo(1.0);
            assertThat(g.get(1).get("id").asText()).isEqualTo("blue");
            assertThat(g.get(1).has("lookup")).isFalse();
        }

        @Test
        void groupsOverAFusion() {
            JsonNode result = assertOk(api().post("/collections/" + groups() + "/points/query/groups").json("""
                    {"prefetch": [{"query": [1, 0], "limit": 2}, {"query": [0, 1], "limit": 2}],
                     "query": {"fusion": "rrf"}, "group_by": "g", "group_size": 3, "with_lookup": "query_groups_lookup"}""")
                    .send());

            // lists (scaled by the number of groups): 1, 2, 3, 6, 4, … and 5, 4, 2, 3, …; every group has hits
            JsonNode g = result.get("groups");
            assertThat(g).isNotEmpty();
            List<String> groupIds = new ArrayList<>();
            g.forEach(group -> groupIds.add(group.get("id").asText()));
            assertThat(groupIds).contains("red", "blue", "7");
            g.forEach(group -> assertThat(group.get("hits")).isNotEmpty());
        }

        @Test
        void groupByMustNotBeEmpty() {
            assertError(api().post("/collections/" + groups() + "/points/query/groups").json("""
                    {"query": [1, 0], "group_by": ""}""").violatingSpec().send(), 422);
        }
    }

    // ---- matrix ------------------------------------------------------------------------------------------

    @Nested
    class Matrix {
        @Test
        void pairsListEachPointsNearestOthers() {
            JsonNode pairs = assertOk(api().post("/collections/" + matrix() + "/points/search/matrix/pairs").json("""
                    {"sample": 5, "limit": 2}""").send()).get("pairs");

            // row for 1 (at 0): 2 (1), 3 (3); for 5 (at 10): 4 (4), 3 (7)
            assertThat(pairs).hasSize(10);
            assertThat(pairs.get(0).get("a").asLong()).isEqualTo(1);
            assertThat(pairs.get(0).get("b").asLong()).isEqualTo(2);
            assertThat(pairs.get(0).get("score").asDouble()).isEqualTo(1.0);
            assertThat(pairs.get(1).get("b").asLong()).isEqualTo(3);
            assertThat(pairs.get(1).get("score").asDouble()).isEqualTo(3.0);
            assertThat(pairs.get(9).get("a").asLong()).isEqualTo(5);
            assertThat(pairs.get(9).get("b").asLong()).isEqualTo(3);
            assertThat(pairs.get(9).get("score").asDouble()).isEqualTo(7.0);
        }

        @Test
        void offsetsPointIntoTheIds() {
            JsonNode m = assertOk(api().post("/collections/" + matrix() + "/points/search/matrix/offsets").json("""
                    {"sample": 5, "limit": 2, "filter": {"must_not": [{"has_id": [5]}]}}""").send());

            List<Long> sampled = new ArrayList<>();
            m.get("ids").forEach(id -> sampled.add(id.asLong()));
            assertThat(sampled).containsExactly(1L, 2L, 3L, 4L);
            // 1: 2, 3; 2: 1, 3; 3: 2 (2), 1 (3) and 4 (3) tie; 4: 3 (3), 2 (5)
            assertThat(m.get("offsets_row")).hasSize(8);
            assertThat(m.get("offsets_row").get(0).asInt()).isZero();
            assertThat(m.get("offsets_col").get(0).asInt()).isEqualTo(1);
            assertThat(m.get("offsets_col").get(1).asInt()).isEqualTo(2);
            assertThat(m.get("scores").get(0).asDouble()).isEqualTo(1.0);
            assertThat(m.get("scores").get(1).asDouble()).isEqualTo(3.0);
            assertThat(m.get("offsets_row").get(7).asInt()).isEqualTo(3);
            assertThat(m.get("offsets_col").get(7).asInt()).isEqualTo(1);
            assertThat(m.get("scores").get(7).asDouble()).isEqualTo(5.0);
        }

        @Test
        void aSampleOfOnePointIsAnEmptyMatrix() {
            JsonNode m = assertOk(api().post("/collections/" + matrix() + "/points/search/matrix/offsets").json("""
                    {"filter": {"must": [{"has_id": [3]}]}}""").send());

            assertThat(m.get("ids")).isEmpty();
            assertThat(m.get("scores")).isEmpty();
        }
    }

    // ---- legacy endpoints (1.18 document) -----------------------------------------------------------------

    @Nested
    class Legacy {
        @Test
        void recommendAnswersABareListWithoutTheExamples() {
            JsonNode hits = assertOk(legacy().post("/collections/" + dot() + "/points/recommend").json("""
                    {"positive": [1], "negative": [3], "strategy": "best_score", "limit": 3}""").send());

            assertHits(hits, 2, sigmoid(0.9), 5, -0.5, 4, -sigmoid(0.5));
        }

        @Test
        void recommendWithLookupFromAndFilter() {
            lookup();
            // sum_scores with 101 = (1,0) and 100 = (0,1): x·(1,0) - x·(0,1)
            JsonNode hits = assertOk(legacy().post("/collections/" + dot() + "/points/recommend").json("""
                    {"positive": [101], "negative": [100], "strategy": "sum_scores", "limit": 2,
                     "lookup_from": {"collection": "query_lookup", "vector": "v"},
                     "filter": {"must": [{"key": "cat", "match": {"value": "b"}}]}}""").send());

            assertHits(hits, 2, 0.8, 4, 0.0);
        }

        @Test
        void averageVectorNeedsAPositive() {
            assertThat(assertError(legacy().post("/collections/" + dot() + "/points/recommend").json("""
                    {"negative": [3], "limit": 3}""").send(), 400))
                    .contains("At least one positive vector ID required with this strategy");
        }

        @Test
        void recommendBatchAnswersOneListPerRequest() {
            JsonNode result = assertOk(legacy().post("/collections/" + euclid() + "/points/recommend/batch").json("""
                    {"searches": [
                       {"positive": [[0, 0]], "negative": [[4, 0]], "strategy": "sum_scores", "limit": 2},
                       {"positive": [[0, 0], [2, 0]], "negative": [[4, 0]], "limit": 1}]}""").send());

            assertThat(result).hasSize(2);
            assertHits(result.get(0), 3, 24, 1, 16);
            assertHits(result.get(1), 3, Math.sqrt(2));
        }

        @Test
        void recommendGroups() {
            JsonNode result = assertOk(legacy().post("/collections/" + groups() + "/points/recommend/groups").json("""
                    {"positive": [[1, 0]], "strategy": "best_score", "group_by": "g", "group_size": 1, "limit": 2,
                     "with_lookup": "query_groups_lookup"}""").send());

            JsonNode g = result.get("groups");
            // best_score with one positive: sigmoid(x·(1,0)); red: 1, blue: 2
            assertThat(g).hasSize(2);
            assertThat(g.get(0).get("id").asText()).isEqualTo("red");
            assertHits(g.get(0).get("hits"), 1, sigmoid(1));
            assertThat(g.get(1).get("id").asText()).isEqualTo("blue");
            assertHits(g.get(1).get("hits"), 2, sigmoid(0.9));
        }

        @Test
        void discoverAndContextPairsOnly() {
            JsonNode discovered = assertOk(legacy().post("/collections/" + dot() + "/points/discover").json("""
                    {"target": [1, 0], "context": [{"positive": 2, "negative": 3}], "limit": 3}""").send());
            JsonNode batch = assertOk(legacy().post("/collections/" + dot() + "/points/discover/batch").json("""
                    {"searches": [
                       {"target": [1, 0], "context": [{"positive": 2, "negative": 3}], "limit": 1},
                       {"context": [{"positive": [0.9, 0.1], "negative": [0, 1]}], "limit": 5}]}""").send());

            // 2 and 3 are examples by id and left out; 1 → 1 + sigmoid(1), 4 → -1 + sigmoid(0.5), 5 → -1 + sigmoid(-1)
            assertHits(discovered, 1, 1.75, 4, -1 + sigmoid(0.5), 5, -0.75);
            assertThat(batch).hasSize(2);
            assertHits(batch.get(0), 1, 1.75);
            assertThat(ids(batch.get(1)).subList(0, 2)).containsExactlyInAnyOrder(1L, 2L);
            assertThat(assertError(legacy().post("/collections/" + dot() + "/points/discover").json("""
                    {"limit": 3}""").send(), 400)).contains("target and/or context_pairs must be specified");
        }

        @Test
        void searchGroups() {
            JsonNode result = assertOk(legacy().post("/collections/" + groups() + "/points/search/groups").json("""
                    {"vector": [1, 0], "group_by": "g", "group_size": 2, "limit": 2, "with_payload": true}""").send());

            JsonNode g = result.get("groups");
            assertThat(g).hasSize(2);
            assertThat(g.get(0).get("id").asText()).isEqualTo("red");
            assertHits(g.get(0).get("hits"), 1, 1.0, 2, 0.9);
            assertThat(g.get(0).get("hits").get(0).get("payload").get("g").asText()).isEqualTo("red");
            assertThat(g.get(1).get("id").asText()).isEqualTo("blue");
        }
    }
}
