package io.quiver.domain.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Behaviour every {@link VectorMath} must share, whatever its accumulation strategy. Subclasses only
 * supply the implementation. The dimensions straddle every SIMD width (4, 8, 16 lanes) so that the
 * main loop, the tail loop and the empty tail are all exercised.
 */
public abstract class VectorMathContract {

    /** float rounding over tens of thousands of additions; a lost element would be off by far more. */
    private static final double RELATIVE_TOLERANCE = 1e-5;

    protected abstract VectorMath math();

    @ParameterizedTest(name = "dim {0}")
    @ValueSource(ints = {1, 3, 7, 8, 15, 16, 17, 100, 128, 384, 768, 1536, 65536})
    void dotMatchesDoublePrecisionReference(int dim) {
        for (long seed = 1; seed <= 3; seed++) {
            float[] a = randomVector(dim, seed);
            float[] b = randomVector(dim, seed * 31);
            assertCloseToReference(math().dot(a, b), a, b, (x, y) -> x * y);
        }
    }

    @ParameterizedTest(name = "dim {0}")
    @ValueSource(ints = {1, 3, 7, 8, 15, 16, 17, 100, 128, 384, 768, 1536, 65536})
    void squaredEuclidMatchesDoublePrecisionReference(int dim) {
        for (long seed = 1; seed <= 3; seed++) {
            float[] a = randomVector(dim, seed);
            float[] b = randomVector(dim, seed * 31);
            assertCloseToReference(math().squaredEuclid(a, b), a, b, (x, y) -> (x - y) * (x - y));
        }
    }

    @ParameterizedTest(name = "dim {0}")
    @ValueSource(ints = {1, 3, 7, 8, 15, 16, 17, 100, 128, 384, 768, 1536, 65536})
    void manhattanMatchesDoublePrecisionReference(int dim) {
        for (long seed = 1; seed <= 3; seed++) {
            float[] a = randomVector(dim, seed);
            float[] b = randomVector(dim, seed * 31);
            assertCloseToReference(math().manhattan(a, b), a, b, (x, y) -> Math.abs(x - y));
        }
    }

    @ParameterizedTest(name = "dim {0}")
    @ValueSource(ints = {1, 3, 7, 8, 15, 16, 17, 100, 128, 384, 768, 1536, 65536})
    void normMatchesDoublePrecisionReference(int dim) {
        float[] a = randomVector(dim, 7);
        double expected = 0;
        for (float x : a) {
            expected += (double) x * x;
        }
        expected = Math.sqrt(expected);
        assertThat((double) math().norm(a)).isCloseTo(expected, within(expected * RELATIVE_TOLERANCE));
    }

    @Test
    void smallIntegerVectorsGiveExactResults() {
        float[] a = {1, 2, 3};
        float[] b = {4, -5, 6};
        assertThat(math().dot(a, b)).isEqualTo(12f);
        assertThat(math().squaredEuclid(a, b)).isEqualTo(9f + 49f + 9f);
        assertThat(math().manhattan(a, b)).isEqualTo(3f + 7f + 3f);
        assertThat(math().norm(new float[] {3, 4})).isEqualTo(5f);
    }

    @ParameterizedTest(name = "dim {0}")
    @ValueSource(ints = {1, 17, 384})
    void distanceOfAVectorToItselfIsExactlyZero(int dim) {
        float[] a = randomVector(dim, 11);
        assertThat(math().squaredEuclid(a, a.clone())).isZero();
        assertThat(math().manhattan(a, a.clone())).isZero();
    }

    @Test
    void emptyVectorsHaveZeroScores() {
        float[] empty = new float[0];
        assertThat(math().dot(empty, empty)).isZero();
        assertThat(math().squaredEuclid(empty, empty)).isZero();
        assertThat(math().manhattan(empty, empty)).isZero();
        assertThat(math().norm(empty)).isZero();
    }

    @ParameterizedTest(name = "dim {0}")
    @ValueSource(ints = {1, 8, 17, 33})
    void everyElementContributesIncludingTheTail(int dim) {
        for (int position = 0; position < dim; position++) {
            float[] a = new float[dim];
            float[] b = new float[dim];
            a[position] = 2;
            b[position] = 5;
            assertThat(math().dot(a, b)).as("dot, element %d", position).isEqualTo(10f);
            assertThat(math().squaredEuclid(a, b)).as("euclid, element %d", position).isEqualTo(9f);
            assertThat(math().manhattan(a, b)).as("manhattan, element %d", position).isEqualTo(3f);
        }
    }

    @ParameterizedTest(name = "dim {0}")
    @ValueSource(ints = {3, 16, 17, 100, 768})
    void flatScanGivesTheSameBitsAsStandAloneVectors(int dim) {
        int count = 5;
        int header = 3; // not a multiple of any lane width, so every vector starts unaligned
        float[] query = randomVector(dim, 5);
        float[][] vectors = new float[count][];
        float[] data = new float[header + count * dim];
        for (int v = 0; v < count; v++) {
            vectors[v] = randomVector(dim, 100 + v);
            System.arraycopy(vectors[v], 0, data, header + v * dim, dim);
        }
        for (int v = 0; v < count; v++) {
            int offset = header + v * dim;
            assertThat(math().dot(query, data, offset)).isEqualTo(math().dot(query, vectors[v]));
            assertThat(math().squaredEuclid(query, data, offset)).isEqualTo(math().squaredEuclid(query, vectors[v]));
            assertThat(math().manhattan(query, data, offset)).isEqualTo(math().manhattan(query, vectors[v]));
        }
    }

    @Test
    void generalFormComparesTwoVectorsInsideFlatStorage() {
        int dim = 19;
        float[] first = randomVector(dim, 1);
        float[] second = randomVector(dim, 2);
        float[] data = new float[1 + 2 * dim];
        System.arraycopy(first, 0, data, 1, dim);
        System.arraycopy(second, 0, data, 1 + dim, dim);

        assertThat(math().dot(data, 1, data, 1 + dim, dim)).isEqualTo(math().dot(first, second));
        assertThat(math().squaredEuclid(data, 1, data, 1 + dim, dim)).isEqualTo(math().squaredEuclid(first, second));
        assertThat(math().manhattan(data, 1, data, 1 + dim, dim)).isEqualTo(math().manhattan(first, second));
    }

    @Test
    void vectorsOfDifferentLengthAreRejected() {
        float[] a = new float[4];
        float[] b = new float[5];
        assertThatThrownBy(() -> math().dot(a, b)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> math().squaredEuclid(a, b)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> math().manhattan(a, b)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offsetsOutsideTheArrayAreRejectedInsteadOfReadingNeighbours() {
        float[] query = new float[16];
        float[] data = new float[40];
        assertThatThrownBy(() -> math().dot(query, data, 25)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> math().squaredEuclid(query, data, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> math().manhattan(query, data, 40)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> math().dot(data, 30, query, 0, 16)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void lastVectorOfFlatStorageIsReachable() {
        float[] query = {1, 1, 1};
        float[] data = {0, 0, 0, 2, 3, 4};
        assertThat(math().dot(query, data, 3)).isEqualTo(9f);
    }

    @Test
    void describesItself() {
        assertThat(math().description()).isNotBlank();
    }

    /** Gaussian components: realistic for embeddings and they make dot products cancel, the hard case. */
    protected static float[] randomVector(int dim, long seed) {
        Random random = new Random(seed);
        float[] vector = new float[dim];
        for (int i = 0; i < dim; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }

    /**
     * Compares against a double-precision sum. The tolerance scales with the sum of the terms'
     * magnitudes, because that, not the (possibly cancelled) result, bounds the float rounding error.
     */
    private static void assertCloseToReference(float actual, float[] a, float[] b, DoubleBinaryOperator term) {
        double expected = 0;
        double magnitude = 0;
        for (int i = 0; i < a.length; i++) {
            double t = term.applyAsDouble(a[i], b[i]);
            expected += t;
            magnitude += Math.abs(t);
        }
        assertThat((double) actual).isCloseTo(expected, within(magnitude * RELATIVE_TOLERANCE + 1e-30));
    }
}
