package io.quiver.application.port.out;

import io.quiver.domain.snapshot.SnapshotDescription;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The snapshots folder: where snapshot files are written, listed, read and deleted, and where snapshots
 * to recover are received or fetched. Collection snapshots live in a folder per collection, full-storage
 * snapshots at the top ({@code collection} null). Names and locations are confined to the folder: a name
 * that is not a plain file name of this folder is simply not found, and a location outside it is refused.
 */
public interface SnapshotStoragePort {

    /** A new snapshot file of {@code collection} (null: a full-storage snapshot), named as Qdrant names them. */
    SnapshotFile create(String collection);

    /** The snapshots of {@code collection} (null: full-storage snapshots) in name order. */
    List<SnapshotDescription> list(String collection);

    /** The snapshot {@code name} of {@code collection} (null: full), if there is such a file. */
    Optional<SnapshotDescription> find(String collection, String name);

    /** Opens the snapshot for reading; empty if there is no such file. */
    Optional<InputStream> open(String collection, String name);

    /** Deletes the snapshot and its checksum file; false if there was none. */
    boolean delete(String collection, String name);

    /** Takes in an uploaded snapshot: reads {@code content} to the end into a temporary file. */
    StagedSnapshot receive(InputStream content);

    /**
     * A snapshot at {@code location}: a {@code file://} URL inside the snapshots folder, or an
     * {@code http(s)} URL (downloaded, size-capped, when first read; {@code apiKey} sent as {@code api-key}
     * if not null). The location is checked here: another scheme, or a file outside the folder, is refused.
     */
    StagedSnapshot locate(String location, String apiKey);
}
