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

    @Override
    public List<Alias> listFor(String collectionOrAlias) {
        LiveCollection collection = registry.resolve(collectionOrAlias);
        return registry.aliases().of(collection.name());
    }
}
