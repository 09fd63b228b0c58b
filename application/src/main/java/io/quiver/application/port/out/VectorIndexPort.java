package io.quiver.application.port.out;

import io.quiver.domain.vector.Distance;
import java.util.Objects;

/**
 * Opens the in-memory search structures of dense vector spaces: one per (collection, vector name).
 * Stored points remain the system of record; an index may persist its own structure to start fast.
 */
public interface VectorIndexPort {

    /** The index's shape and the collection's HNSW settings for it. */
    record VectorIndexSpec(int dimension, Distance distance, int m, int efConstruct) {
        public VectorIndexSpec {
            Objects.requireNonNull(distance, "distance");
            if (dimension < 1 || m < 0 || efConstruct < 1) {
                throw new IllegalArgumentException("invalid index spec " + dimension + "/" + m + "/" + efConstruct);
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
