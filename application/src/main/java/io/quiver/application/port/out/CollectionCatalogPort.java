package io.quiver.application.port.out;

import io.quiver.domain.collection.AliasTable;
import io.quiver.domain.collection.CollectionConfig;
import java.util.Map;

/**
 * Durable record of which collections exist, how each is configured, and the alias table. Every method
 * returns only once its change would survive a crash of the process.
 */
public interface CollectionCatalogPort {

    /** Every stored collection by name, in name order. */
    Map<String, CollectionConfig> loadCollections();

    AliasTable loadAliases();

    void saveCollection(String name, CollectionConfig config);

    /** Removes the collection and stores {@code aliasesAfter} in the same durable step. */
    void deleteCollection(String name, AliasTable aliasesAfter);

    void saveAliases(AliasTable aliases);
}
