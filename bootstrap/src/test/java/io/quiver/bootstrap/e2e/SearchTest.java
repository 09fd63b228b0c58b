package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.PointsTestSupport.createCollection;
import static io.quiver.bootstrap.e2e.PointsTestSupport.floats;
import static io.quiver.bootstrap.e2e.PointsTestSupport.ids;
import static io.quiver.bootstrap.e2e.PointsTestSupport.json;
import static io.quiver.bootstrap.e2e.PointsTestSupport.upsert;
import static io.quiver.bootstrap.e2e.PointsTestSupport.write;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertError;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nearest-neighbour search: the legacy {@code /points/search} endpoints (1.18 document) and
 * {@code /points/query} with a dense vector. Every score is checked against an exact computation here.
 */
class SearchTest {

    @RegisterExtension
    static final QuiverTestServer SERVER = QuiverTestServer.perClass();

    static ContractClient api() {
        return SERVER.client();
    }

    static ContractClient legacy() {
        return SERVER.client().using(QdrantSpec.V1_18);
    }

    static final float[][] VECTORS = {
            {0.1f, 0.9f, 0.3f, 0.4f},
            {0.8f, 0.1f, 0.2f, 0.5f},
            {-0.5f, 0.4f, 0.9f, 0.1f},
            {0.3f, 0.3f, 0.3f, 0.3f},
            {1.5f, -0.2f, 0.7f, 0.0f},
            {-0.9f, -0.8f, 0.2f, 0.6f},
            {0.05f, 0.6f, -0.4f, 1.2f},
            {2.0f, 1.0f, 0.5f, -0.3f}};

    static final float[] Q1 = {0.4f, 0.5f, -0.2f, 0.7f};
    static final float[] Q2 = {-1f, 0.2f, 0.8f, 0.3f};

    enum Distance {
        COSINE("Cosine", true), DOT("Dot", true), EUCLID("Euclid", false), MANHATTAN("Manhattan", false);

        final String qdrantName;
        final boolean higherIsBetter;

        Distance(String qdrantName, boolean higherIsBetter) {
            this.qdrantName = qdrantName;
            this.higherIsBetter = higherIsBetter;
        }

        String collection() {
            return "search_" + name().toLowerCase(Locale.ROOT);
        }

        double score(float[] stored, float[] query) {
            return switch (this) {
                case COSINE -> dot(normalise(stored), normalise(query));
                case DOT -> dot(stored, query);
                case EUCLID -> {
                    double s = 0;
                    for (int i = 0; i < stored.length; i++) {
                        s += (stored[i] - query[i]) * (double) (stored[i] - query[i]);
                    }
                    yield Math.sqrt(s);
                }
                case MANHATTAN -> {
                    double s = 0;
                    for (int i = 0; i < stored.length; i++) {
                        s += Math.abs(stored[i] - (double) query[i]);
                    }
                    yield s;
                }
            };
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * (double) b[i];
        }
        return s;
    }

    static double[] normalise(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * (double) x;
        }
        n = Math.sqrt(n);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / n;
        }
        return out;
    }

    /** An expected hit: point id (1-based index into {@link #VECTORS}) and its exact score. */
    record Hit(long id, double score) {
    }

    static List<Hit> expected(Distance d, float[] query, Predicate<Integer> keep) {
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < VECTORS.length; i++) {
            if (keep.test(i + 1)) {
                hits.add(new Hit(i + 1, d.score(VECTORS[i], query)));
            }
        }
        Comparator<Hit> byScore = Comparator.comparingDouble(Hit::score);
        hits.sort(d.higherIsBetter ? byScore.reversed() : byScore);
        // the premise of an order check: no two expected scores are so close that rounding could swap them
        for (int i = 1; i < hits.size(); i++) {
            assertThat(Math.abs(hits.get(i).score() - hits.get(i - 1).score())).as("distinct scores").isGreaterThan(1e-3);
        }
        return hits;
    }

    static List<Hit> expected(Distance d, float[] query) {
        return expected(d, query, id -> true);
    }

    static String vector(float[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ", ").append(v[i]);
        }
        return b.append(']').toString();
    }

    static synchronized void fixture(Distance d) {
        if (assertOk(api().get("/collections/" + d.collection() + "/exists").send()).get("exists").asBoolean()) {
            return;
        }
        createCollection(api(), d.collection(), "{\"vectors\": {\"size\": 4, \"distance\": \"" + d.qdrantName + "\"}}");
        StringBuilder points = new StringBuilder("{\"points\": [");
        for (int i = 0; i < VECTORS.length; i++) {
            int id = i + 1;
            points.append(i == 0 ? "" : ", ").append("{\"id\": ").append(id).append(", \"vector\": ")
                    .append(vector(VECTORS[i])).append(", \"payload\": {\"i\": ").append(id)
                    .append(", \"group\": \"").append(id % 2 == 0 ? "even" : "odd").append("\"}}");
        }
        upsert(api(), d.collection(), points.append("]}").toString());
        write(api().put("/collections/" + d.collection() + "/index").json("""
                {"field_name": "i", "field_schema": "integer"}"""));
    }

    static void assertHits(JsonNode points, List<Hit> expected) {
        assertThat(ids(points)).as("order of %s", points)
                .containsExactlyElementsOf(expected.stream().map(h -> (Object) h.id()).toList());
        for (int i = 0; i < expected.size(); i++) {
            double want = expected.get(i).score();
            assertThat(points.get(i).get("score").asDouble()).as("score of point %s", expected.get(i).id())
                    .isCloseTo(want, within(1e-4 * Math.max(1, Math.abs(want))));
        }
    }

    static JsonNode query(Distance d, String body) {
        fixture(d);
        return assertOk(api().post("/collections/" + d.collection() + "/points/query").json(body).send()).get("points");
    }

    static JsonNode search(Distance d, String body) {
        fixture(d);
        return assertOk(legacy().post("/collections/" + d.collection() + "/points/search").json(body).send());
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void queryScoresEqualTheExactDistanceInTheRightOrder(Distance d) {
        JsonNode points = query(d, "{\"query\": " + vector(Q1) + ", \"limit\": 8}");

        assertHits(points, expected(d, Q1));
        JsonNode first = points.get(0);
        assertThat(first.get("version").isIntegralNumber()).isTrue();
        assertThat(first.path("payload").isMissingNode() || first.get("payload").isNull())
                .as("query answers no payload by default: %s", first).isTrue();
        assertThat(first.path("vector").isMissingNode() || first.get("vector").isNull()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void theNearestFormIsTheSameQuery(Distance d) {
        assertHits(query(d, "{\"query\": {\"nearest\": " + vector(Q2) + "}, \"limit\": 8}"), expected(d, Q2));
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void legacySearchScoresEqualTheExactDistance(Distance d) {
        assertHits(search(d, "{\"vector\": " + vector(Q2) + ", \"limit\": 8}"), expected(d, Q2));
        assertHits(search(d, "{\"vector\": {\"name\": \"\", \"vector\": " + vector(Q1) + "}, \"limit\": 8}"),
                expected(d, Q1));
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void theLimitDefaultsToTenAndOffsetSkipsTheBest(Distance d) {
        List<Hit> all = expected(d, Q1);

        assertHits(query(d, "{\"query\": " + vector(Q1) + "}"), all);
        assertHits(query(d, "{\"query\": " + vector(Q1) + ", \"limit\": 3}"), all.subList(0, 3));
        assertHits(query(d, "{\"query\": " + vector(Q1) + ", \"limit\": 3, \"offset\": 2}"), all.subList(2, 5));
        assertHits(query(d, "{\"query\": " + vector(Q1) + ", \"limit\": 3, \"offset\": 7}"), all.subList(7, 8));
        assertThat(query(d, "{\"query\": " + vector(Q1) + ", \"offset\": 8}")).isEmpty();
        assertHits(search(d, "{\"vector\": " + vector(Q1) + ", \"limit\": 2, \"offset\": 1}"), all.subList(1, 3));
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void aScoreThresholdKeepsOnlyBetterScoresInTheDistancesDirection(Distance d) {
        List<Hit> all = expected(d, Q1);
        double between = (all.get(2).score() + all.get(3).score()) / 2;

        assertHits(query(d, "{\"query\": " + vector(Q1) + ", \"score_threshold\": " + between + "}"), all.subList(0, 3));
        assertHits(search(d, "{\"vector\": " + vector(Q1) + ", \"limit\": 10, \"score_threshold\": " + between + "}"),
                all.subList(0, 3));
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void filtersOnIndexedAndUnindexedFieldsRestrictTheCandidates(Distance d) {
        assertHits(query(d, "{\"query\": " + vector(Q1) + ", \"filter\": {\"must\": [{\"key\": \"group\","
                + " \"match\": {\"value\": \"even\"}}]}}"), expected(d, Q1, id -> id % 2 == 0));
        assertHits(query(d, "{\"query\": " + vector(Q1) + ", \"filter\": {\"must\": [{\"key\": \"i\","
                + " \"range\": {\"gte\": 3, \"lt\": 7}}]}}"), expected(d, Q1, id -> id >= 3 && id < 7));
        assertHits(search(d, "{\"vector\": " + vector(Q1) + ", \"limit\": 10, \"filter\": {\"must_not\": [{\"has_id\": [1, 2]}],"
                + " \"must\": [{\"key\": \"group\", \"match\": {\"value\": \"odd\"}}]}}"),
                expected(d, Q1, id -> id % 2 == 1 && id > 2));
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void exactSearchGivesTheSameAnswer(Distance d) {
        assertHits(query(d, "{\"query\": " + vector(Q2) + ", \"params\": {\"exact\": true}}"), expected(d, Q2));
        assertHits(query(d, "{\"query\": " + vector(Q2) + ", \"params\": {\"hnsw_ef\": 16, \"exact\": false}}"),
                expected(d, Q2));
        assertHits(search(d, "{\"vector\": " + vector(Q2) + ", \"limit\": 10, \"params\": {\"exact\": true}}"),
                expected(d, Q2));
    }

    @Test
    void withPayloadAndWithVectorSelectWhatHitsCarry() {
        JsonNode hit = query(Distance.COSINE, "{\"query\": " + vector(Q1) + ", \"limit\": 1, \"with_payload\": true,"
                + " \"with_vector\": true}").get(0);
        long id = expected(Distance.COSINE, Q1).getFirst().id();

        assertThat(hit.get("id").asLong()).isEqualTo(id);
        assertThat(hit.get("payload")).isEqualTo(json("{\"i\": " + id + ", \"group\": \"" + (id % 2 == 0 ? "even" : "odd")
                + "\"}"));
        double[] normalised = normalise(VECTORS[(int) id - 1]);
        float[] got = floats(hit.get("vector"));
        for (int i = 0; i < got.length; i++) {
            assertThat((double) got[i]).as("cosine vectors come back normalised").isCloseTo(normalised[i], within(1e-6));
        }

        JsonNode selective = query(Distance.DOT, "{\"query\": " + vector(Q1) + ", \"limit\": 1,"
                + " \"with_payload\": [\"group\"], \"with_vector\": false}").get(0);
        assertThat(selective.get("payload").has("group")).isTrue();
        assertThat(selective.get("payload").has("i")).isFalse();
        assertThat(selective.path("vector").isMissingNode() || selective.get("vector").isNull()).isTrue();

        JsonNode legacyHit = search(Distance.DOT, "{\"vector\": " + vector(Q1) + ", \"limit\": 1,"
                + " \"with_payload\": {\"exclude\": [\"group\"]}, \"with_vector\": true}").get(0);
        assertThat(legacyHit.get("payload")).isEqualTo(json("{\"i\": " + legacyHit.get("id").asLong() + "}"));
        assertThat(floats(legacyHit.get("vector"))).containsExactly(VECTORS[(int) legacyHit.get("id").asLong() - 1]);
        JsonNode bare = search(Distance.DOT, "{\"vector\": " + vector(Q1) + ", \"limit\": 1}").get(0);
        assertThat(bare.path("payload").isMissingNode() || bare.get("payload").isNull())
                .as("legacy search answers no payload by default: %s", bare).isTrue();
    }

    @Test
    void batchesAnswerOneListPerRequestInOrder() {
        fixture(Distance.EUCLID);
        fixture(Distance.DOT);

        JsonNode queries = assertOk(api().post("/collections/" + Distance.EUCLID.collection() + "/points/query/batch")
                .json("{\"searches\": [{\"query\": " + vector(Q1) + ", \"limit\": 2},"
                        + " {\"query\": {\"nearest\": " + vector(Q2) + "}, \"limit\": 3, \"offset\": 1},"
                        + " {\"query\": " + vector(Q2) + ", \"filter\": {\"must\": [{\"has_id\": [4]}]}}]}").send());
        assertThat(queries).hasSize(3);
        assertHits(queries.get(0).get("points"), expected(Distance.EUCLID, Q1).subList(0, 2));
        assertHits(queries.get(1).get("points"), expected(Distance.EUCLID, Q2).subList(1, 4));
        assertHits(queries.get(2).get("points"), expected(Distance.EUCLID, Q2, id -> id == 4));

        JsonNode searches = assertOk(legacy().post("/collections/" + Distance.DOT.collection() + "/points/search/batch")
                .json("{\"searches\": [{\"vector\": " + vector(Q2) + ", \"limit\": 4},"
                        + " {\"vector\": {\"name\": \"\", \"vector\": " + vector(Q1) + "}, \"limit\": 1,"
                        + " \"with_payload\": true}]}").send());
        assertThat(searches).hasSize(2);
        assertHits(searches.get(0), expected(Distance.DOT, Q2).subList(0, 4));
        assertHits(searches.get(1), expected(Distance.DOT, Q1).subList(0, 1));
        assertThat(searches.get(1).get(0).get("payload").get("i").asLong())
                .isEqualTo(expected(Distance.DOT, Q1).getFirst().id());
        assertThat(assertOk(api().post("/collections/" + Distance.DOT.collection() + "/points/query/batch")
                .json("{\"searches\": []}").send())).isEmpty();
    }

    @Test
    void usingAndTheNamedFormPickTheVector() {
        createCollection(api(), "search_named", """
                {"vectors": {"a": {"size": 2, "distance": "Dot"}, "b": {"size": 3, "distance": "Euclid"}}}""");
        upsert(api(), "search_named", """
                {"points": [{"id": 1, "vector": {"a": [1, 0], "b": [0, 0, 1]}},
                            {"id": 2, "vector": {"a": [0, 1], "b": [0, 0, 5]}},
                            {"id": 3, "vector": {"a": [2, 2]}}]}""");

        JsonNode byA = assertOk(api().post("/collections/search_named/points/query").json("""
                {"query": [3, 1], "using": "a"}""").send()).get("points");
        assertThat(ids(byA)).containsExactly(3L, 1L, 2L);
        assertThat(byA.get(0).get("score").asDouble()).isCloseTo(8.0, within(1e-5));

        JsonNode byB = assertOk(api().post("/collections/search_named/points/query").json("""
                {"query": {"nearest": [0, 0, 4]}, "using": "b"}""").send()).get("points");
        assertThat(ids(byB)).as("only points that have vector b").containsExactly(2L, 1L);
        assertThat(byB.get(0).get("score").asDouble()).isCloseTo(1.0, within(1e-5));
        assertThat(byB.get(1).get("score").asDouble()).isCloseTo(3.0, within(1e-5));

        JsonNode legacyB = assertOk(legacy().post("/collections/search_named/points/search").json("""
                {"vector": {"name": "b", "vector": [0, 0, 4]}, "limit": 5}""").send());
        assertThat(ids(legacyB)).containsExactly(2L, 1L);

        assertThat(assertError(api().post("/collections/search_named/points/query").json("""
                {"query": [1, 0]}""").send(), 400)).isEqualTo("Wrong input: Not existing vector name error: ");
    }

    static void sparseFixture() {
        synchronized (SearchTest.class) {
            if (assertOk(api().get("/collections/search_sparse/exists").send()).get("exists").asBoolean()) {
                return;
            }
            createCollection(api(), "search_sparse", """
                    {"vectors": {"size": 2, "distance": "Dot"}, "sparse_vectors": {"words": {}}}""");
            upsert(api(), "search_sparse", """
                    {"points": [
                        {"id": 1, "vector": {"": [1, 0], "words": {"indices": [1, 5], "values": [0.5, 2]}}},
                        {"id": 2, "vector": {"": [1, 0], "words": {"indices": [5, 9], "values": [1, 4]}}},
                        {"id": 3, "vector": {"": [1, 0], "words": {"indices": [2, 3], "values": [1, 1]}}},
                        {"id": 4, "vector": {"": [1, 0]}},
                        {"id": 5, "vector": {"words": {"indices": [1, 9], "values": [3, -1]}}}]}""");
        }
    }

    @Test
    void aSparseQueryScoresTheDotProductOverSharedIndices() {
        sparseFixture();

        JsonNode hits = assertOk(api().post("/collections/search_sparse/points/query").json("""
                {"query": {"indices": [1, 5, 9], "values": [1, 2, 0.5]}, "using": "words", "limit": 10}""").send())
                .get("points");

        // 1: 0.5*1 + 2*2 = 4.5; 2: 1*2 + 4*0.5 = 4; 5: 3*1 - 1*0.5 = 2.5; 3 shares no index; 4 has no sparse vector
        assertThat(ids(hits)).containsExactly(1L, 2L, 5L);
        assertThat(hits.get(0).get("score").asDouble()).isCloseTo(4.5, within(1e-5));
        assertThat(hits.get(1).get("score").asDouble()).isCloseTo(4.0, within(1e-5));
        assertThat(hits.get(2).get("score").asDouble()).isCloseTo(2.5, within(1e-5));
        JsonNode nearestForm = assertOk(api().post("/collections/search_sparse/points/query").json("""
                {"query": {"nearest": {"indices": [9], "values": [2]}}, "using": "words", "limit": 1,
                 "with_vector": ["words"]}""").send()).get("points");
        assertThat(ids(nearestForm)).containsExactly(2L);
        assertThat(nearestForm.get(0).get("score").asDouble()).isCloseTo(8.0, within(1e-5));
    }

    @Test
    void legacySearchTakesANamedSparseVector() {
        sparseFixture();

        JsonNode hits = assertOk(legacy().post("/collections/search_sparse/points/search").json("""
                {"vector": {"name": "words", "vector": {"indices": [1, 5, 9], "values": [1, 2, 0.5]}}, "limit": 10}""")
                .send());

        assertThat(ids(hits)).containsExactly(1L, 2L, 5L);
        assertThat(hits.get(0).get("score").asDouble()).isCloseTo(4.5, within(1e-5));
    }

    @Test
    void aScoreEqualToTheThresholdIsDroppedForEveryDistance() {
        createCollection(api(), "search_threshold", """
                {"vectors": {"cos": {"size": 4, "distance": "Cosine"}, "dot": {"size": 4, "distance": "Dot"},
                             "l2": {"size": 4, "distance": "Euclid"}, "l1": {"size": 4, "distance": "Manhattan"}}}""");
        upsert(api(), "search_threshold", """
                {"points": [
                    {"id": 1, "vector": {"cos": [1, 0, 0, 0], "dot": [1, 0, 0, 0], "l2": [3, 4, 0, 0], "l1": [3, 4, 0, 0]}},
                    {"id": 2, "vector": {"cos": [0, 1, 0, 0], "dot": [2, 0, 0, 0], "l2": [0, 0, 0, 2], "l1": [0, 0, 0, 2]}},
                    {"id": 3, "vector": {"cos": [1, 1, 0, 0], "dot": [3, 0, 0, 0], "l2": [0, 0, 6, 8], "l1": [0, 0, 6, 8]}}]}""");

        assertThat(thresholdIds("cos", "[1, 0, 0, 0]", 0.0)).containsExactly(1L, 3L);
        assertThat(thresholdIds("dot", "[1, 0, 0, 0]", 2.0)).containsExactly(3L);
        assertThat(thresholdIds("dot", "[1, 0, 0, 0]", 1.5)).containsExactly(3L, 2L);
        assertThat(thresholdIds("l2", "[0, 0, 0, 0]", 5.0)).containsExactly(2L);
        assertThat(thresholdIds("l2", "[0, 0, 0, 0]", 5.5)).containsExactly(2L, 1L);
        assertThat(thresholdIds("l1", "[0, 0, 0, 0]", 7.0)).containsExactly(2L);
        assertThat(thresholdIds("l1", "[0, 0, 0, 0]", 14.5)).containsExactly(2L, 1L, 3L);
        JsonNode legacyHits = assertOk(legacy().post("/collections/search_threshold/points/search").json("""
                {"vector": {"name": "l1", "vector": [0, 0, 0, 0]}, "limit": 10, "score_threshold": 14}""").send());
        assertThat(ids(legacyHits)).containsExactly(2L, 1L);
    }

    static List<Object> thresholdIds(String using, String query, double threshold) {
        return ids(assertOk(api().post("/collections/search_threshold/points/query").json(
                "{\"query\": " + query + ", \"using\": \"" + using + "\", \"score_threshold\": " + threshold + "}")
                .send()).get("points"));
    }

    @Test
    void aQueryOfTheWrongDimensionIsBadInput() {
        fixture(Distance.COSINE);
        String c = Distance.COSINE.collection();

        assertThat(assertError(api().post("/collections/" + c + "/points/query").json("{\"query\": [1, 0, 1]}").send(), 400))
                .isEqualTo("Wrong input: Vector dimension error: expected dim: 4, got 3");
        assertThat(assertError(legacy().post("/collections/" + c + "/points/search").json("""
                {"vector": [1, 0, 1, 0, 1], "limit": 3}""").send(), 400))
                .isEqualTo("Wrong input: Vector dimension error: expected dim: 4, got 5");
    }

    @Test
    void anUnknownVectorNameIsBadInput() {
        fixture(Distance.COSINE);
        String c = Distance.COSINE.collection();

        assertThat(assertError(api().post("/collections/" + c + "/points/query").json("""
                {"query": [1, 0, 1, 0], "using": "x"}""").send(), 400))
                .isEqualTo("Wrong input: Not existing vector name error: x");
        assertThat(assertError(legacy().post("/collections/" + c + "/points/search").json("""
                {"vector": {"name": "x", "vector": [1, 0, 1, 0]}, "limit": 3}""").send(), 400))
                .isEqualTo("Wrong input: Not existing vector name error: x");
    }

    @Test
    void searchingAMissingCollectionIsNotFound() {
        assertThat(assertError(api().post("/collections/search_nowhere/points/query").json("{\"query\": [1, 0]}").send(),
                404)).isEqualTo("Not found: Collection `search_nowhere` doesn't exist!");
        assertThat(assertError(legacy().post("/collections/search_nowhere/points/search").json("""
                {"vector": [1, 0], "limit": 1}""").send(), 404))
                .isEqualTo("Not found: Collection `search_nowhere` doesn't exist!");
    }

    @Test
    void anEmptyCollectionAnswersNoHits() {
        createCollection(api(), "search_empty", """
                {"vectors": {"size": 2, "distance": "Cosine"}}""");

        assertThat(assertOk(api().post("/collections/search_empty/points/query").json("{\"query\": [1, 0]}").send())
                .get("points")).isEmpty();
        assertThat(assertOk(legacy().post("/collections/search_empty/points/search").json("""
                {"vector": [1, 0], "limit": 3}""").send())).isEmpty();
    }

    /** Query kinds this server does not implement yet must fail cleanly as a client error, never a 5xx. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"prefetch\": [{\"query\": [1, 0, 1, 0], \"limit\": 5}], \"query\": {\"fusion\": \"rrf\"}}",
            "{\"prefetch\": {\"query\": [1, 0, 1, 0]}, \"query\": [0, 1, 0, 1]}",
            "{\"query\": {\"recommend\": {\"positive\": [1], \"negative\": [2]}}}",
            "{\"query\": {\"discover\": {\"target\": 1, \"context\": [{\"positive\": 2, \"negative\": 3}]}}}",
            "{\"query\": {\"order_by\": \"i\"}}",
            "{\"query\": {\"sample\": \"random\"}}",
            "{\"query\": {\"formula\": {\"sum\": [\"$score\", 1]}}, \"prefetch\": {\"query\": [1, 0, 1, 0]}}",
            "{\"query\": {\"nearest\": [1, 0, 1, 0], \"mmr\": {\"diversity\": 0.5}}}",
            "{\"query\": 3}",
            "{\"query\": {\"indices\": [1], \"values\": [1.0]}}"})
    void unsupportedQueryKindsAreAClientError(String body) {
        fixture(Distance.DOT);
        ApiResponse r = api().post("/collections/" + Distance.DOT.collection() + "/points/query").json(body).send();

        if (r.status() != 200) {
            assertThat(r.status()).as("%s", r).isBetween(400, 499);
            assertError(r, r.status());
        } else {
            // a server that does implement the kind answers a proper QueryResponse (checked by the contract)
            assertThat(r.result().get("points").isArray()).isTrue();
        }
    }

    @Test
    void theScoresOfEveryPointAgreeWithAFullScanForAManyPointCollection() {
        createCollection(api(), "search_many", """
                {"vectors": {"size": 8, "distance": "Euclid"}}""");
        java.util.Random random = new java.util.Random(42);
        float[][] vectors = new float[300][8];
        StringBuilder body = new StringBuilder("{\"points\": [");
        for (int i = 0; i < vectors.length; i++) {
            for (int j = 0; j < 8; j++) {
                vectors[i][j] = Math.round((random.nextFloat() * 2 - 1) * 1000) / 1000f;
            }
            body.append(i == 0 ? "" : ", ").append("{\"id\": ").append(i).append(", \"vector\": ")
                    .append(vector(vectors[i])).append('}');
        }
        upsert(api(), "search_many", body.append("]}").toString());
        float[] q = {0.1f, -0.2f, 0.3f, 0.05f, -0.5f, 0.25f, 0f, 0.9f};

        JsonNode hits = assertOk(api().post("/collections/search_many/points/query").json(
                "{\"query\": " + vector(q) + ", \"limit\": 20, \"params\": {\"exact\": true}}").send()).get("points");

        Integer[] order = IntStream.range(0, vectors.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> Distance.EUCLID.score(vectors[i], q)));
        assertThat(hits).hasSize(20);
        for (int k = 0; k < 20; k++) {
            double want = Distance.EUCLID.score(vectors[order[k]], q);
            assertThat(hits.get(k).get("score").asDouble()).as("rank %s", k).isCloseTo(want, within(1e-4));
        }
        assertThat(hits.get(0).get("id").asLong()).isEqualTo(order[0].longValue());
    }
}
