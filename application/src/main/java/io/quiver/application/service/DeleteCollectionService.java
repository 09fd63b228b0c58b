package io.quiver.application.service;

import io.quiver.application.port.in.DeleteCollectionUseCase;
import io.quiver.domain.collection.AliasTable;

final class DeleteCollectionService implements DeleteCollectionUseCase {

    private final CollectionRegistry registry;

    DeleteCollectionService(CollectionRegistry registry) {
        this.registry = registry;
    }

    /** Like Qdrant, deletes only a collection of exactly this name: an alias's target is left alone. */
    @Override
    public boolean delete(String name) {
        return registry.exclusively(() -> registry.findCollection(name).map(collection -> {
            AliasTable remaining = registry.aliases().withoutCollection(collection.name());
            registry.catalog().deleteCollection(collection.name(), remaining);
            registry.remove(collection.name());
            registry.replaceAliases(remaining);
            return true;
        }).orElse(false));
    }
}
