package io.quiver.adapter.out.storage.mvstore;

import io.quiver.adapter.out.storage.codec.PayloadCodec;
import io.quiver.application.port.out.CollectionCatalogPort;
import io.quiver.domain.collection.AliasTable;
import io.quiver.domain.collection.CollectionConfig;
import io.quiver.domain.collection.CollectionConfigReader;
import io.quiver.domain.collection.CollectionConfigWriter;
import io.quiver.domain.error.InternalException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The catalog in one MVStore file: collection configurations (as their document form, binary-encoded)
 * and the alias table. Each change is committed before the call returns, so it survives a killed process.
 */
public final class MvStoreCollectionCatalog implements CollectionCatalogPort, AutoCloseable {

    static final String FILE_NAME = "catalog.mv.db";

    private final MVStore store;
    private final MVMap<String, byte[]> collections;
    private final MVMap<String, String> aliases;

    public MvStoreCollectionCatalog(Path storageDir) {
        try {
            Files.createDirectories(storageDir);
        } catch (java.io.IOException e) {
            throw new InternalException("cannot create storage folder " + storageDir + ": " + e.getMessage(), e);
        }
        this.store = new MVStore.Builder()
                .fileName(storageDir.resolve(FILE_NAME).toString())
                .autoCommitDisabled()
                .open();
        this.collections = store.openMap("collections");
        this.aliases = store.openMap("aliases");
    }

    @Override
    public synchronized Map<String, CollectionConfig> loadCollections() {
        Map<String, CollectionConfig> result = new LinkedHashMap<>();
        collections.forEach((name, bytes) ->
                result.put(name, CollectionConfigReader.readStored(PayloadCodec.decodeObject(bytes))));
        return result;
    }

    @Override
    public synchronized AliasTable loadAliases() {
        return new AliasTable(new TreeMap<>(aliases));
    }

    @Override
    public synchronized void saveCollection(String name, CollectionConfig config) {
        collections.put(name, PayloadCodec.encode(CollectionConfigWriter.write(config)));
        commit();
    }

    @Override
    public synchronized void deleteCollection(String name, AliasTable aliasesAfter) {
        collections.remove(name);
        replaceAliases(aliasesAfter);
        commit();
    }

    @Override
    public synchronized void saveAliases(AliasTable table) {
        replaceAliases(table);
        commit();
    }

    private void replaceAliases(AliasTable table) {
        aliases.clear();
        aliases.putAll(table.aliases());
    }

    private void commit() {
        store.commit();
        store.sync();
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }
}
