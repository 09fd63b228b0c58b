package io.quiver.application.port.in;

import io.quiver.domain.collection.CollectionName;
import io.quiver.domain.collection.NewCollection;
import java.util.Objects;

/** Creates a collection; fails if the name is taken by a collection or an alias. */
public interface CreateCollectionUseCase {

    record CreateCollectionCommand(CollectionName name, NewCollection spec) {
        public CreateCollectionCommand {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(spec, "spec");
        }
    }

    boolean create(CreateCollectionCommand command);
}
