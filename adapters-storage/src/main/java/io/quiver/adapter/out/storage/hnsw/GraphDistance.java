package io.quiver.adapter.out.storage.hnsw;

import com.github.jelmerk.hnswlib.core.DistanceFunction;
import io.quiver.adapter.out.storage.simd.VectorMathProvider;
import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.VectorMath;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;

/**
 * The graph's distance on our SIMD kernels: smaller is closer. Cosine and Dot use {@code 1 - dot}
 * (Cosine vectors arrive normalised), Euclid the squared L2 distance (monotone in the real one, and no
 * square root per call), Manhattan the L1 distance. Scores reported to clients are recomputed exactly
 * with {@link io.quiver.domain.vector.Scoring}, so these only have to rank.
 *
 * <p>A class, not a lambda, because hnswlib saves it with the graph. Only the metric's label is
 * serialized; the kernels are looked up again on load.
 */
final class GraphDistance implements DistanceFunction<float[], Float> {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final int INNER_PRODUCT = 0;
    private static final int SQUARED_EUCLID = 1;
    private static final int MANHATTAN = 2;

    private final String metric;
    private final transient Distance distance;
    private final transient int kind;
    private final transient VectorMath math;

    GraphDistance(Distance distance) {
        this(distance, VectorMathProvider.best());
    }

    GraphDistance(Distance distance, VectorMath math) {
        this.metric = distance.label();
        this.distance = distance;
        this.math = math;
        this.kind = switch (distance) {
            case COSINE, DOT -> INNER_PRODUCT;
            case EUCLID -> SQUARED_EUCLID;
            case MANHATTAN -> MANHATTAN;
        };
    }

    Distance distance() {
        return distance;
    }

    @Override
    public Float distance(float[] u, float[] v) {
        return switch (kind) {
            case INNER_PRODUCT -> 1.0f - math.dot(u, v);
            case SQUARED_EUCLID -> math.squaredEuclid(u, v);
            default -> math.manhattan(u, v);
        };
    }

    @Serial
    private Object readResolve() throws ObjectStreamException {
        Distance d = metric == null ? null : Distance.fromLabel(metric).orElse(null);
        if (d == null) {
            throw new InvalidObjectException("unknown distance " + metric);
        }
        return new GraphDistance(d);
    }
}
