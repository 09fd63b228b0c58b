package io.quiver.application.service;

import io.quiver.application.port.in.UpdateAliasesUseCase;
import io.quiver.domain.collection.AliasTable;
import java.util.Set;

final class UpdateAliasesService implements UpdateAliasesUseCase {

    private final CollectionRegistry registry;

    UpdateAliasesService(CollectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean apply(UpdateAliasesCommand command) {
        return registry.exclusively(() -> {
            AliasTable next = registry.aliases().apply(command.operations(), Set.copyOf(registry.names()));
            registry.catalog().saveAliases(next);
            registry.replaceAliases(next);
            return true;
        });
    }
}
