package io.quiver.application.port.out;

/** Opens and drops the durable point storage of collections. */
public interface PointStorePort {

    /** The store of {@code collection}, created empty if it does not exist yet. */
    PointStore open(String collection);

    /** Deletes everything stored for {@code collection}; its store must be closed first. */
    void drop(String collection);

    /**
     * Makes what is stored for {@code from} the storage of {@code to}, which must hold nothing. A store
     * still open on {@code from} keeps serving reads of the data it opened. Used to swap in a collection
     * built apart (a snapshot being recovered); storages that cannot do this refuse.
     */
    default void move(String from, String to) {
        throw new UnsupportedOperationException("this point storage cannot move a collection's data");
    }
}
