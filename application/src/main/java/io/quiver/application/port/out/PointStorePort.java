package io.quiver.application.port.out;

/** Opens and drops the durable point storage of collections. */
public interface PointStorePort {

    /** The store of {@code collection}, created empty if it does not exist yet. */
    PointStore open(String collection);

    /** Deletes everything stored for {@code collection}; its store must be closed first. */
    void drop(String collection);
}
