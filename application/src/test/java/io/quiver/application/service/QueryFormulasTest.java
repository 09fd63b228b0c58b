package io.quiver.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.point.PointId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Qdrant's scoring formulas on tiny inputs, against values computed by hand. */
class QueryFormulasTest {

    private static QueryEngine.Ranked ranked(boolean higherIsBetter, Object... idScorePairs) {
        List<ScoredId> hits = new ArrayList<>();
        for (int i = 0; i < idScorePairs.length; i += 2) {
            hits.add(new ScoredId(PointId.of(((Number) idScorePairs[i]).longValue()),
                    ((Number) idScorePairs[i + 1]).floatValue()));
        }
        return new QueryEngine.Ranked(hits, higherIsBetter);
    }

    private static Map<Long, Float> byId(List<ScoredId> hits) {
        return hits.stream().collect(Collectors.toMap(h -> ((PointId.NumericId) h.id()).value(), ScoredId::score));
    }

    private static List<Long> ids(List<ScoredId> hits) {
        return hits.stream().map(h -> ((PointId.NumericId) h.id()).value()).toList();
    }

    @Nested
    class ReciprocalRankFusion {

        @Test
        void positionScoreIsOneOverPositionPlusK() {
            assertThat(Fusions.rrfScore(0, 2, 1f)).isEqualTo(0.5f);
            assertThat(Fusions.rrfScore(1, 2, 1f)).isEqualTo(1f / 3);
            assertThat(Fusions.rrfScore(0, 60, 1f)).isEqualTo(1f / 60);
        }

        @Test
        void weightStretchesPositions() {
            // 1 / ((p + 1) / w + k - 1): p = 1, k = 2, w = 3 -> 1 / (2/3 + 1) = 0.6
            assertThat(Fusions.rrfScore(1, 2, 3f)).isCloseTo(0.6f, within(1e-6f));
            assertThat(Fusions.rrfScore(0, 2, 0f)).isZero();
            assertThat(Fusions.rrfScore(0, 2, -1f)).isZero();
        }

        @Test
        void sumsOverListsWithDefaultKTwo() {
            // Qdrant's own example: [2, 1], [1, 2, 3], [5, 3, 1]
            List<ScoredId> fused = new Fusions().rrf(List.of(ranked(true, 2, .9, 1, .8),
                    ranked(true, 1, .7, 2, .6, 3, .5), ranked(true, 5, .9, 3, .5, 1, .4)), null, null, 10);

            assertThat(ids(fused)).containsExactly(1L, 2L, 3L, 5L);
            Map<Long, Float> scores = byId(fused);
            assertThat(scores.get(1L)).isCloseTo(1f / 3 + 1f / 2 + 1f / 4, within(1e-6f));
            assertThat(scores.get(2L)).isCloseTo(1f / 2 + 1f / 3, within(1e-6f));
            assertThat(scores.get(3L)).isCloseTo(1f / 4 + 1f / 3, within(1e-6f));
            assertThat(scores.get(5L)).isEqualTo(0.5f);
        }

        @Test
        void ignoresInputScoresAndDirection() {
            List<ScoredId> fused = new Fusions().rrf(List.of(ranked(false, 7, 100, 8, 200)), 1, null, 10);

            assertThat(byId(fused)).containsEntry(7L, 1f).containsEntry(8L, 0.5f);
        }

        @Test
        void weightsPerList() {
            List<ScoredId> fused = new Fusions().rrf(List.of(ranked(true, 1, 1, 2, 1), ranked(true, 2, 1, 1, 1)), 2,
                    List.of(3f, 1f), 10);

            // point 2: pos 1 with w = 3 (0.6) + pos 0 with w = 1 (0.5); point 1: 1 / (1/3 + 1) + 1/3
            assertThat(ids(fused)).containsExactly(2L, 1L);
            assertThat(byId(fused).get(2L)).isCloseTo(1.1f, within(1e-6f));
            assertThat(byId(fused).get(1L)).isCloseTo(0.75f + 1f / 3, within(1e-6f));
        }

        @Test
        void weightsMustMatchPrefetches() {
            assertThatThrownBy(() -> new Fusions().rrf(List.of(ranked(true, 1, 1)), null, List.of(1f, 2f), 10))
                    .isInstanceOf(BadRequestException.class).hasMessageContaining("got 2, expected 1");
        }
    }

    @Nested
    class DistributionBasedScoreFusion {

        @Test
        void normalisesByMeanPlusMinusThreeSampleDeviations() {
            // mean 0.8, sample variance (0.04 + 0.01 + 0.09) / 2 = 0.07
            double std = Math.sqrt(0.07);
            double low = 0.8 - 3 * std;
            double high = 0.8 + 3 * std;
            List<ScoredId> fused = new Fusions().dbsf(List.of(ranked(true, 1, 1.0, 2, 0.9, 3, 0.5)), 10);

            assertThat(byId(fused).get(1L)).isCloseTo((float) ((1.0 - low) / (high - low)), within(1e-5f));
            assertThat(byId(fused).get(2L)).isCloseTo((float) ((0.9 - low) / (high - low)), within(1e-5f));
            assertThat(byId(fused).get(3L)).isCloseTo((float) ((0.5 - low) / (high - low)), within(1e-5f));
        }

        @Test
        void sumsOverListsAndGivesHalfToSingletonsAndFlatLists() {
            List<ScoredId> fused = new Fusions().dbsf(List.of(ranked(true, 1, 42), ranked(true, 1, 3, 2, 3),
                    ranked(true)), 10);

            assertThat(byId(fused)).containsEntry(1L, 1.0f).containsEntry(2L, 0.5f);
        }

        @Test
        void doesNotClamp() {
            Object[] hits = new Object[22];
            for (int i = 0; i < 11; i++) {
                hits[2 * i] = i + 1;
                hits[2 * i + 1] = i == 0 ? 1 : 0;
            }
            // ten zeros and a one: the one lies 3.015 sample deviations above the mean
            List<ScoredId> fused = new Fusions().dbsf(List.of(ranked(true, hits)), 11);

            assertThat(byId(fused).get(1L)).isGreaterThan(1f);
        }

        @Test
        void keepsDistancesAsTheyAreLikeQdrant119() {
            // qdrant/qdrant#10611: the nearest of a Euclid list gets the smallest normalised score
            List<ScoredId> fused = new Fusions().dbsf(List.of(ranked(false, 1, 0.1, 2, 0.5, 3, 0.9)), 10);

            assertThat(ids(fused)).containsExactly(3L, 2L, 1L);
        }
    }

    @Nested
    class ExampleQueries {

        @Test
        void bestScoreIsSigmoidOfTheBetterSide() {
            // sigmoid(x) = 0.5 * (x / (1 + |x|) + 1)
            assertThat(Recommendations.bestScore(0.9f, 0.1f)).isCloseTo(0.5f * (0.9f / 1.9f + 1), within(1e-6f));
            assertThat(Recommendations.bestScore(0.1f, 0.9f)).isCloseTo(-0.5f * (0.9f / 1.9f + 1), within(1e-6f));
            assertThat(Recommendations.bestScore(0.5f, 0.5f)).isCloseTo(-0.5f * (0.5f / 1.5f + 1), within(1e-6f));
            assertThat(Recommendations.bestScore(Float.NEGATIVE_INFINITY, 0f)).isEqualTo(-0.5f);
            assertThat(Recommendations.bestScore(-4f, Float.NEGATIVE_INFINITY)).isCloseTo(0.1f, within(1e-6f));
        }

        @Test
        void discoveryIsRankPlusSigmoidOfTheTarget() {
            assertThat(Recommendations.discoveryScore(1, 0.5f)).isCloseTo(1 + 0.5f * (0.5f / 1.5f + 1), within(1e-6f));
            assertThat(Recommendations.discoveryScore(-2, -1f)).isCloseTo(-2 + 0.25f, within(1e-6f));
        }

        @Test
        void contextLossIsZeroOnThePositiveSideWithAnEpsilonMargin() {
            assertThat(Recommendations.contextLoss(0.9f, 0.1f)).isZero();
            assertThat(Recommendations.contextLoss(0.1f, 0.9f)).isCloseTo(-0.8f / 1.8f, within(1e-6f));
            assertThat(Recommendations.contextLoss(0.5f, 0.5f)).isEqualTo(-Math.ulp(1f) / (1 + Math.ulp(1f)));
        }

        @Test
        void averageIsComponentWise() {
            assertThat(Recommendations.average(List.of(new float[] {2, 0}, new float[] {0, 1})))
                    .containsExactly(1f, 0.5f);
        }
    }

    @Nested
    class MaximalMarginalRelevance {

        private final float[][] similarities = {
                {0, 0.95f, 0.1f},
                {0.95f, 0, 0.3f},
                {0.1f, 0.3f, 0}};

        @Test
        void picksTheMostRelevantThenBalancesAgainstThePicks() {
            // after 0: candidate 1 scores 0.5 * 0.9 - 0.5 * 0.95 = -0.025, candidate 2 0.5 * 0.5 - 0.5 * 0.1 = 0.2
            List<Integer> picks = Mmr.select(new float[] {1.0f, 0.9f, 0.5f}, (i, j) -> similarities[i][j], 0.5f, 3);

            assertThat(picks).containsExactly(0, 2, 1);
        }

        @Test
        void lambdaOneIsPureRelevanceAndLimitCaps() {
            assertThat(Mmr.select(new float[] {0.5f, 1.0f, 0.9f}, (i, j) -> similarities[i][j], 1f, 2))
                    .containsExactly(1, 2);
        }

        @Test
        void redundancyIsTheMaximumOverPicksEvenWhenNegative() {
            // Euclid-like similarities (all negative): the max over picks, not max(0, ...)
            float[][] sim = {{0, -1, -9}, {-1, 0, -4}, {-9, -4, 0}};
            List<Integer> picks = Mmr.select(new float[] {-1f, -2f, -3f}, (i, j) -> sim[i][j], 0.5f, 3);

            // after 0: c1 = -1 + 0.5 = -0.5, c2 = -1.5 + 4.5 = 3
            assertThat(picks).containsExactly(0, 2, 1);
        }
    }
}
