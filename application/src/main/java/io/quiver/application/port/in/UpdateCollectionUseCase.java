package io.quiver.application.port.in;

import io.quiver.domain.collection.CollectionUpdate;
import java.util.Objects;

/** Changes the tunable parts of a collection's configuration (PATCH). */
public interface UpdateCollectionUseCase {

    record UpdateCollectionCommand(String collectionOrAlias, CollectionUpdate update) {
        public UpdateCollectionCommand {
            Objects.requireNonNull(collectionOrAlias, "collectionOrAlias");
            Objects.requireNonNull(update, "update");
        }
    }

    boolean update(UpdateCollectionCommand command);
}
