package io.quiver.adapter.out.storage.catalog;

import io.quiver.adapter.out.storage.memory.InMemoryCollectionCatalog;
import io.quiver.application.port.out.CollectionCatalogPort;
import io.quiver.application.port.out.CollectionCatalogPortContract;

class InMemoryCollectionCatalogTest extends CollectionCatalogPortContract {

    @Override
    protected CollectionCatalogPort newCatalog() {
        return new InMemoryCollectionCatalog();
    }
}
