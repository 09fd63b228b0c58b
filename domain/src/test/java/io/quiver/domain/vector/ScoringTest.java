package io.quiver.domain.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScoringTest {

    private final Scoring scoring = new Scoring(new ScalarVectorMath());

    @Nested
    class Scores {

        @Test
        void euclidIsThePlainDistanceNotItsSquare() {
            assertThat(scoring.score(Distance.EUCLID, new float[] {0, 0}, new float[] {3, 4})).isEqualTo(5f);
        }

        @Test
        void manhattanIsTheL1Distance() {
            assertThat(scoring.score(Distance.MANHATTAN, new float[] {1, 2}, new float[] {4, -2})).isEqualTo(7f);
        }

        @Test
        void dotUsesTheRawVectors() {
            assertThat(scoring.score(Distance.DOT, new float[] {2, 3}, new float[] {4, 5})).isEqualTo(23f);
        }

        @Test
        void cosineOfParallelVectorsIsOneRegardlessOfLength() {
            float[] a = scoring.preprocess(Distance.COSINE, new float[] {1, 2, 3});
            float[] b = scoring.preprocess(Distance.COSINE, new float[] {10, 20, 30});
            assertThat(scoring.score(Distance.COSINE, a, b)).isCloseTo(1f, within(1e-6f));
        }

        @Test
        void cosineOfOppositeVectorsIsMinusOne() {
            float[] a = scoring.preprocess(Distance.COSINE, new float[] {1, -2});
            float[] b = scoring.preprocess(Distance.COSINE, new float[] {-3, 6});
            assertThat(scoring.score(Distance.COSINE, a, b)).isCloseTo(-1f, within(1e-6f));
        }

        @ParameterizedTest(name = "dim {0}")
        @ValueSource(ints = {1, 5, 17, 384, 1536})
        void allDistancesMatchAStraightforwardDoubleComputation(int dim) {
            float[] a = random(dim, dim);
            float[] b = random(dim, dim + 1L);
            double dot = 0, normA = 0, normB = 0, squared = 0, l1 = 0;
            for (int i = 0; i < dim; i++) {
                dot += (double) a[i] * b[i];
                normA += (double) a[i] * a[i];
                normB += (double) b[i] * b[i];
                squared += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
                l1 += Math.abs((double) a[i] - b[i]);
            }
            double cosine = dot / Math.sqrt(normA * normB);
            double tolerance = 1e-4;

            assertThat((double) scoring.score(Distance.DOT, a, b)).isCloseTo(dot, within(tolerance * Math.sqrt(normA * normB)));
            assertThat((double) scoring.score(Distance.EUCLID, a, b)).isCloseTo(Math.sqrt(squared), within(tolerance * Math.sqrt(squared)));
            assertThat((double) scoring.score(Distance.MANHATTAN, a, b)).isCloseTo(l1, within(tolerance * l1));
            float[] unitA = scoring.preprocess(Distance.COSINE, a);
            float[] unitB = scoring.preprocess(Distance.COSINE, b);
            assertThat((double) scoring.score(Distance.COSINE, unitA, unitB)).isCloseTo(cosine, within(tolerance));
        }

        @ParameterizedTest
        @EnumSource(Distance.class)
        void flatScanScoreEqualsStandAloneScore(Distance distance) {
            int dim = 21;
            float[] query = random(dim, 1);
            float[] stored = random(dim, 2);
            float[] data = new float[2 * dim + 1];
            System.arraycopy(stored, 0, data, dim + 1, dim);

            assertThat(scoring.score(distance, query, data, dim + 1)).isEqualTo(scoring.score(distance, query, stored));
        }
    }

    @Nested
    class Preprocessing {

        @ParameterizedTest
        @EnumSource(value = Distance.class, names = "COSINE", mode = EnumSource.Mode.EXCLUDE)
        void onlyCosineChangesVectors(Distance distance) {
            float[] vector = {3, 4};
            assertThat(scoring.preprocess(distance, vector)).containsExactly(3, 4);
        }

        @Test
        void cosineScalesToUnitLengthKeepingDirection() {
            float[] unit = scoring.preprocess(Distance.COSINE, new float[] {3, 4});
            assertThat(unit).containsExactly(new float[] {0.6f, 0.8f}, within(1e-7f));
        }

        @Test
        void cosineDoesNotMutateTheInput() {
            float[] vector = {3, 4};
            scoring.preprocess(Distance.COSINE, vector);
            assertThat(vector).containsExactly(3, 4);
        }

        @Test
        void zeroVectorStaysZeroInsteadOfBecomingNaN() {
            assertThat(scoring.preprocess(Distance.COSINE, new float[] {0, 0, 0})).containsExactly(0, 0, 0);
        }

        @Test
        void vectorBelowFloatEpsilonIsLeftAloneLikeQdrantDoes() {
            float[] tiny = {1e-4f, 1e-4f};
            assertThat(scoring.preprocess(Distance.COSINE, tiny)).containsExactly(1e-4f, 1e-4f);
        }

        @Test
        void alreadyNormalisedVectorIsNotRescaled() {
            float[] unit = {0.6f, 0.8f};
            assertThat(scoring.preprocess(Distance.COSINE, unit)).isSameAs(unit);
        }

        @Test
        void normalisingTwiceChangesNothing() {
            float[] once = scoring.preprocess(Distance.COSINE, random(768, 3));
            assertThat(scoring.preprocess(Distance.COSINE, once)).isSameAs(once);
        }
    }

    @Nested
    class Thresholds {

        @ParameterizedTest
        @EnumSource(value = Distance.class, names = {"COSINE", "DOT"})
        void similarityThresholdIsAStrictLowerBound(Distance distance) {
            assertThat(Scoring.passesThreshold(distance, 0.81f, 0.8f)).isTrue();
            assertThat(Scoring.passesThreshold(distance, 0.8f, 0.8f)).isFalse();
            assertThat(Scoring.passesThreshold(distance, 0.79f, 0.8f)).isFalse();
        }

        @ParameterizedTest
        @EnumSource(value = Distance.class, names = {"EUCLID", "MANHATTAN"})
        void distanceThresholdIsAStrictUpperBound(Distance distance) {
            assertThat(Scoring.passesThreshold(distance, 0.99f, 1f)).isTrue();
            assertThat(Scoring.passesThreshold(distance, 1f, 1f)).isFalse();
            assertThat(Scoring.passesThreshold(distance, 1.01f, 1f)).isFalse();
        }

        @Test
        void negativeDotScoresCanPassANegativeThreshold() {
            assertThat(Scoring.passesThreshold(Distance.DOT, -0.5f, -1f)).isTrue();
        }
    }

    @Nested
    class Ranking {

        @ParameterizedTest
        @EnumSource(value = Distance.class, names = {"COSINE", "DOT"})
        void similaritiesRankDescending(Distance distance) {
            assertThat(sorted(distance, 0.2f, 0.9f, -0.4f, 0.5f)).containsExactly(0.9f, 0.5f, 0.2f, -0.4f);
        }

        @ParameterizedTest
        @EnumSource(value = Distance.class, names = {"EUCLID", "MANHATTAN"})
        void distancesRankAscending(Distance distance) {
            assertThat(sorted(distance, 2f, 0.5f, 7f, 0f)).containsExactly(0f, 0.5f, 2f, 7f);
        }

        @ParameterizedTest
        @EnumSource(Distance.class)
        void nanRanksLastInEveryDirection(Distance distance) {
            assertThat(sorted(distance, Float.NaN, 1f, 3f)).last().isEqualTo(Float.NaN);
        }

        @Test
        void comparatorRanksArbitraryScoredItems() {
            record Hit(String id, float score) {}
            List<Hit> hits = new ArrayList<>(List.of(new Hit("far", 9f), new Hit("near", 1f), new Hit("mid", 4f)));
            hits.sort(Scoring.bestFirst(Distance.EUCLID, Hit::score));
            assertThat(hits).extracting(Hit::id).containsExactly("near", "mid", "far");
        }

        private List<Float> sorted(Distance distance, Float... scores) {
            List<Float> list = new ArrayList<>(List.of(scores));
            list.sort((x, y) -> Scoring.compareBestFirst(distance, x, y));
            return list;
        }
    }

    private static float[] random(int dim, long seed) {
        Random random = new Random(seed);
        float[] vector = new float[dim];
        for (int i = 0; i < dim; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }
}
