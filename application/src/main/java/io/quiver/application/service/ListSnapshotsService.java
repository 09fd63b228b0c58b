package io.quiver.application.service;

import io.quiver.application.port.in.ListSnapshotsUseCase;
import io.quiver.domain.snapshot.SnapshotDescription;
import java.util.List;

final class ListSnapshotsService implements ListSnapshotsUseCase {

    private final CollectionRegistry registry;
    private final Snapshots snapshots;

    ListSnapshotsService(CollectionRegistry registry, Snapshots snapshots) {
        this.registry = registry;
        this.snapshots = snapshots;
    }

    @Override
    public List<SnapshotDescription> list(String collectionOrAlias) {
        String collection = registry.resolve(collectionOrAlias).name();
        return snapshots.storage().list(collection);
    }

    @Override
    public List<SnapshotDescription> listFull() {
        return snapshots.storage().list(null);
    }
}
