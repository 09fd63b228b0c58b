package io.quiver.domain.query;

import io.quiver.domain.point.VectorData;
import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.Scoring;
import io.quiver.domain.vector.VectorMath;
import java.util.Map;

/**
 * Similarities beyond one dense pair: sparse dot products (with optional IDF weights), multivector
 * max-sim, and Qdrant's internal "higher is better" form of a dense score that the recommend, discover
 * and context formulas combine (distances enter negated, Euclid as the negated squared distance).
 */
public final class Similarity {

    private final Scoring scoring;
    private final VectorMath math;

    public Similarity(VectorMath math) {
        this.math = math;
        this.scoring = new Scoring(math);
    }

    public Scoring scoring() {
        return scoring;
    }

    /** Qdrant's reported score for two preprocessed dense vectors. */
    public float score(Distance distance, float[] a, float[] b) {
        return scoring.score(distance, a, b);
    }

    /** The internal similarity: higher is always better. */
    public float internal(Distance distance, float[] a, float[] b) {
        return switch (distance) {
            case COSINE, DOT -> math.dot(a, b);
            case EUCLID -> -math.squaredEuclid(a, b);
            case MANHATTAN -> -math.manhattan(a, b);
        };
    }

    /** Turns an internal similarity back into the score Qdrant reports. */
    public static float report(Distance distance, float internal) {
        return switch (distance) {
            case COSINE, DOT -> internal;
            case EUCLID -> (float) Math.sqrt(Math.abs(internal));
            case MANHATTAN -> Math.abs(internal);
        };
    }

    /** Dot product over shared indices; {@code idf} (nullable) weighs each index of the query. */
    public static float sparseDot(VectorData.Sparse query, VectorData.Sparse stored, Map<Integer, Float> idf) {
        int[] qi = query.indices();
        int[] si = stored.indices();
        float[] qv = query.values();
        float[] sv = stored.values();
        float sum = 0;
        int a = 0;
        int b = 0;
        while (a < qi.length && b < si.length) {
            int c = Integer.compareUnsigned(qi[a], si[b]);
            if (c == 0) {
                float weight = idf == null ? 1f : idf.getOrDefault(qi[a], 1f);
                sum += qv[a] * sv[b] * weight;
                a++;
                b++;
            } else if (c < 0) {
                a++;
            } else {
                b++;
            }
        }
        return sum;
    }

    /** Whether the two sparse vectors share any index (Qdrant only scores points that do). */
    public static boolean overlaps(VectorData.Sparse query, VectorData.Sparse stored) {
        int[] qi = query.indices();
        int[] si = stored.indices();
        int a = 0;
        int b = 0;
        while (a < qi.length && b < si.length) {
            int c = Integer.compareUnsigned(qi[a], si[b]);
            if (c == 0) {
                return true;
            }
            if (c < 0) {
                a++;
            } else {
                b++;
            }
        }
        return false;
    }

    /** ColBERT-style late interaction: for each query row, the best reported score against any stored row, summed. */
    public float maxSim(Distance distance, float[][] query, float[][] stored) {
        float sum = 0;
        for (float[] q : query) {
            float best = Float.NaN;
            for (float[] s : stored) {
                float score = scoring.score(distance, q, s);
                if (Float.isNaN(best) || Scoring.compareBestFirst(distance, score, best) < 0) {
                    best = score;
                }
            }
            sum += best;
        }
        return sum;
    }

    /** IDF as Qdrant computes it for the idf modifier: ln(1 + (N - n + 0.5) / (n + 0.5)). */
    public static float idf(long pointsWithVector, long pointsWithIndex) {
        double n = pointsWithIndex;
        return (float) Math.log(1 + (pointsWithVector - n + 0.5) / (n + 0.5));
    }
}
