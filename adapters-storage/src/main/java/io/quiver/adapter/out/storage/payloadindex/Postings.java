package io.quiver.adapter.out.storage.payloadindex;

import io.quiver.domain.point.PointId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Value → ids, the inverted lists of an index. Sorted variants keep keys in order (for ranges, prefixes
 * and ordered visits) and ids in {@link PointId} order (so ties come out in id order). Not thread-safe:
 * the owning index guards it.
 */
final class Postings<K> {

    private final Map<K, Set<PointId>> lists;
    private final boolean sortedIds;

    private Postings(Map<K, Set<PointId>> lists, boolean sortedIds) {
        this.lists = lists;
        this.sortedIds = sortedIds;
    }

    /** Unordered keys, unordered ids: for lookups only. */
    static <K> Postings<K> hashed() {
        return new Postings<>(new HashMap<>(), false);
    }

    /** Keys in natural order, unordered ids: for ranges and prefix scans. */
    static <K extends Comparable<K>> Postings<K> sortedKeys() {
        return new Postings<>(new TreeMap<>(), false);
    }

    /** Keys in natural order, ids in id order: for ordered visits. */
    static <K extends Comparable<K>> Postings<K> sorted() {
        return new Postings<>(new TreeMap<>(), true);
    }

    void add(K key, PointId id) {
        lists.computeIfAbsent(key, k -> sortedIds ? new TreeSet<>() : new HashSet<>()).add(id);
    }

    void remove(K key, PointId id) {
        Set<PointId> ids = lists.get(key);
        if (ids != null && ids.remove(id) && ids.isEmpty()) {
            lists.remove(key);
        }
    }

    void addAll(Collection<K> keys, PointId id) {
        for (K key : keys) {
            add(key, id);
        }
    }

    void removeAll(Collection<K> keys, PointId id) {
        for (K key : keys) {
            remove(key, id);
        }
    }

    /** The ids under {@code key}, live (do not keep or change); empty when none. */
    Set<PointId> get(K key) {
        Set<PointId> ids = lists.get(key);
        return ids == null ? Set.of() : ids;
    }

    Map<K, Set<PointId>> lists() {
        return lists;
    }

    /** The sorted view; only for the sorted variants. */
    NavigableMap<K, Set<PointId>> navigable() {
        return (NavigableMap<K, Set<PointId>>) lists;
    }
}
