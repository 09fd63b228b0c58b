package io.quiver.application.service;

import io.quiver.application.port.in.ManagePayloadIndexesUseCase;
import io.quiver.application.port.out.PayloadIndex;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.update.UpdateResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class PayloadIndexService implements ManagePayloadIndexesUseCase {

    private final CollectionRegistry registry;

    PayloadIndexService(CollectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public UpdateResult createIndex(CreateFieldIndexCommand command) {
        LiveCollection collection = registry.lockForWriting(command.collection());
        try {
            PayloadFieldSchema schema = command.schema();
            PayloadIndex index = PayloadIndexing.build(registry.indexPort(), collection.points(), schema);
            Map<String, PayloadIndex> indexes = new LinkedHashMap<>(collection.payloadIndexes());
            indexes.put(schema.fieldName(), index);
            return persist(collection, indexes, command.waitForResult());
        } finally {
            collection.writeLock().unlock();
        }
    }

    @Override
    public UpdateResult deleteIndex(String collectionName, String fieldName, boolean waitForResult) {
        LiveCollection collection = registry.lockForWriting(collectionName);
        try {
            Map<String, PayloadIndex> indexes = new LinkedHashMap<>(collection.payloadIndexes());
            indexes.remove(fieldName);
            return persist(collection, indexes, waitForResult);
        } finally {
            collection.writeLock().unlock();
        }
    }

    private static UpdateResult persist(LiveCollection collection, Map<String, PayloadIndex> indexes, boolean wait) {
        List<PayloadFieldSchema> schemas = new ArrayList<>();
        indexes.values().forEach(i -> schemas.add(i.schema()));
        long operationId = collection.nextOperationId();
        collection.points().savePayloadIndexes(schemas, operationId);
        collection.replacePayloadIndexes(indexes);
        return new UpdateResult(operationId, wait ? UpdateResult.Status.COMPLETED : UpdateResult.Status.ACKNOWLEDGED);
    }
}
