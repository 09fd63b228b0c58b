package io.quiver.application.service;

import io.quiver.application.port.out.PayloadIndex;
import io.quiver.application.port.out.PointStore;
import io.quiver.application.port.out.PointStore.PointWrite;
import io.quiver.application.port.out.SparseIndex;
import io.quiver.application.port.out.VectorIndex;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.collection.CollectionConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A collection as the running server holds it: name, current configuration, its point store, and the
 * lock that keeps its writes in one order (one writer per collection, as Qdrant's update worker).
 */
final class LiveCollection {

    private final String name;
    private final PointStore points;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile CollectionConfig config;
    private volatile Map<String, PayloadIndex> payloadIndexes = Map.of();
    private volatile Map<String, VectorIndex> vectorIndexes = Map.of();
    private volatile Map<String, SparseIndex> sparseIndexes = Map.of();
    private long lastOperationId;
    private volatile boolean retired;

    LiveCollection(String name, CollectionConfig config, PointStore points) {
        this.name = name;
        this.config = config;
        this.points = points;
        this.lastOperationId = points.lastOperationId();
    }

    String name() {
        return name;
    }

    CollectionConfig config() {
        return config;
    }

    PointStore points() {
        return points;
    }

    void reconfigure(CollectionConfig newConfig) {
        this.config = newConfig;
    }

    /** The payload indexes by field name; replaced whole, never mutated, so readers need no lock. */
    Map<String, PayloadIndex> payloadIndexes() {
        return payloadIndexes;
    }

    void replacePayloadIndexes(Map<String, PayloadIndex> indexes) {
        this.payloadIndexes = Map.copyOf(indexes);
    }

    /** Brings every payload index up to date with writes that were just stored. */
    void indexWrites(List<PointWrite> writes) {
        Map<String, PayloadIndex> indexes = payloadIndexes;
        if (indexes.isEmpty()) {
            return;
        }
        for (PointWrite w : writes) {
            for (PayloadIndex index : indexes.values()) {
                switch (w) {
                    case PointWrite.Put put -> index.put(put.point().id(), put.point().payload());
                    case PointWrite.Remove remove -> index.remove(remove.id());
                }
            }
        }
    }

    /** The dense vector indexes by vector name (multivector spaces have none). */
    Map<String, VectorIndex> vectorIndexes() {
        return vectorIndexes;
    }

    void replaceVectorIndexes(Map<String, VectorIndex> indexes) {
        this.vectorIndexes = Map.copyOf(indexes);
    }

    /** The sparse (inverted) indexes by vector name; replaced whole, never mutated. */
    Map<String, SparseIndex> sparseIndexes() {
        return sparseIndexes;
    }

    void replaceSparseIndexes(Map<String, SparseIndex> indexes) {
        this.sparseIndexes = Map.copyOf(indexes);
    }

    /** Brings every vector index, dense and sparse, up to date with writes just stored under {@code operationId}. */
    void indexVectors(List<PointWrite> writes, long operationId) {
        indexSparseVectors(writes);
        Map<String, VectorIndex> indexes = vectorIndexes;
        for (PointWrite w : writes) {
            indexes.forEach((name, index) -> {
                switch (w) {
                    case PointWrite.Put put -> {
                        if (put.point().vectors().get(name) instanceof VectorData.Dense d) {
                            index.upsert(put.point().id(), d.values(), operationId);
                        } else {
                            index.remove(put.point().id());
                        }
                    }
                    case PointWrite.Remove remove -> index.remove(remove.id());
                }
            });
        }
    }

    private void indexSparseVectors(List<PointWrite> writes) {
        Map<String, SparseIndex> indexes = sparseIndexes;
        if (indexes.isEmpty()) {
            return;
        }
        for (PointWrite w : writes) {
            indexes.forEach((name, index) -> {
                switch (w) {
                    case PointWrite.Put put -> {
                        if (put.point().vectors().get(name) instanceof VectorData.Sparse s) {
                            index.upsert(put.point().id(), s);
                        } else {
                            index.remove(put.point().id());
                        }
                    }
                    case PointWrite.Remove remove -> index.remove(remove.id());
                }
            });
        }
    }

    ReentrantLock writeLock() {
        return writeLock;
    }

    /** Marks the collection deleted or replaced; call with the write lock held, before its store closes. */
    void retire() {
        retired = true;
    }

    /** True once the collection was deleted or replaced: a writer that waited for it must not write. */
    boolean retired() {
        return retired;
    }

    /** The id of the next write; call with the write lock held. */
    long nextOperationId() {
        return ++lastOperationId;
    }
}
