package io.quiver.domain.vector;

import java.util.Comparator;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Qdrant's score semantics, so that clients see the same numbers, order and threshold behaviour as
 * with Qdrant itself.
 *
 * <ul>
 *   <li>Cosine: vectors are normalised once on write (and the query once per request), so the score
 *       is a plain dot product; it ranks descending.</li>
 *   <li>Dot: the dot product of the raw vectors; descending.</li>
 *   <li>Euclid: the Euclidean <em>distance</em> (Qdrant takes the square root of its internal squared
 *       distance before returning it); ascending.</li>
 *   <li>Manhattan: the L1 distance; ascending.</li>
 * </ul>
 * Callers must pass vectors that went through {@link #preprocess}; scoring never normalises on the
 * hot path.
 */
public final class Scoring {

    /** Qdrant treats a length within this of 1 as already normalised, so re-normalising is idempotent. */
    private static final float NORMALISED_TOLERANCE = 1.0e-6f;

    /** Below this squared length Qdrant leaves a vector untouched instead of dividing by ~0. */
    private static final float ZERO_LENGTH_SQUARED = Math.ulp(1.0f);

    private final VectorMath math;

    public Scoring(VectorMath math) {
        this.math = Objects.requireNonNull(math, "math");
    }

    /** The score Qdrant would report for two preprocessed vectors of the same length. */
    public float score(Distance distance, float[] a, float[] b) {
        return switch (distance) {
            case COSINE, DOT -> math.dot(a, b);
            case EUCLID -> (float) Math.sqrt(math.squaredEuclid(a, b));
            case MANHATTAN -> math.manhattan(a, b);
        };
    }

    /**
     * Flat-scan form of {@link #score(Distance, float[], float[])}: scores {@code query} against the
     * {@code query.length} floats stored at {@code offset} in {@code data}.
     */
    public float score(Distance distance, float[] query, float[] data, int offset) {
        return switch (distance) {
            case COSINE, DOT -> math.dot(query, data, offset);
            case EUCLID -> (float) Math.sqrt(math.squaredEuclid(query, data, offset));
            case MANHATTAN -> math.manhattan(query, data, offset);
        };
    }

    /**
     * Brings a vector into the form it is stored and queried in. Only Cosine changes anything: the
     * vector is scaled to unit length, exactly as Qdrant does, including its two exceptions — a
     * vector whose squared length is below float epsilon (the zero vector in particular) and a vector
     * that is already unit length within 1e-6 are returned unchanged. Never mutates the argument; may
     * return it.
     */
    public float[] preprocess(Distance distance, float[] vector) {
        if (distance != Distance.COSINE) {
            return vector;
        }
        float lengthSquared = math.dot(vector, vector);
        if (lengthSquared < ZERO_LENGTH_SQUARED || Math.abs(lengthSquared - 1.0f) <= NORMALISED_TOLERANCE) {
            return vector;
        }
        float length = (float) Math.sqrt(lengthSquared);
        float[] normalised = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            normalised[i] = vector[i] / length;
        }
        return normalised;
    }

    /**
     * Whether a score survives a request's {@code score_threshold}. For similarities the threshold is
     * a lower bound, for distances an upper bound; in both cases Qdrant compares strictly, so a score
     * equal to the threshold is dropped.
     */
    public static boolean passesThreshold(Distance distance, float score, float threshold) {
        return distance.higherIsBetter() ? score > threshold : score < threshold;
    }

    /**
     * Orders two scores best first: negative when {@code left} ranks ahead of {@code right}. NaN
     * ranks last in either direction so that a corrupt vector can never crowd out real hits.
     */
    public static int compareBestFirst(Distance distance, float left, float right) {
        boolean leftNaN = Float.isNaN(left);
        boolean rightNaN = Float.isNaN(right);
        if (leftNaN || rightNaN) {
            return Boolean.compare(leftNaN, rightNaN);
        }
        return distance.higherIsBetter() ? Float.compare(right, left) : Float.compare(left, right);
    }

    /** A best-first comparator over anything that carries a score, e.g. scored points. */
    public static <T> Comparator<T> bestFirst(Distance distance, ToDoubleFunction<? super T> scoreOf) {
        Objects.requireNonNull(distance, "distance");
        Objects.requireNonNull(scoreOf, "scoreOf");
        return (left, right) -> compareBestFirst(
                distance, (float) scoreOf.applyAsDouble(left), (float) scoreOf.applyAsDouble(right));
    }
}
