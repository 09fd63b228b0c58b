package io.quiver.application.service;

import static io.quiver.application.service.QueryTestBed.point;
import static io.quiver.application.service.QueryTestBed.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quiver.domain.error.BadInputException;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.ScoredPoint;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.query.Expression;
import io.quiver.domain.query.Formula;
import io.quiver.domain.query.Prefetch;
import io.quiver.domain.query.Query;
import io.quiver.domain.query.QueryRequest;
import io.quiver.domain.query.QueryVector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A formula level re-scores the union of its prefetches. */
class QueryFormulaEngineTest {

    private final QueryTestBed bed = new QueryTestBed();

    /** Dot: 1 (1,0) w 1, 2 (0.9,0.1) w 2, 3 (0,1) w 3, 4 (0.5,0.5) w 4. */
    @BeforeEach
    void points() {
        bed.collection("d", "{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}").upsert("d",
                point(1, v(1, 0), "{\"w\": 1}"), point(2, v(0.9f, 0.1f), "{\"w\": 2}"), point(3, v(0, 1), "{\"w\": 3}"),
                point(4, v(0.5f, 0.5f), "{\"w\": 4}"));
    }

    @AfterEach
    void close() {
        bed.close();
    }

    private static Prefetch nearest(float x, float y, int limit) {
        return new Prefetch(List.of(), new Query.Nearest(new QueryVector.Literal(new VectorData.Dense(new float[] {x, y})),
                null), null, null, null, null, limit, null);
    }

    private List<ScoredPoint> query(List<Prefetch> prefetch, Expression e, Map<String, PayloadValue> defaults,
                                    Float threshold, int limit) {
        return bed.app.queryPoints().query("d", new QueryRequest(prefetch,
                new Query.FormulaQuery(Formula.of(e, defaults)), null, null, null, threshold, limit, 0, null, null,
                null));
    }

    private static Map<Long, Float> scores(List<ScoredPoint> hits) {
        Map<Long, Float> out = new LinkedHashMap<>();
        hits.forEach(h -> out.put(((PointId.NumericId) h.record().id()).value(), h.score()));
        return out;
    }

    @Test
    void theUnionOfThePrefetchesIsRescoredHighestFirst() {
        // (1,0) limit 2: 1 (1), 2 (0.9); (0,1) limit 1: 3 (1); score = $score[0] + $score[1] + w
        List<ScoredPoint> hits = query(List.of(nearest(1, 0, 2), nearest(0, 1, 1)), new Expression.Sum(List.of(
                new Expression.Score(0), new Expression.Score(1), Expression.variable("w"))), Map.of(), null, 10);

        assertThat(scores(hits).keySet()).containsExactly(3L, 2L, 1L);
        assertThat(scores(hits).get(3L)).isEqualTo(4f);
        assertThat(scores(hits).get(2L)).isCloseTo(2.9f, within(1e-6f));
        assertThat(scores(hits).get(1L)).isEqualTo(2f);
        assertThat(hits.getFirst().version()).isPositive();
    }

    @Test
    void theLimitAndAnInclusiveThresholdApply() {
        List<ScoredPoint> hits = query(List.of(nearest(1, 0, 4)), Expression.variable("w"), Map.of(), 2f, 10);
        List<ScoredPoint> top = query(List.of(nearest(1, 0, 4)), Expression.variable("w"), Map.of(), null, 1);

        assertThat(scores(hits)).containsExactly(Map.entry(4L, 4f), Map.entry(3L, 3f), Map.entry(2L, 2f));
        assertThat(scores(top)).containsOnlyKeys(4L);
    }

    @Test
    void aMissingScoreTakesItsDefault() {
        List<ScoredPoint> hits = query(List.of(nearest(1, 0, 1), nearest(0, 1, 1)), new Expression.Score(1),
                Map.of("$score[1]", PayloadValue.of(-5)), null, 10);

        assertThat(scores(hits)).containsExactly(Map.entry(3L, 1f), Map.entry(1L, -5f));
    }

    @Test
    void aFormulaWithoutPrefetchesIsRejected() {
        assertThatThrownBy(() -> query(List.of(), new Expression.Constant(1), Map.of(), null, 10))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Validation failed: cannot apply Formula without prefetches");
    }

    @Test
    void anErrorOnAnyPointFailsTheQuery() {
        assertThatThrownBy(() -> query(List.of(nearest(1, 0, 4)), new Expression.Ln(new Expression.Score(0)),
                Map.of(), null, 1)).isInstanceOf(BadInputException.class)
                .hasMessage("The expression ln(0) = -inf produced a non-finite number");
    }
}
