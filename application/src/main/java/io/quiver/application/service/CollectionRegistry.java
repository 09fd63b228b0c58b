package io.quiver.application.service;

import io.quiver.application.port.out.CollectionCatalogPort;
import io.quiver.application.port.out.PayloadIndex;
import io.quiver.application.port.out.PayloadIndexPort;
import io.quiver.application.port.out.PointStorePort;
import io.quiver.application.port.out.VectorIndex;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.collection.AliasTable;
import io.quiver.domain.collection.CollectionConfig;
import io.quiver.domain.error.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The collections and aliases of this server. Reads are lock-free; structural changes (create, delete,
 * alias changes, reconfiguration) are serialised by one lock so that the catalog and memory never disagree.
 */
final class CollectionRegistry {

    private final CollectionCatalogPort catalog;
    private final PointStorePort pointStores;
    private final PayloadIndexPort indexPort;
    private final VectorIndexes vectorIndexes;
    private final SparseIndexes sparseIndexes;
    private final Map<String, LiveCollection> collections = new ConcurrentSkipListMap<>();
    private final ReentrantLock structureLock = new ReentrantLock();
    private volatile AliasTable aliases;

    CollectionRegistry(CollectionCatalogPort catalog, PointStorePort pointStores, PayloadIndexPort indexPort,
                       VectorIndexes vectorIndexes, SparseIndexes sparseIndexes) {
        this.catalog = catalog;
        this.pointStores = pointStores;
        this.indexPort = indexPort;
        this.vectorIndexes = vectorIndexes;
        this.sparseIndexes = sparseIndexes;
        catalog.loadCollections().forEach((name, config) -> collections.put(name, open(name, config)));
        this.aliases = catalog.loadAliases();
    }

    CollectionCatalogPort catalog() {
        return catalog;
    }

    /** The collection a name or alias refers to; a collection name wins over an alias. */
    Optional<LiveCollection> find(String collectionOrAlias) {
        LiveCollection direct = collections.get(collectionOrAlias);
        if (direct != null) {
            return Optional.of(direct);
        }
        String target = aliases.target(collectionOrAlias);
        return target == null ? Optional.empty() : Optional.ofNullable(collections.get(target));
    }

    /** The collection of exactly this name, aliases not considered. */
    Optional<LiveCollection> findCollection(String name) {
        return Optional.ofNullable(collections.get(name));
    }

    LiveCollection resolve(String collectionOrAlias) {
        return find(collectionOrAlias).orElseThrow(() -> notFound(collectionOrAlias));
    }

    /**
     * The collection a name or alias refers to, with its write lock held. A writer that waited while the
     * collection was deleted or replaced (a snapshot recovered over it) gets the one there now, or not found.
     */
    LiveCollection lockForWriting(String collectionOrAlias) {
        while (true) {
            LiveCollection collection = resolve(collectionOrAlias);
            collection.writeLock().lock();
            if (!collection.retired()) {
                return collection;
            }
            collection.writeLock().unlock();
        }
    }

    static NotFoundException notFound(String name) {
        return new NotFoundException("Collection `" + name + "` doesn't exist!");
    }

    List<String> names() {
        return List.copyOf(collections.keySet());
    }

    AliasTable aliases() {
        return aliases;
    }

    boolean containsCollection(String name) {
        return collections.containsKey(name);
    }

    /** Runs a structural change with the lock held. */
    <T> T exclusively(Supplier<T> change) {
        structureLock.lock();
        try {
            return change.get();
        } finally {
            structureLock.unlock();
        }
    }

    void add(String name, CollectionConfig config) {
        // a crash between forgetting a collection and deleting its files can leave stale points behind
        pointStores.drop(name);
        vectorIndexes.dropAll(name, config);
        sparseIndexes.dropAll(name, config);
        collections.put(name, open(name, config));
    }

    /** A name no collection can have (names cannot hold NUL), for a collection being built apart. */
    static String stagingName() {
        return "\u0000staging-" + java.util.UUID.randomUUID();
    }

    PointStorePort pointStores() {
        return pointStores;
    }

    /**
     * Makes the collection built apart under {@code staged} (its point store closed) the collection
     * {@code name}, replacing any collection of that name; call with the structure lock held. Readers see
     * the old collection until the new one is open and indexed, then the new one. The catalog forgets the
     * name first, so a crash midway leaves the collection absent (recover again), never old and new mixed.
     */
    void replace(String name, String staged, CollectionConfig config) {
        LiveCollection old = collections.get(name);
        if (old == null) {
            // a crash between forgetting a collection and deleting its files can leave stale data behind
            pointStores.drop(name);
            vectorIndexes.dropAll(name, config);
            sparseIndexes.dropAll(name, config);
            pointStores.move(staged, name);
            catalog.saveCollection(name, config);
            collections.put(name, open(name, config));
            return;
        }
        catalog.deleteCollection(name, aliases);
        String retired = stagingName();
        old.writeLock().lock();
        try {
            // the old indexes keep answering searches from memory, but must not write their files any more
            old.vectorIndexes().values().forEach(VectorIndex::close);
            pointStores.move(name, retired);
            vectorIndexes.dropAll(name, old.config());
            sparseIndexes.dropAll(name, old.config());
            LiveCollection fresh;
            try {
                pointStores.move(staged, name);
                fresh = open(name, config);
            } catch (RuntimeException e) {
                // put the old collection back as it was (reopened: its store is closed and opened again)
                old.retire();
                old.points().close();
                pointStores.drop(name);
                pointStores.move(retired, name);
                catalog.saveCollection(name, old.config());
                collections.put(name, open(name, old.config()));
                throw e;
            }
            catalog.saveCollection(name, config);
            collections.put(name, fresh);
            old.retire();
            old.points().close();
            pointStores.drop(retired);
        } finally {
            old.writeLock().unlock();
        }
    }

    VectorIndexes vectorIndexes() {
        return vectorIndexes;
    }

    SparseIndexes sparseIndexes() {
        return sparseIndexes;
    }

    PayloadIndexPort indexPort() {
        return indexPort;
    }

    /** Opens a collection's store and rebuilds its payload and sparse indexes from the stored points. */
    private LiveCollection open(String name, CollectionConfig config) {
        LiveCollection collection = new LiveCollection(name, config, pointStores.open(name));
        Map<String, PayloadIndex> indexes = new java.util.LinkedHashMap<>();
        for (PayloadFieldSchema schema : collection.points().payloadIndexes()) {
            indexes.put(schema.fieldName(), PayloadIndexing.build(indexPort, collection.points(), schema));
        }
        collection.replacePayloadIndexes(indexes);
        collection.replaceVectorIndexes(vectorIndexes.openAll(name, config, collection.points()));
        collection.replaceSparseIndexes(sparseIndexes.openAll(name, config, collection.points()));
        return collection;
    }

    /** Forgets the collection and deletes its points, waiting for a write in progress to finish. */
    void remove(String name) {
        LiveCollection removed = collections.remove(name);
        if (removed != null) {
            removed.writeLock().lock();
            try {
                removed.retire();
                removed.vectorIndexes().values().forEach(VectorIndex::close);
                vectorIndexes.dropAll(name, removed.config());
                sparseIndexes.dropAll(name, removed.config());
                removed.points().close();
                pointStores.drop(name);
            } finally {
                removed.writeLock().unlock();
            }
        }
    }

    /** Closes every point store; the registry is unusable afterwards. */
    void close() {
        collections.values().forEach(c -> {
            c.writeLock().lock();
            try {
                c.vectorIndexes().values().forEach(index -> {
                    index.persist();
                    index.close();
                });
                c.points().close();
            } finally {
                c.writeLock().unlock();
            }
        });
    }

    void replaceAliases(AliasTable table) {
        this.aliases = table;
    }
}
