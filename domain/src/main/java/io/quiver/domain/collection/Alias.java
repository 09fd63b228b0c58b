package io.quiver.domain.collection;

/** Another name under which a collection can be addressed. */
public record Alias(String aliasName, String collectionName) {
    public Alias {
        CollectionName.check("alias_name", aliasName);
        CollectionName.check("collection_name", collectionName);
    }
}
