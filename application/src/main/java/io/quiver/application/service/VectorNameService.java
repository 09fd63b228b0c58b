package io.quiver.application.service;

import io.quiver.application.port.in.ManageVectorNamesUseCase;
import io.quiver.application.port.out.PointStore.PointWrite;
import io.quiver.application.port.out.SparseIndex;
import io.quiver.application.port.out.VectorIndex;
import io.quiver.domain.collection.CollectionConfig;
import io.quiver.domain.collection.CollectionParams;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.update.UpdateResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class VectorNameService implements ManageVectorNamesUseCase {

    private final CollectionRegistry registry;

    VectorNameService(CollectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public UpdateResult createVectorName(String collectionName, String name, VectorSpace space, boolean wait) {
        return registry.exclusively(() -> {
            LiveCollection collection = registry.resolve(collectionName);
            collection.writeLock().lock();
            try {
                CollectionParams params = collection.config().params();
                CollectionParams updated = space.dense() != null ? params.withDenseVector(name, space.dense())
                        : params.withSparseVector(name, space.sparse());
                UpdateResult result = reconfigure(collection, collection.config().withParams(updated), List.of(), wait);
                if (space.dense() != null && VectorIndexes.indexable(space.dense())) {
                    registry.vectorIndexes().drop(collection.name(), name);
                    Map<String, VectorIndex> indexes = new LinkedHashMap<>(collection.vectorIndexes());
                    indexes.put(name, registry.vectorIndexes().open(collection.name(), name, space.dense(),
                            collection.config().hnswConfig(), collection.config().quantizationConfig()));
                    collection.replaceVectorIndexes(indexes);
                }
                if (space.sparse() != null) {
                    registry.sparseIndexes().drop(collection.name(), name);
                    Map<String, SparseIndex> indexes = new LinkedHashMap<>(collection.sparseIndexes());
                    indexes.put(name, registry.sparseIndexes().open(collection.name(), name));
                    collection.replaceSparseIndexes(indexes);
                }
                return result;
            } finally {
                collection.writeLock().unlock();
            }
        });
    }

    @Override
    public UpdateResult deleteVectorName(String collectionName, String name, boolean wait) {
        return registry.exclusively(() -> {
            LiveCollection collection = registry.resolve(collectionName);
            collection.writeLock().lock();
            try {
                CollectionConfig updated = collection.config().withParams(collection.config().params().withoutVector(name));
                List<PointWrite> writes = new ArrayList<>();
                collection.points().scan(null, p -> {
                    if (p.hasVector(name)) {
                        Map<String, VectorData> remaining = new LinkedHashMap<>(p.vectors());
                        remaining.remove(name);
                        writes.add(new PointWrite.Put(new Point(p.id(), remaining, p.payload())));
                    }
                    return true;
                });
                UpdateResult result = reconfigure(collection, updated, writes, wait);
                VectorIndex index = collection.vectorIndexes().get(name);
                if (index != null) {
                    Map<String, VectorIndex> indexes = new LinkedHashMap<>(collection.vectorIndexes());
                    indexes.remove(name);
                    collection.replaceVectorIndexes(indexes);
                    index.close();
                    registry.vectorIndexes().drop(collection.name(), name);
                }
                if (collection.sparseIndexes().containsKey(name)) {
                    Map<String, SparseIndex> indexes = new LinkedHashMap<>(collection.sparseIndexes());
                    indexes.remove(name);
                    collection.replaceSparseIndexes(indexes);
                    registry.sparseIndexes().drop(collection.name(), name);
                }
                return result;
            } finally {
                collection.writeLock().unlock();
            }
        });
    }

    /** Stores the points first, then the configuration, so that no stored point ever names a missing space. */
    private UpdateResult reconfigure(LiveCollection collection, CollectionConfig config, List<PointWrite> writes,
                                     boolean wait) {
        long operationId = collection.nextOperationId();
        collection.points().write(writes, operationId);
        registry.catalog().saveCollection(collection.name(), config);
        collection.reconfigure(config);
        return new UpdateResult(operationId, wait ? UpdateResult.Status.COMPLETED : UpdateResult.Status.ACKNOWLEDGED);
    }
}
