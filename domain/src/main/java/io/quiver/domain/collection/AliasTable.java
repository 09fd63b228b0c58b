package io.quiver.domain.collection;

import io.quiver.domain.error.AlreadyExistsException;
import io.quiver.domain.error.NotFoundException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The alias → collection table. Immutable: {@link #apply} returns the table after a whole list of
 * operations, or throws and leaves nothing changed.
 */
public record AliasTable(Map<String, String> aliases) {

    public static final AliasTable EMPTY = new AliasTable(Map.of());

    public AliasTable {
        aliases = Collections.unmodifiableMap(new TreeMap<>(aliases));
    }

    public String target(String alias) {
        return aliases.get(alias);
    }

    public List<Alias> all() {
        return aliases.entrySet().stream().map(e -> new Alias(e.getKey(), e.getValue())).toList();
    }

    public List<Alias> of(String collection) {
        return all().stream().filter(a -> a.collectionName().equals(collection)).toList();
    }

    public AliasTable withoutCollection(String collection) {
        Map<String, String> copy = new TreeMap<>(aliases);
        copy.values().removeIf(Predicate.isEqual(collection));
        return new AliasTable(copy);
    }

    /** Applies {@code operations} in order against the set of existing collection names. */
    public AliasTable apply(List<AliasOperation> operations, Set<String> collections) {
        Map<String, String> next = new TreeMap<>(aliases);
        for (AliasOperation op : operations) {
            switch (op) {
                case AliasOperation.Create c -> {
                    if (!collections.contains(c.collectionName())) {
                        throw new NotFoundException("Collection `" + c.collectionName() + "` doesn't exist!");
                    }
                    if (collections.contains(c.aliasName())) {
                        throw new AlreadyExistsException(
                                "Collection with name `" + c.aliasName() + "` already exists!");
                    }
                    // Qdrant re-points an existing alias on create, so that a swap needs no delete first.
                    next.put(c.aliasName(), c.collectionName());
                }
                case AliasOperation.Delete d -> {
                    if (next.remove(d.aliasName()) == null) {
                        throw new NotFoundException("Alias " + d.aliasName() + " does not exists!");
                    }
                }
                case AliasOperation.Rename r -> {
                    String target = next.remove(r.oldAliasName());
                    if (target == null) {
                        throw new NotFoundException("Alias " + r.oldAliasName() + " does not exists!");
                    }
                    if (collections.contains(r.newAliasName())) {
                        throw new AlreadyExistsException(
                                "Collection with name `" + r.newAliasName() + "` already exists!");
                    }
                    next.put(r.newAliasName(), target);
                }
            }
        }
        return new AliasTable(next);
    }
}
