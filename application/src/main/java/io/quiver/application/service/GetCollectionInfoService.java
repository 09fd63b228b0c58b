package io.quiver.application.service;

import io.quiver.application.port.in.GetCollectionInfoUseCase;
import io.quiver.domain.collection.CollectionInfo;
import io.quiver.domain.collection.CollectionStatus;
import java.util.Map;

final class GetCollectionInfoService implements GetCollectionInfoUseCase {

    private final CollectionRegistry registry;

    GetCollectionInfoService(CollectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public CollectionInfo get(String collectionOrAlias) {
        LiveCollection collection = registry.resolve(collectionOrAlias);
        long points = collection.points().count();
        return new CollectionInfo(CollectionStatus.GREEN, null, 1, points, 0, collection.config(), Map.of());
    }
}
