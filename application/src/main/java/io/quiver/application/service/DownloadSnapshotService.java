package io.quiver.application.service;

import io.quiver.application.port.in.DownloadSnapshotUseCase;
import io.quiver.domain.snapshot.SnapshotDescription;
import java.io.InputStream;

final class DownloadSnapshotService implements DownloadSnapshotUseCase {

    private final CollectionRegistry registry;
    private final Snapshots snapshots;

    DownloadSnapshotService(CollectionRegistry registry, Snapshots snapshots) {
        this.registry = registry;
        this.snapshots = snapshots;
    }

    @Override
    public SnapshotDownload open(String collectionOrAlias, String snapshotName) {
        return openIn(registry.resolve(collectionOrAlias).name(), snapshotName);
    }

    @Override
    public SnapshotDownload openFull(String snapshotName) {
        return openIn(null, snapshotName);
    }

    private SnapshotDownload openIn(String collection, String snapshotName) {
        SnapshotDescription description = snapshots.storage().find(collection, snapshotName)
                .orElseThrow(() -> Snapshots.notFound(snapshotName));
        InputStream content = snapshots.storage().open(collection, snapshotName)
                .orElseThrow(() -> Snapshots.notFound(snapshotName));
        return new SnapshotDownload(description.name(), description.size(), content);
    }
}
