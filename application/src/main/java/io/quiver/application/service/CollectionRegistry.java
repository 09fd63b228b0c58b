package io.quiver.application.service;

import io.quiver.application.port.out.CollectionCatalogPort;
import io.quiver.application.port.out.PointStorePort;
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
    private final Map<String, LiveCollection> collections = new ConcurrentSkipListMap<>();
    private final ReentrantLock structureLock = new ReentrantLock();
    private volatile AliasTable aliases;

    CollectionRegistry(CollectionCatalogPort catalog, PointStorePort pointStores) {
        this.catalog = catalog;
        this.pointStores = pointStores;
        catalog.loadCollections().forEach((name, config) ->
                collections.put(name, new LiveCollection(name, config, pointStores.open(name))));
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

    LiveCollection resolve(String collectionOrAlias) {
        return find(collectionOrAlias).orElseThrow(() -> notFound(collectionOrAlias));
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
        collections.put(name, new LiveCollection(name, config, pointStores.open(name)));
    }

    /** Forgets the collection and deletes its points, waiting for a write in progress to finish. */
    void remove(String name) {
        LiveCollection removed = collections.remove(name);
        if (removed != null) {
            removed.writeLock().lock();
            try {
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
