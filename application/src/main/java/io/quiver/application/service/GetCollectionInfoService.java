package io.quiver.application.service;

import io.quiver.application.port.in.GetCollectionInfoUseCase;
import io.quiver.domain.collection.CollectionInfo;
import io.quiver.domain.collection.CollectionStatus;
import io.quiver.domain.collection.PayloadIndexInfo;
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
        Map<String, PayloadIndexInfo> schema = new java.util.TreeMap<>();
        collection.payloadIndexes().forEach((field, index) -> schema.put(field, new PayloadIndexInfo(
                index.schema().type().label(), index.schema().params(), index.indexedPoints())));
        long indexed = 0;
        boolean upToDate = true;
        for (var index : collection.vectorIndexes().values()) {
            indexed += index.indexedCount();
            upToDate &= index.upToDate();
        }
        return new CollectionInfo(upToDate ? CollectionStatus.GREEN : CollectionStatus.YELLOW, null, 1, points,
                indexed, collection.config(), schema);
    }
}
