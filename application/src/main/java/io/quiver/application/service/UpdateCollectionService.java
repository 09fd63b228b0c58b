package io.quiver.application.service;

import io.quiver.application.port.in.UpdateCollectionUseCase;
import io.quiver.domain.collection.CollectionConfig;

final class UpdateCollectionService implements UpdateCollectionUseCase {

    private final CollectionRegistry registry;

    UpdateCollectionService(CollectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean update(UpdateCollectionCommand command) {
        return registry.exclusively(() -> {
            LiveCollection collection = registry.resolve(command.collectionOrAlias());
            CollectionConfig updated = collection.config().update(command.update());
            registry.catalog().saveCollection(collection.name(), updated);
            collection.reconfigure(updated);
            return true;
        });
    }
}
