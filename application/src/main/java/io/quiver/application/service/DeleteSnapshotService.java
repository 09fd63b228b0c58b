package io.quiver.application.service;

import io.quiver.application.port.in.DeleteSnapshotUseCase;
import java.util.function.Supplier;

final class DeleteSnapshotService implements DeleteSnapshotUseCase {

    private final CollectionRegistry registry;
    private final Snapshots snapshots;

    DeleteSnapshotService(CollectionRegistry registry, Snapshots snapshots) {
        this.registry = registry;
        this.snapshots = snapshots;
    }

    @Override
    public Supplier<Boolean> delete(String collectionOrAlias, String snapshotName) {
        return deleteIn(registry.resolve(collectionOrAlias).name(), snapshotName);
    }

    @Override
    public Supplier<Boolean> deleteFull(String snapshotName) {
        return deleteIn(null, snapshotName);
    }

    private Supplier<Boolean> deleteIn(String collection, String snapshotName) {
        if (snapshots.storage().find(collection, snapshotName).isEmpty()) {
            throw Snapshots.notFound(snapshotName);
        }
        return () -> {
            if (!snapshots.storage().delete(collection, snapshotName)) {
                throw Snapshots.notFound(snapshotName);
            }
            return true;
        };
    }
}
