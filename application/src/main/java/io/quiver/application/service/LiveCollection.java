package io.quiver.application.service;

import io.quiver.application.port.out.PointStore;
import io.quiver.domain.collection.CollectionConfig;
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
    private long lastOperationId;

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

    ReentrantLock writeLock() {
        return writeLock;
    }

    /** The id of the next write; call with the write lock held. */
    long nextOperationId() {
        return ++lastOperationId;
    }
}
