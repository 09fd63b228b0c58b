package io.quiver.domain.collection;

/** One change to the alias table; a list of them is applied all or nothing. */
public sealed interface AliasOperation {

    record Create(String collectionName, String aliasName) implements AliasOperation {
        public Create {
            CollectionName.check("create_alias.collection_name", collectionName);
            CollectionName.check("create_alias.alias_name", aliasName);
        }
    }

    record Delete(String aliasName) implements AliasOperation {
        public Delete {
            CollectionName.check("delete_alias.alias_name", aliasName);
        }
    }

    record Rename(String oldAliasName, String newAliasName) implements AliasOperation {
        public Rename {
            CollectionName.check("rename_alias.old_alias_name", oldAliasName);
            CollectionName.check("rename_alias.new_alias_name", newAliasName);
        }
    }
}
