package io.quiver.application.port.out;

/**
 * Opens the inverted indexes of sparse vector spaces (Qdrant's sparse index): one per (collection,
 * vector name). Stored points remain the system of record: the caller fills a freshly opened index from
 * them and keeps it current with every write.
 */
public interface SparseIndexPort {

    /** The index of one sparse vector space, empty; the caller {@link SparseIndex#upsert}s the stored points. */
    SparseIndex open(String collection, String vectorName);

    /** Deletes whatever was kept for the vector space (after the collection or the vector name was removed). */
    void drop(String collection, String vectorName);
}
