package io.quiver.application.service;

import io.quiver.application.port.out.SnapshotArchivePort;
import io.quiver.application.port.out.SnapshotStoragePort;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.error.NotFoundException;

/** The snapshot ports, or a refusal when the server was built without them. */
final class Snapshots {

    private final SnapshotArchivePort archives;
    private final SnapshotStoragePort storage;

    Snapshots(SnapshotArchivePort archives, SnapshotStoragePort storage) {
        this.archives = archives;
        this.storage = storage;
    }

    SnapshotArchivePort archives() {
        requireAvailable();
        return archives;
    }

    SnapshotStoragePort storage() {
        requireAvailable();
        return storage;
    }

    private void requireAvailable() {
        if (archives == null || storage == null) {
            throw new BadRequestException("snapshots are not available on this server");
        }
    }

    /** Qdrant's answer for a snapshot name that names no snapshot file (or nothing a name may name). */
    static NotFoundException notFound(String snapshotName) {
        return new NotFoundException("Snapshot " + snapshotName + " not found");
    }
}
