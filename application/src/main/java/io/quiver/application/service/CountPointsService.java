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
        if (filter == null) {
            return collection.points().count();
        }
        long[] n = {0};
        collection.points().scan(null, p -> {
            if (PointViews.matches(filter, p)) {
                n[0]++;
            }
            return true;
        });
        return n[0];
    }
}
