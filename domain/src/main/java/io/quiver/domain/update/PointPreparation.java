package io.quiver.domain.update;

import io.quiver.domain.collection.CollectionParams;
import io.quiver.domain.collection.SparseVectorParams;
import io.quiver.domain.collection.VectorParams;
import io.quiver.domain.error.BadInputException;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.vector.Scoring;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks a point's vectors against the collection's vector spaces and brings them into stored form
 * (Cosine vectors are normalised on write, as Qdrant does), so that stored points are always valid.
 */
public final class PointPreparation {

    private final Scoring scoring;

    public PointPreparation(Scoring scoring) {
        this.scoring = scoring;
    }

    public Point prepare(Point point, CollectionParams params) {
        return point.withVectors(prepareVectors(point.vectors(), params));
    }

    public Map<String, VectorData> prepareVectors(Map<String, VectorData> vectors, CollectionParams params) {
        Map<String, VectorData> prepared = new LinkedHashMap<>();
        vectors.forEach((name, data) -> prepared.put(name, prepareOne(name, data, params)));
        return prepared;
    }

    private VectorData prepareOne(String name, VectorData data, CollectionParams params) {
        VectorParams dense = params.vectors().byName().get(name);
        if (dense != null) {
            return prepareDense(name, data, dense);
        }
        SparseVectorParams sparse = params.sparseVectorsOrEmpty().get(name);
        if (sparse != null) {
            if (data instanceof VectorData.Sparse s) {
                checkFinite(s.values());
                return s;
            }
            throw new BadInputException("Conversion between sparse and regular vectors failed for vector `" + name + "`");
        }
        throw new BadInputException("Not existing vector name error: " + name);
    }

    private VectorData prepareDense(String name, VectorData data, VectorParams params) {
        int size = (int) params.size();
        if (params.multivector() != null) {
            VectorData.Multi multi = switch (data) {
                case VectorData.Multi m -> m;
                case VectorData.Dense d -> throw new BadInputException(
                        "Conversion between multi and regular vectors failed for vector `" + name + "`");
                case VectorData.Sparse s -> throw new BadInputException(
                        "Conversion between sparse and regular vectors failed for vector `" + name + "`");
            };
            float[][] rows = new float[multi.vectors().length][];
            for (int i = 0; i < rows.length; i++) {
                checkDim(multi.vectors()[i].length, size);
                checkFinite(multi.vectors()[i]);
                rows[i] = scoring.preprocess(params.distance(), storedForm(multi.vectors()[i], params));
            }
            return new VectorData.Multi(rows);
        }
        return switch (data) {
            case VectorData.Dense d -> {
                checkDim(d.values().length, size);
                checkFinite(d.values());
                yield new VectorData.Dense(scoring.preprocess(params.distance(), storedForm(d.values(), params)));
            }
            case VectorData.Multi m -> throw new BadInputException(
                    "Conversion between multi and regular vectors failed for vector `" + name + "`");
            case VectorData.Sparse s -> throw new BadInputException(
                    "Conversion between sparse and regular vectors failed for vector `" + name + "`");
        };
    }

    /**
     * The values a vector space of this datatype can hold, as Qdrant converts them on write: float16
     * rounds to half precision, uint8 truncates and saturates to 0..255 (NaN becomes 0).
     */
    static float[] storedForm(float[] values, VectorParams params) {
        return switch (params.effectiveDatatype()) {
            case FLOAT16 -> {
                float[] out = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    out[i] = Float.float16ToFloat(Float.floatToFloat16(values[i]));
                }
                yield out;
            }
            case UINT8 -> {
                float[] out = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    float v = values[i];
                    out[i] = Float.isNaN(v) ? 0 : Math.max(0, Math.min(255, (float) Math.floor(Math.abs(v)) * Math.signum(v)));
                }
                yield out;
            }
            default -> values;
        };
    }

    private static void checkDim(int got, int expected) {
        if (got != expected) {
            throw new BadInputException("Vector dimension error: expected dim: " + expected + ", got " + got);
        }
    }

    private static void checkFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new BadInputException("Vector contains NaN or infinite values");
            }
        }
    }
}
