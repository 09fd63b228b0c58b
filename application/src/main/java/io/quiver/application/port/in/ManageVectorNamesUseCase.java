package io.quiver.application.port.in;

import io.quiver.domain.collection.SparseVectorParams;
import io.quiver.domain.collection.VectorParams;
import io.quiver.domain.update.UpdateResult;

/** Adds a named vector space to a collection, or removes one together with every point's vector in it. */
public interface ManageVectorNamesUseCase {

    /** What the new space is: exactly one of the two is non-null. */
    record VectorSpace(VectorParams dense, SparseVectorParams sparse) {
        public VectorSpace {
            if ((dense == null) == (sparse == null)) {
                throw new IllegalArgumentException("exactly one of dense and sparse must be given");
            }
        }
    }

    UpdateResult createVectorName(String collection, String name, VectorSpace space, boolean waitForResult);

    UpdateResult deleteVectorName(String collection, String name, boolean waitForResult);
}
