package io.quiver.application.service;

import io.quiver.application.port.in.ListAliasesUseCase;
import io.quiver.domain.collection.Alias;
import java.util.List;

final class ListAliasesService implements ListAliasesUseCase {

    private final CollectionRegistry registry;

    ListAliasesService(CollectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<Alias> listAll() {
        return registry.aliases().all();
    }

    /** As in Qdrant, the aliases of exactly this collection name: empty for an unknown name or an alias. */
    @Override
    public List<Alias> listFor(String collectionName) {
        return registry.aliases().of(collectionName);
    }
}
