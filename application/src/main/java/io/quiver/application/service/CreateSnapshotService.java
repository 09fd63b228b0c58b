package io.quiver.application.service;

import io.quiver.application.port.in.CreateSnapshotUseCase;
import io.quiver.application.port.out.PointStore;
import io.quiver.application.port.out.SnapshotArchivePort.CollectionSection;
import io.quiver.application.port.out.SnapshotArchivePort.Header;
import io.quiver.application.port.out.SnapshotArchivePort.Kind;
import io.quiver.application.port.out.SnapshotArchiveWriter;
import io.quiver.application.port.out.SnapshotFile;
import io.quiver.domain.collection.Alias;
import io.quiver.domain.snapshot.SnapshotDescription;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes snapshot archives into the snapshots folder. Each collection is written with its write lock
 * held: writes to it wait (reads go on), so the archive holds every point exactly as one write left it.
 * A full snapshot takes the collections one after another.
 */
final class CreateSnapshotService implements CreateSnapshotUseCase {

    private final CollectionRegistry registry;
    private final Snapshots snapshots;

    CreateSnapshotService(CollectionRegistry registry, Snapshots snapshots) {
        this.registry = registry;
        this.snapshots = snapshots;
    }

    @Override
    public Supplier<SnapshotDescription> create(String collectionOrAlias) {
        snapshots.storage();
        LiveCollection collection = registry.resolve(collectionOrAlias);
        return () -> write(collection.name(), Kind.COLLECTION, List.of(collection.name()));
    }

    @Override
    public Supplier<SnapshotDescription> createFull() {
        snapshots.storage();
        return () -> write(null, Kind.FULL, registry.names());
    }

    @Override
    public Consumer<OutputStream> stream(String collectionOrAlias) {
        snapshots.archives();
        LiveCollection collection = registry.resolve(collectionOrAlias);
        return out -> writeArchive(out, Kind.COLLECTION, List.of(collection.name()));
    }

    private SnapshotDescription write(String folder, Kind kind, List<String> collections) {
        SnapshotFile file = snapshots.storage().create(folder);
        try {
            writeArchive(file.out(), kind, collections);
            return file.commit();
        } catch (RuntimeException | Error e) {
            file.abort();
            throw e;
        }
    }

    private void writeArchive(OutputStream out, Kind kind, List<String> collections) {
        SnapshotArchiveWriter writer = snapshots.archives().writer(out, new Header(kind, Instant.now()));
        for (String name : collections) {
            LiveCollection collection = registry.findCollection(name).orElse(null);
            boolean written = collection != null && writeSection(writer, collection, kind == Kind.FULL);
            if (!written && kind == Kind.COLLECTION) {
                throw CollectionRegistry.notFound(name); // deleted while we were getting ready
            }
        }
        writer.finish();
    }

    /** One collection's section, with its writes held off; false if it was deleted or replaced meanwhile. */
    private boolean writeSection(SnapshotArchiveWriter writer, LiveCollection collection, boolean withAliases) {
        collection.writeLock().lock();
        try {
            if (registry.findCollection(collection.name()).orElse(null) != collection) {
                return false;
            }
            PointStore points = collection.points();
            List<String> aliases = withAliases
                    ? registry.aliases().of(collection.name()).stream().map(Alias::aliasName).toList()
                    : List.of();
            writer.beginCollection(new CollectionSection(collection.name(), collection.config(),
                    points.payloadIndexes(), aliases, points.count(), points.lastOperationId()));
            points.scan(null, point -> {
                writer.point(point);
                return true;
            });
            return true;
        } finally {
            collection.writeLock().unlock();
        }
    }
}
