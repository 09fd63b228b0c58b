package io.quiver.application.service;

import io.quiver.application.port.in.ListCollectionsUseCase;
import java.util.List;

final class ListCollectionsService implements ListCollectionsUseCase {

    private final CollectionRegistry registry;

    ListCollectionsService(CollectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<String> list() {
        return registry.names();
    }

    @Override
    public boolean exists(String collectionOrAlias) {
        return registry.find(collectionOrAlias).isPresent();
    }
}
