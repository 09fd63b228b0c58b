package io.quiver.application.service;

import static io.quiver.application.service.QueryTestBed.point;
import static io.quiver.application.service.QueryTestBed.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.ScoredPoint;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.point.WithPayload;
import io.quiver.domain.point.WithVector;
import io.quiver.domain.query.ContextPair;
import io.quiver.domain.query.LookupFrom;
import io.quiver.domain.query.Prefetch;
import io.quiver.domain.query.Query;
import io.quiver.domain.query.QueryRequest;
import io.quiver.domain.query.QueryVector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The query engine end to end through the query use case, on a few points with hand-computed scores. */
class QueryEngineScoringTest {

    private final QueryTestBed bed = new QueryTestBed();

    @AfterEach
    void close() {
        bed.close();
    }

    private static QueryVector lit(float... values) {
        return new QueryVector.Literal(new VectorData.Dense(values));
    }

    private static QueryVector id(long id) {
        return new QueryVector.ById(PointId.of(id));
    }

    private static QueryRequest request(Query query, int limit) {
        return new QueryRequest(List.of(), query, null, null, null, null, limit, 0, null, null, null);
    }

    private List<ScoredPoint> query(String collection, QueryRequest request) {
        return bed.app.queryPoints().query(collection, request);
    }

    private static Map<Long, Float> scores(List<ScoredPoint> hits) {
        Map<Long, Float> out = new LinkedHashMap<>();
        hits.forEach(h -> out.put(((PointId.NumericId) h.record().id()).value(), h.score()));
        return out;
    }

    private static List<Long> ids(List<ScoredPoint> hits) {
        return List.copyOf(scores(hits).keySet());
    }

    /** Euclid points: 1 (0,0), 2 (1,0), 3 (-1,1), 4 (3,0). */
    private void euclid() {
        bed.collection("e", "{\"vectors\": {\"size\": 2, \"distance\": \"Euclid\"}}").upsert("e",
                point(1, v(0, 0), null), point(2, v(1, 0), null), point(3, v(-1, 1), null), point(4, v(3, 0), null));
    }

    /** Dot points: 1 (1,0), 2 (0.9,0.1), 3 (0,1), 4 (0.5,0.5), 5 (-1,0). */
    private void dot() {
        bed.collection("d", "{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}").upsert("d",
                point(1, v(1, 0), null), point(2, v(0.9f, 0.1f), null), point(3, v(0, 1), null),
                point(4, v(0.5f, 0.5f), null), point(5, v(-1, 0), null));
    }

    @Test
    void sumScoresCombinesNegatedSquaredEuclidDistances() {
        euclid();
        // -|x - p|^2 + |x - n|^2 with p = (0,0), n = (4,0)
        List<ScoredPoint> hits = query("e", request(new Query.Recommend(List.of(lit(0, 0)), List.of(lit(4, 0)),
                Query.RecommendStrategy.SUM_SCORES), 4));

        assertThat(scores(hits)).containsExactly(Map.entry(3L, 24f), Map.entry(1L, 16f), Map.entry(2L, 8f),
                Map.entry(4L, -8f));
    }

    @Test
    void bestScoreUsesNegatedSquaredEuclidDistancesAndNeverTurnsThemBack() {
        euclid();
        List<ScoredPoint> hits = query("e", request(new Query.Recommend(List.of(lit(0, 0)), List.of(lit(4, 0)),
                Query.RecommendStrategy.BEST_SCORE), 4));

        // 1: sigmoid(0); 2: sigmoid(-1); 3: sigmoid(-2); 4: nearer the negative (-1 > -9) -> -sigmoid(-1)
        assertThat(scores(hits)).containsExactly(Map.entry(1L, 0.5f), Map.entry(2L, 0.25f),
                Map.entry(3L, 0.5f * (-2f / 3 + 1)), Map.entry(4L, -0.25f));
    }

    @Test
    void averageVectorIsANearestSearchWithOrdinaryScores() {
        euclid();
        // avg(pos) = (1,0), query = (1,0) + ((1,0) - (4,0)) = (-2,0)
        List<ScoredPoint> hits = query("e", request(new Query.Recommend(List.of(lit(0, 0), lit(2, 0)),
                List.of(lit(4, 0)), null), 4));

        assertThat(ids(hits)).containsExactly(3L, 1L, 2L, 4L);
        assertThat(hits.getFirst().score()).isCloseTo((float) Math.sqrt(2), within(1e-6f));
        assertThat(hits.get(1).score()).isEqualTo(2f);
    }

    @Test
    void averageVectorAveragesRawExamplesAndNormalisesOnlyTheResult() {
        bed.collection("c", "{\"vectors\": {\"size\": 2, \"distance\": \"Cosine\"}}").upsert("c",
                point(1, v(1, 0), null), point(2, v(0, 1), null), point(3, v(2, 1), null));
        // raw average of (2,0) and (0,1) is (1, 0.5), the direction of point 3; averaging normalised
        // examples would give (0.5, 0.5) and a score of 0.9487 for point 3
        List<ScoredPoint> hits = query("c", request(new Query.Recommend(List.of(lit(2, 0), lit(0, 1)), List.of(),
                null), 1));

        assertThat(ids(hits)).containsExactly(3L);
        assertThat(hits.getFirst().score()).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void recommendByIdLeavesTheExamplesOut() {
        dot();
        List<ScoredPoint> hits = query("d", request(new Query.Recommend(List.of(id(1)), List.of(id(3)),
                Query.RecommendStrategy.BEST_SCORE), 10));

        assertThat(ids(hits)).doesNotContain(1L, 3L).first().isEqualTo(2L);
        assertThat(hits.getFirst().score()).isCloseTo(0.5f * (0.9f / 1.9f + 1), within(1e-6f));
    }

    @Test
    void discoverAddsRankAndTargetSigmoid() {
        dot();
        List<ScoredPoint> hits = query("d", request(new Query.Discover(lit(1, 0),
                List.of(new ContextPair(lit(0.9f, 0.1f), lit(0, 1)))), 5));

        // 1: rank +1 (0.9 > 0), target 1 -> 1.75; 4: 0.5 vs 0.5 ties count -1 -> -1 + sigmoid(0.5)
        assertThat(scores(hits).get(1L)).isCloseTo(1.75f, within(1e-6f));
        assertThat(scores(hits).get(4L)).isCloseTo(-1 + 0.5f * (0.5f / 1.5f + 1), within(1e-6f));
        assertThat(scores(hits).get(5L)).isCloseTo(-1 + 0.25f, within(1e-6f));
    }

    @Test
    void contextIsTheSummedLoss() {
        dot();
        List<ScoredPoint> hits = query("d", request(new Query.Context(
                List.of(new ContextPair(lit(0.9f, 0.1f), lit(0, 1)))), 5));

        assertThat(scores(hits).get(1L)).isZero();
        assertThat(scores(hits).get(3L)).isCloseTo((0.1f - 1f) / (1 + 0.9f), within(1e-6f));
    }

    @Test
    void pointIdQueryLeavesThePointOutOfEveryLevel() {
        dot();
        Prefetch byId = new Prefetch(List.of(), new Query.Nearest(id(1), null), null, null, null, null, 3, null);
        Prefetch byVector = new Prefetch(List.of(), new Query.Nearest(lit(1, 0), null), null, null, null, null, 3,
                null);
        List<ScoredPoint> hits = query("d", new QueryRequest(List.of(byId, byVector),
                new Query.Fusion(Query.FusionMethod.RRF), null, null, null, null, 10, 0, null, null, null));

        assertThat(ids(hits)).doesNotContain(1L).startsWith(2L);
    }

    @Test
    void lookupFromThisCollectionStillExcludes() {
        dot();
        List<ScoredPoint> hits = query("d", new QueryRequest(List.of(), new Query.Nearest(id(1), null), null, null,
                null, null, 10, 0, null, null, new LookupFrom("d", null)));

        assertThat(ids(hits)).doesNotContain(1L).startsWith(2L);
    }

    @Test
    void rrfFusesPrefetchRanksWithKTwo() {
        dot();
        Prefetch x = new Prefetch(List.of(), new Query.Nearest(lit(1, 0), null), null, null, null, null, 3, null);
        Prefetch y = new Prefetch(List.of(), new Query.Nearest(lit(0, 1), null), null, null, null, null, 3, null);
        List<ScoredPoint> hits = query("d", new QueryRequest(List.of(x, y), new Query.Fusion(Query.FusionMethod.RRF),
                null, null, null, 0.5f, 10, 0, null, null, null));

        // x: 1, 2, 4; y: 3, 4, 2 -> 1: 1/2, 3: 1/2, 4: 1/4 + 1/3, 2: 1/3 + 1/4; threshold 0.5 kept (inclusive)
        assertThat(scores(hits)).containsOnlyKeys(1L, 2L, 3L, 4L);
        assertThat(scores(hits).get(1L)).isEqualTo(0.5f);
        assertThat(scores(hits).get(4L)).isCloseTo(7f / 12, within(1e-6f));
    }

    @Test
    void scrollLikeAndSampleScoreOneAtVersionZero() {
        dot();
        List<ScoredPoint> scrolled = query("d", request(null, 2));
        List<ScoredPoint> sampled = query("d", new QueryRequest(List.of(), new Query.Sample(), null, null, null, null,
                2, 4, null, null, null));

        assertThat(ids(scrolled)).containsExactly(1L, 2L);
        assertThat(scrolled).allSatisfy(h -> {
            assertThat(h.score()).isEqualTo(1f);
            assertThat(h.version()).isZero();
        });
        // the offset of a sample without prefetches is ignored
        assertThat(sampled).hasSize(2).allSatisfy(h -> {
            assertThat(h.score()).isEqualTo(1f);
            assertThat(h.version()).isZero();
        });
    }

    @Test
    void prefetchesNeedAQuery() {
        dot();
        Prefetch x = new Prefetch(List.of(), new Query.Nearest(lit(1, 0), null), null, null, null, null, 3, null);

        assertThatThrownBy(() -> query("d", new QueryRequest(List.of(x), null, null, null, null, null, 10, 0, null,
                null, null))).isInstanceOf(BadRequestException.class).hasMessageContaining("A query is needed");
    }

    @Test
    void mmrTakesCandidatesLimitAsGivenAndKeepsNearestScores() {
        dot();
        List<ScoredPoint> hits = query("d", request(new Query.Nearest(lit(1, 0), new Query.Mmr(0.5f, 2)), 4));

        assertThat(ids(hits)).containsExactly(1L, 2L);
        assertThat(scores(hits)).containsEntry(1L, 1f).containsEntry(2L, 0.9f);
    }

    @Test
    void mmrPrefersDiverseCandidates() {
        dot();
        // candidates 1 (1.0), 2 (0.9), 4 (0.5), 3 (0.0); λ = 0.1; after 1: 2 -> 0.09 - 0.9 * 0.9 = -0.72,
        // 4 -> 0.05 - 0.9 * 0.5 = -0.4, 3 -> 0 - 0.9 * 0 = 0 wins
        List<ScoredPoint> hits = query("d", request(new Query.Nearest(lit(1, 0), new Query.Mmr(0.9f, 4)), 2));

        assertThat(ids(hits)).containsExactly(1L, 3L);
        assertThat(scores(hits)).containsEntry(3L, 0f);
    }

    @Test
    void withPayloadAndVectorsFollowTheRequest() {
        dot();
        List<ScoredPoint> hits = query("d", new QueryRequest(List.of(), new Query.Nearest(lit(1, 0), null), null,
                null, null, null, 1, 0, WithPayload.ALL, WithVector.ALL, null));

        assertThat(hits.getFirst().record().vectors()).containsKey("");
        assertThat(hits.getFirst().version()).isPositive();
    }
}
