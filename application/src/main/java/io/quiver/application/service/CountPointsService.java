package io.quiver.application.service;

import io.quiver.application.port.in.CountPointsUseCase;
import io.quiver.domain.filter.Filter;

final class CountPointsService implements CountPointsUseCase {

    private final CollectionRegistry registry;

    CountPointsService(CollectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public long count(String collectionName, Filter filter, boolean exact) {
        LiveCollection collection = registry.resolve(collectionName);
        return FilteredPoints.count(collection, filter);
    }
}
