package io.quiver.application.port.out;

import io.quiver.domain.collection.AliasTable;
import io.quiver.domain.collection.CollectionConfig;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-memory catalog for application tests that can also be told to fail, so tests can check that the
 * core changes nothing when the catalog could not store a change. Counts the writes it accepted.
 * {@link FakeCollectionCatalogTest} holds it to the port contract.
 */
public final class FakeCollectionCatalog implements CollectionCatalogPort {

    private final Map<String, CollectionConfig> collections = new TreeMap<>();
    private AliasTable aliases = AliasTable.EMPTY;
    private RuntimeException nextFailure;
    private int writes;

    /** The next write (save or delete) throws {@code failure} and stores nothing. */
    public FakeCollectionCatalog failNextWrite(RuntimeException failure) {
        this.nextFailure = failure;
        return this;
    }

    /** How many writes were stored. */
    public synchronized int writes() {
        return writes;
    }

    @Override
    public synchronized Map<String, CollectionConfig> loadCollections() {
        return new TreeMap<>(collections);
    }

    @Override
    public synchronized AliasTable loadAliases() {
        return aliases;
    }

    @Override
    public synchronized void saveCollection(String name, CollectionConfig config) {
        beforeWrite();
        collections.put(name, config);
    }

    @Override
    public synchronized void deleteCollection(String name, AliasTable aliasesAfter) {
        beforeWrite();
        collections.remove(name);
        aliases = aliasesAfter;
    }

    @Override
    public synchronized void saveAliases(AliasTable table) {
        beforeWrite();
        aliases = table;
    }

    private void beforeWrite() {
        RuntimeException failure = nextFailure;
        if (failure != null) {
            nextFailure = null;
            throw failure;
        }
        writes++;
    }
}
