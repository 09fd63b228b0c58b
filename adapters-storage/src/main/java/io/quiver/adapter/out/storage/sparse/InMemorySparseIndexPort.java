package io.quiver.adapter.out.storage.sparse;

import io.quiver.application.port.out.SparseIndex;
import io.quiver.application.port.out.SparseIndexPort;

/**
 * Sparse indexes held in memory: inverted indexes that the application rebuilds from the stored points
 * at every start. Nothing is persisted, so dropping has nothing to delete.
 */
public final class InMemorySparseIndexPort implements SparseIndexPort {

    @Override
    public SparseIndex open(String collection, String vectorName) {
        return new InvertedSparseIndex();
    }

    @Override
    public void drop(String collection, String vectorName) {
        // nothing persisted
    }
}
