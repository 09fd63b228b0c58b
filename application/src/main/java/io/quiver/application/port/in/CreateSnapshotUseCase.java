package io.quiver.application.port.in;

import io.quiver.domain.snapshot.SnapshotDescription;
import java.io.OutputStream;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes snapshots: one collection, or the whole storage (every collection and the aliases). Each call
 * checks its input at once (an unknown collection fails here) and returns the work itself, which the
 * caller runs now ({@code wait=true}) or in the background ({@code wait=false}).
 *
 * <p>A collection's snapshot is consistent: it is written while the collection's writes wait, so every
 * point is in it whole, as one write left it, or not at all. Reads go on meanwhile.
 */
public interface CreateSnapshotUseCase {

    /** The snapshot of the collection {@code collectionOrAlias} names. */
    Supplier<SnapshotDescription> create(String collectionOrAlias);

    /** A full-storage snapshot: every collection with its aliases, one collection after another. */
    Supplier<SnapshotDescription> createFull();

    /**
     * The snapshot of a collection written straight to a stream (which the writer flushes, not closes) and
     * stored nowhere, as Qdrant streams a shard snapshot.
     */
    Consumer<OutputStream> stream(String collectionOrAlias);
}
