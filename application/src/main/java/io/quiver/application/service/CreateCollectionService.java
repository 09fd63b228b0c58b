package io.quiver.application.service;

import io.quiver.application.port.in.CreateCollectionUseCase;
import io.quiver.domain.collection.CollectionConfig;
import io.quiver.domain.error.AlreadyExistsException;

final class CreateCollectionService implements CreateCollectionUseCase {

    private final CollectionRegistry registry;

    CreateCollectionService(CollectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean create(CreateCollectionCommand command) {
        String name = command.name().value();
        CollectionConfig config = command.spec().toConfig();
        return registry.exclusively(() -> {
            if (registry.containsCollection(name)) {
                throw new AlreadyExistsException("Collection `" + name + "` already exists!");
            }
            if (registry.aliases().target(name) != null) {
                throw new AlreadyExistsException("Alias with the same name `" + name + "` already exists!");
            }
            registry.catalog().saveCollection(name, config);
            registry.add(name, config);
            return true;
        });
    }
}
