package io.quiver.application.service;

import io.quiver.application.port.in.RecoverSnapshotUseCase;
import io.quiver.application.port.out.PointStore;
import io.quiver.application.port.out.SnapshotArchivePort.CollectionSection;
import io.quiver.application.port.out.SnapshotArchiveReader;
import io.quiver.application.port.out.StagedSnapshot;
import io.quiver.domain.collection.AliasTable;
import io.quiver.domain.collection.CollectionConfig;
import io.quiver.domain.collection.SparseVectorParams;
import io.quiver.domain.collection.VectorParams;
import io.quiver.domain.error.AlreadyExistsException;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.error.ChecksumMismatchException;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.VectorData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Recovers a collection from a snapshot archive. The points go into a point store under a staging name
 * first, each checked against the archived configuration; only a complete, valid collection is swapped
 * in (replacing one of that name), together with its payload index definitions and, from a full
 * snapshot, its aliases. Vector, sparse and payload indexes are then rebuilt from the points.
 */
final class RecoverSnapshotService implements RecoverSnapshotUseCase {

    private static final int BATCH = 256;

    private final CollectionRegistry registry;
    private final Snapshots snapshots;

    RecoverSnapshotService(CollectionRegistry registry, Snapshots snapshots) {
        this.registry = registry;
        this.snapshots = snapshots;
    }

    @Override
    public Supplier<Boolean> recover(RecoverSnapshotCommand command) {
        String requested = command.collection().value();
        String checksum = command.checksum() == null ? null : command.checksum().trim().toLowerCase(Locale.ROOT);
        StagedSnapshot staged = switch (command.source()) {
            case Source.Upload upload -> snapshots.storage().receive(upload.content());
            case Source.Location location -> snapshots.storage().locate(location.uri(), location.apiKey());
        };
        return () -> {
            try (staged) {
                if (checksum != null) {
                    String actual = staged.sha256();
                    if (!actual.equals(checksum)) {
                        throw new ChecksumMismatchException(checksum, actual);
                    }
                }
                recoverFrom(staged, requested);
                return true;
            }
        };
    }

    private void recoverFrom(StagedSnapshot staged, String requested) {
        try (InputStream in = staged.open()) {
            SnapshotArchiveReader reader = snapshots.archives().reader(in);
            // an alias recovers the collection it names, as Qdrant resolves it
            String target = registry.find(requested).map(LiveCollection::name).orElse(requested);
            CollectionSection section = select(reader, requested, target);
            String stagingName = CollectionRegistry.stagingName();
            PointStore store = registry.pointStores().open(stagingName);
            boolean swapped = false;
            try {
                fill(store, reader, section);
                store.close();
                // read the rest too: an archive damaged anywhere is refused before anything changes
                while (reader.nextCollection() != null) {
                    // skipped; the reader checks each entry and the archive's end
                }
                registry.exclusively(() -> {
                    if (!registry.containsCollection(target) && registry.aliases().target(target) != null) {
                        throw new AlreadyExistsException("Alias with the same name `" + target + "` already exists!");
                    }
                    registry.replace(target, stagingName, section.config());
                    restoreAliases(target, section.aliases());
                    return null;
                });
                swapped = true;
            } finally {
                if (!swapped) {
                    store.close();
                    registry.pointStores().drop(stagingName);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the snapshot: " + e.getMessage(), e);
        }
    }

    /**
     * The section to recover: the only one of a collection snapshot (whatever its name, as Qdrant recovers
     * a snapshot under any name), or the one named like the target in a full snapshot.
     */
    private static CollectionSection select(SnapshotArchiveReader reader, String requested, String target) {
        CollectionSection first = reader.nextCollection();
        if (first == null) {
            throw new BadRequestException("the snapshot holds no collection");
        }
        if (reader.header().kind() == io.quiver.application.port.out.SnapshotArchivePort.Kind.COLLECTION) {
            return first;
        }
        for (CollectionSection s = first; s != null; s = reader.nextCollection()) {
            if (s.name().equals(requested) || s.name().equals(target)) {
                return s;
            }
        }
        throw new BadRequestException("the full snapshot holds no collection `" + requested + "`");
    }

    private static void fill(PointStore store, SnapshotArchiveReader reader, CollectionSection section) {
        long operationId = Math.max(1, section.lastOperationId());
        List<Point> batch = new ArrayList<>(BATCH);
        for (Point p = reader.nextPoint(); p != null; p = reader.nextPoint()) {
            check(p, section.config());
            batch.add(p);
            if (batch.size() == BATCH) {
                store.restore(batch, operationId);
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) {
            store.restore(batch, operationId);
        }
        store.savePayloadIndexes(section.payloadIndexes(), operationId);
    }

    /** A stored point must fit its collection's vector spaces, as every write guarantees; an archive could lie. */
    private static void check(Point p, CollectionConfig config) {
        for (Map.Entry<String, VectorData> e : p.vectors().entrySet()) {
            String name = e.getKey();
            VectorParams dense = config.params().vectors().byName().get(name);
            SparseVectorParams sparse = config.params().sparseVectorsOrEmpty().get(name);
            boolean fits = switch (e.getValue()) {
                case VectorData.Dense d -> dense != null && dense.multivector() == null
                        && d.values().length == dense.size() && finite(d.values());
                case VectorData.Multi m -> dense != null && dense.multivector() != null
                        && m.vectors()[0].length == dense.size()
                        && java.util.Arrays.stream(m.vectors()).allMatch(RecoverSnapshotService::finite);
                case VectorData.Sparse s -> sparse != null && finite(s.values());
            };
            if (!fits) {
                throw new BadRequestException("the snapshot is damaged: point " + p.id() + " has a vector `" + name
                        + "` that does not fit the collection's configuration");
            }
        }
    }

    private static boolean finite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Points the snapshot's aliases at the recovered collection, except names another collection holds. */
    private void restoreAliases(String collection, List<String> aliases) {
        if (aliases.isEmpty()) {
            return;
        }
        Map<String, String> next = new TreeMap<>(registry.aliases().aliases());
        for (String alias : aliases) {
            if (!registry.containsCollection(alias)) {
                next.put(alias, collection);
            }
        }
        AliasTable table = new AliasTable(next);
        if (!table.equals(registry.aliases())) {
            registry.catalog().saveAliases(table);
            registry.replaceAliases(table);
        }
    }
}
