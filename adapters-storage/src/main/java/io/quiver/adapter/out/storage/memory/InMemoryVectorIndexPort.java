package io.quiver.adapter.out.storage.memory;

import io.quiver.adapter.out.storage.simd.VectorMathProvider;
import io.quiver.adapter.out.storage.vector.ExactVectorIndex;
import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndexPort;

/**
 * Vector indexes that search exactly and persist nothing: the reference behaviour every graph index is
 * checked against, and a fine choice for small collections and tests.
 */
public final class InMemoryVectorIndexPort implements VectorIndexPort {

    @Override
    public VectorIndex open(String collection, String vectorName, VectorIndexSpec spec) {
        return new ExactVectorIndex(spec, VectorMathProvider.best());
    }

    @Override
    public void drop(String collection, String vectorName) {
        // nothing persisted
    }
}
