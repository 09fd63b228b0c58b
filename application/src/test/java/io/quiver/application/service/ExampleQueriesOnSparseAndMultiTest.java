package io.quiver.application.service;

import static io.quiver.application.service.QueryTestBed.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quiver.domain.error.BadInputException;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.ScoredPoint;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.query.ContextPair;
import io.quiver.domain.query.Query;
import io.quiver.domain.query.QueryRequest;
import io.quiver.domain.query.QueryVector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Recommend, discover, context and MMR on sparse vectors and multivectors, with hand-computed scores:
 * sparse similarity is the plain dot product over shared indices, multivector similarity the max-sim
 * (for each row of the example, its best dot product with a row of the point, summed).
 */
class ExampleQueriesOnSparseAndMultiTest {

    private final QueryTestBed bed = new QueryTestBed();

    @AfterEach
    void close() {
        bed.close();
    }

    private static QueryVector sparse(int[] indices, float[] values) {
        return new QueryVector.Literal(new VectorData.Sparse(indices, values));
    }

    private static QueryVector multi(float[]... rows) {
        return new QueryVector.Literal(new VectorData.Multi(rows));
    }

    private static QueryVector id(long id) {
        return new QueryVector.ById(PointId.of(id));
    }

    private List<ScoredPoint> query(String collection, String using, Query query, int limit) {
        return bed.app.queryPoints().query(collection,
                new QueryRequest(List.of(), query, using, null, null, null, limit, 0, null, null, null));
    }

    private static Map<Long, Float> scores(List<ScoredPoint> hits) {
        Map<Long, Float> out = new LinkedHashMap<>();
        hits.forEach(h -> out.put(((PointId.NumericId) h.record().id()).value(), h.score()));
        return out;
    }

    private static List<Long> ids(List<ScoredPoint> hits) {
        return List.copyOf(scores(hits).keySet());
    }

    @Nested
    class Sparse {

        /** Sparse "w" without IDF: 1 {1:1, 2:1}, 2 {1:2}, 3 {2:1, 3:1}, 4 {3:2}, 5 {9:1}. */
        Sparse() {
            bed.collection("s", """
                    {"sparse_vectors": {"w": {}}}""").upsert("s",
                    p(1, new int[] {1, 2}, new float[] {1, 1}), p(2, new int[] {1}, new float[] {2}),
                    p(3, new int[] {2, 3}, new float[] {1, 1}), p(4, new int[] {3}, new float[] {2}),
                    p(5, new int[] {9}, new float[] {1}));
        }

        private static io.quiver.domain.point.Point p(long id, int[] indices, float[] values) {
            return point(id, Map.of("w", new VectorData.Sparse(indices, values)), null);
        }

        @Test
        void sumScoresSubtractsDotProductsOverSharedIndices() {
            // dot({1:1}, x) - dot({3:1}, x); 5 shares nothing and scores 0
            List<ScoredPoint> hits = query("s", "w", new Query.Recommend(List.of(sparse(new int[] {1}, new float[] {1})),
                    List.of(sparse(new int[] {3}, new float[] {1})), Query.RecommendStrategy.SUM_SCORES), 10);

            assertThat(ids(hits)).containsExactly(2L, 1L, 5L, 3L, 4L);
            assertThat(scores(hits)).containsEntry(2L, 2f).containsEntry(1L, 1f).containsEntry(5L, 0f)
                    .containsEntry(3L, -1f).containsEntry(4L, -2f);
        }

        @Test
        void bestScoreTakesTheSigmoidOfTheBestSide() {
            // 2: p 2 > n 0 -> 0.5 * (2/3 + 1); 1: p 1 -> 0.75; 5: p 0 = n 0 -> -0.5; 3: n 1 -> -0.75; 4: n 2
            List<ScoredPoint> hits = query("s", "w", new Query.Recommend(List.of(sparse(new int[] {1}, new float[] {1})),
                    List.of(sparse(new int[] {3}, new float[] {1})), Query.RecommendStrategy.BEST_SCORE), 10);

            assertThat(ids(hits)).containsExactly(2L, 1L, 5L, 3L, 4L);
            Map<Long, Float> s = scores(hits);
            assertThat(s.get(2L)).isCloseTo(0.8333333f, within(1e-6f));
            assertThat(s.get(1L)).isCloseTo(0.75f, within(1e-6f));
            assertThat(s.get(5L)).isCloseTo(-0.5f, within(1e-6f));
            assertThat(s.get(3L)).isCloseTo(-0.75f, within(1e-6f));
            assertThat(s.get(4L)).isCloseTo(-0.8333333f, within(1e-6f));
        }

        @Test
        void averageVectorMergesIndicesAndSearchesTheIndex() {
            // avg(1, 4) = {1:0.5, 2:0.5, 3:1}; 2 * avg - {2:2} = {1:1, 2:-1, 3:2}; 1 and 4 are examples,
            // 5 shares no index with the query
            List<ScoredPoint> hits = query("s", "w", new Query.Recommend(List.of(id(1), id(4)),
                    List.of(sparse(new int[] {2}, new float[] {2})), Query.RecommendStrategy.AVERAGE_VECTOR), 10);

            assertThat(ids(hits)).containsExactly(2L, 3L);
            assertThat(scores(hits)).containsEntry(2L, 2f).containsEntry(3L, 1f);
        }

        @Test
        void discoveryRanksByContextPairsThenTarget() {
            // target {1:1}, pair ({2:1}, {3:1}): 1 -> +1 + sigmoid(1); 2 -> tie -1 + sigmoid(2); 3 -> tie, -1 + 0.5
            List<ScoredPoint> hits = query("s", "w", new Query.Discover(sparse(new int[] {1}, new float[] {1}),
                    List.of(new ContextPair(sparse(new int[] {2}, new float[] {1}),
                            sparse(new int[] {3}, new float[] {1})))), 10);

            assertThat(ids(hits).subList(0, 2)).containsExactly(1L, 2L);
            Map<Long, Float> s = scores(hits);
            assertThat(s.get(1L)).isCloseTo(1.75f, within(1e-6f));
            assertThat(s.get(2L)).isCloseTo(-1f + 0.8333333f, within(1e-6f));
            assertThat(s.get(3L)).isCloseTo(-0.5f, within(1e-6f));
        }

        @Test
        void contextLossesComeFromSparseDotProducts() {
            // pair ({2:1}, {3:1}): 1 -> d = 1 > 0 -> 0; 4 -> d = -2 -> -2/3
            List<ScoredPoint> hits = query("s", "w", new Query.Context(List.of(new ContextPair(
                    sparse(new int[] {2}, new float[] {1}), sparse(new int[] {3}, new float[] {1})))), 10);

            assertThat(ids(hits).getFirst()).isEqualTo(1L);
            assertThat(scores(hits).get(1L)).isEqualTo(0f);
            assertThat(scores(hits).get(4L)).isCloseTo(-2f / 3, within(1e-6f));
        }

        @Test
        void mmrUsesSparseDotProductsBetweenCandidates() {
            // query {1:1, 2:0.5}: 2 (2), 1 (1.5), 3 (0.5); λ = 0.5; after 2: 1 -> 0.75 - 0.5 * 2 = -0.25,
            // 3 -> 0.25 - 0.5 * 0 = 0.25 wins
            List<ScoredPoint> hits = query("s", "w", new Query.Nearest(
                    sparse(new int[] {1, 2}, new float[] {1, 0.5f}), new Query.Mmr(0.5f, 3)), 2);

            assertThat(ids(hits)).containsExactly(2L, 3L);
            assertThat(scores(hits)).containsEntry(2L, 2f).containsEntry(3L, 0.5f);
        }

        @Test
        void denseExamplesAreRejected() {
            assertThatThrownBy(() -> query("s", "w", new Query.Recommend(
                    List.of(new QueryVector.Literal(new VectorData.Dense(new float[] {1, 0}))), List.of(),
                    Query.RecommendStrategy.BEST_SCORE), 10))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("must be sparse vectors");
        }
    }

    @Nested
    class Multi {

        /** Dot multivectors "mv": 1 [(1,0),(0,1)], 2 [(1,0)], 3 [(0,1)], 4 [(-1,0),(0,-1)]. */
        Multi() {
            bed.collection("m", """
                    {"vectors": {"mv": {"size": 2, "distance": "Dot",
                        "multivector_config": {"comparator": "max_sim"}}}}""").upsert("m",
                    p(1, new float[] {1, 0}, new float[] {0, 1}), p(2, new float[] {1, 0}), p(3, new float[] {0, 1}),
                    p(4, new float[] {-1, 0}, new float[] {0, -1}));
        }

        private static io.quiver.domain.point.Point p(long id, float[]... rows) {
            return point(id, Map.of("mv", new VectorData.Multi(rows)), null);
        }

        @Test
        void bestScoreUsesMaxSim() {
            // positive [(1,0),(0,1)]: 1 -> 2, 2 -> 1, 3 -> 1, 4 -> 0; negative [(0,1)]: 1 -> 1, 2 -> 0, 3 -> 1, 4 -> 0
            List<ScoredPoint> hits = query("m", "mv", new Query.Recommend(List.of(multi(new float[] {1, 0},
                    new float[] {0, 1})), List.of(multi(new float[] {0, 1})), Query.RecommendStrategy.BEST_SCORE), 10);

            assertThat(ids(hits)).containsExactly(1L, 2L, 4L, 3L);
            Map<Long, Float> s = scores(hits);
            assertThat(s.get(1L)).isCloseTo(0.8333333f, within(1e-6f));
            assertThat(s.get(2L)).isCloseTo(0.75f, within(1e-6f));
            assertThat(s.get(4L)).isCloseTo(-0.5f, within(1e-6f));
            assertThat(s.get(3L)).isCloseTo(-0.75f, within(1e-6f));
        }

        @Test
        void sumScoresSumsMaxSims() {
            // positive [(1,0),(0,1)] minus negative [(-1,0)]: 1 -> 2 - 0, 2 -> 1 - (-1), 3 -> 1 - 0, 4 -> 0 - 1
            List<ScoredPoint> hits = query("m", "mv", new Query.Recommend(List.of(multi(new float[] {1, 0},
                    new float[] {0, 1})), List.of(multi(new float[] {-1, 0})), Query.RecommendStrategy.SUM_SCORES), 10);

            assertThat(scores(hits)).containsEntry(1L, 2f).containsEntry(2L, 2f).containsEntry(3L, 1f)
                    .containsEntry(4L, -1f);
        }

        @Test
        void averageVectorConcatenatesRowsAndNegatesTheNegatives() {
            // rows of 2 and 3, then -(-1,0): query [(1,0),(0,1),(1,0)] (no division); 1 -> 3, 4 -> 0
            List<ScoredPoint> hits = query("m", "mv", new Query.Recommend(List.of(id(2), id(3)),
                    List.of(multi(new float[] {-1, 0})), Query.RecommendStrategy.AVERAGE_VECTOR), 10);

            assertThat(ids(hits)).containsExactly(1L, 4L);
            assertThat(scores(hits)).containsEntry(1L, 3f).containsEntry(4L, 0f);
        }

        @Test
        void discoveryUsesMaxSim() {
            // target [(1,0)], pair ([(0,1)], [(0,-1)]): 1 -> +1 + sigmoid(1), 3 -> +1 + sigmoid(0),
            // 2 -> -1 + sigmoid(1), 4 -> -1 + sigmoid(0)
            List<ScoredPoint> hits = query("m", "mv", new Query.Discover(multi(new float[] {1, 0}),
                    List.of(new ContextPair(multi(new float[] {0, 1}), multi(new float[] {0, -1})))), 10);

            assertThat(ids(hits)).containsExactly(1L, 3L, 2L, 4L);
            Map<Long, Float> s = scores(hits);
            assertThat(s.get(1L)).isCloseTo(1.75f, within(1e-6f));
            assertThat(s.get(3L)).isCloseTo(1.5f, within(1e-6f));
            assertThat(s.get(2L)).isCloseTo(-0.25f, within(1e-6f));
            assertThat(s.get(4L)).isCloseTo(-0.5f, within(1e-6f));
        }

        @Test
        void singleDenseExampleCountsAsOneRow() {
            // [(0,1)] given as a plain dense vector: the same as the multivector [(0,1)]
            List<ScoredPoint> hits = query("m", "mv", new Query.Recommend(
                    List.of(new QueryVector.Literal(new VectorData.Dense(new float[] {0, 1}))), List.of(),
                    Query.RecommendStrategy.SUM_SCORES), 10);

            assertThat(scores(hits)).containsEntry(1L, 1f).containsEntry(2L, 0f).containsEntry(3L, 1f)
                    .containsEntry(4L, 0f);
        }

        @Test
        void mmrUsesMaxSimBetweenCandidates() {
            // query [(1,0),(0,1)]: 1 (2), 2 (1), 3 (1), 4 (0); λ = 0.2; after 1: 2, 3 -> 0.2 - 0.8 * 1 = -0.6,
            // 4 -> 0 - 0.8 * 0 = 0 wins
            List<ScoredPoint> hits = query("m", "mv", new Query.Nearest(multi(new float[] {1, 0}, new float[] {0, 1}),
                    new Query.Mmr(0.8f, 4)), 2);

            assertThat(ids(hits)).containsExactly(1L, 4L);
            assertThat(scores(hits)).containsEntry(1L, 2f).containsEntry(4L, 0f);
        }

        @Test
        void sparseExamplesAreRejected() {
            assertThatThrownBy(() -> query("m", "mv", new Query.Context(List.of(new ContextPair(
                    sparse(new int[] {1}, new float[] {1}), multi(new float[] {1, 0})))), 10))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("must be multivectors");
        }
    }
}
