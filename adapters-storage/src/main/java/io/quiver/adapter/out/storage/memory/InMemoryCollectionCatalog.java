package io.quiver.adapter.out.storage.memory;

import io.quiver.application.port.out.CollectionCatalogPort;
import io.quiver.domain.collection.AliasTable;
import io.quiver.domain.collection.CollectionConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A catalog that lives and dies with the process: for tests and throw-away servers. */
public final class InMemoryCollectionCatalog implements CollectionCatalogPort {

    private final Map<String, CollectionConfig> collections = new TreeMap<>();
    private AliasTable aliases = AliasTable.EMPTY;

    @Override
    public synchronized Map<String, CollectionConfig> loadCollections() {
        return new LinkedHashMap<>(collections);
    }

    @Override
    public synchronized AliasTable loadAliases() {
        return aliases;
    }

    @Override
    public synchronized void saveCollection(String name, CollectionConfig config) {
        collections.put(name, config);
    }

    @Override
    public synchronized void deleteCollection(String name, AliasTable aliasesAfter) {
        collections.remove(name);
        aliases = aliasesAfter;
    }

    @Override
    public synchronized void saveAliases(AliasTable table) {
        aliases = table;
    }
}
