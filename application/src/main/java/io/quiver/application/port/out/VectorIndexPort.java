package io.quiver.application.port.out;

import io.quiver.domain.vector.Distance;
import java.util.Objects;

/**
 * Opens the in-memory search structures of dense vector spaces: one per (collection, vector name).
 * Stored points remain the system of record; an index may persist its own structure to start fast.
 */
public interface VectorIndexPort {

    /** The index's shape, the collection's HNSW settings for it, and how it may compress its vectors. */
    record VectorIndexSpec(int dimension, Distance distance, int m, int efConstruct, Quantization quantization) {
        public VectorIndexSpec {
            Objects.requireNonNull(distance, "distance");
            Objects.requireNonNull(quantization, "quantization");
            if (dimension < 1 || m < 0 || efConstruct < 1) {
                throw new IllegalArgumentException("invalid index spec " + dimension + "/" + m + "/" + efConstruct);
            }
        }

        /** Without quantization. */
        public VectorIndexSpec(int dimension, Distance distance, int m, int efConstruct) {
            this(dimension, distance, m, efConstruct, Quantization.NONE);
        }

        /**
         * The quantization an index may apply. Results never depend on it beyond what an approximate search
         * may differ by: scores stay exact. An index that cannot quantize ignores it.
         */
        public record Quantization(Kind kind, float quantile) {

            public enum Kind {
                /** Full-precision vectors only. */
                NONE,
                /** One byte per dimension, scaled between the {@code quantile} bounds of the values (Qdrant's scalar int8). */
                SCALAR_INT8
            }

            public static final Quantization NONE = new Quantization(Kind.NONE, 1f);

            public Quantization {
                Objects.requireNonNull(kind, "kind");
                if (!(quantile >= 0.5f && quantile <= 1f)) {
                    throw new IllegalArgumentException("quantile must be from 0.5 to 1, got " + quantile);
                }
            }

            public static Quantization scalarInt8(float quantile) {
                return new Quantization(Kind.SCALAR_INT8, quantile);
            }

            public boolean quantized() {
                return kind != Kind.NONE;
            }
        }
    }

    /**
     * The index of one vector space, restored from its persisted form when that matches {@code spec},
     * otherwise empty. The caller then {@link VectorIndex#sync}s it with the stored points.
     */
    VectorIndex open(String collection, String vectorName, VectorIndexSpec spec);

    /** Deletes whatever was persisted for the vector space (after its index was closed). */
    void drop(String collection, String vectorName);
}
