package io.quiver.adapter.out.storage.payloadindex;

import io.quiver.application.port.out.PayloadIndex;
import io.quiver.domain.filter.DatetimeRange;
import io.quiver.domain.filter.FieldCondition;
import io.quiver.domain.filter.GeoShape;
import io.quiver.domain.filter.Match;
import io.quiver.domain.filter.Range;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.point.PointId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What every in-memory index shares: reading a point's values at the schema path, replacing what was
 * stored for the point before, the read/write lock, and splitting a field condition into the options an
 * index kind may answer.
 *
 * <p>Per point the index keeps a {@code D}: what it extracted from the point's values (null when
 * nothing). Subclasses add and drop a point's data in their structures and answer the options.
 *
 * <p>Locking: one {@link ReentrantReadWriteLock} per index. Writers take the write lock only around
 * the structure updates (values are extracted before). Every read takes the read lock and returns
 * fresh copies, never live structures. {@link #visitOrdered} calls the visitor while holding the read
 * lock, so a visitor must not write to the same index.
 *
 * @param <D> the per-point data
 */
abstract class AbstractPayloadIndex<D> implements PayloadIndex {

    private final PayloadFieldSchema schema;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<PointId, D> points = new HashMap<>();
    private long indexed;

    AbstractPayloadIndex(PayloadFieldSchema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    /**
     * The values found for one point in the smallest form (most points hold one value per field): a
     * LinkedHashSet per point and index would weigh far more than the values themselves. Null when empty.
     */
    static <T> Set<T> compact(Set<T> found) {
        return switch (found.size()) {
            case 0 -> null;
            case 1 -> Set.of(found.iterator().next());
            default -> Set.copyOf(found);
        };
    }

    /** What to store for a point with these values (arrays at the path already opened), or null. */
    protected abstract D extract(List<PayloadValue> values);

    /** Adds the point's data to the structures. Called under the write lock. */
    protected abstract void add(PointId id, D data);

    /** Removes what {@link #add} added. Called under the write lock. */
    protected abstract void drop(PointId id, D data);

    /**
     * Whether the data holds an indexed value, i.e. whether the point counts in {@link #indexedPoints}.
     * Data may hold only side information (see the integer index).
     */
    protected boolean holdsIndexedValue(D data) {
        return true;
    }

    /** The ids matching a {@code match}, as a fresh set, or null when this index cannot answer it. */
    protected Set<PointId> answerMatch(Match match) {
        return null;
    }

    protected Set<PointId> answerRange(Range range) {
        return null;
    }

    protected Set<PointId> answerDatetimeRange(DatetimeRange range) {
        return null;
    }

    protected Set<PointId> answerGeo(GeoShape shape) {
        return null;
    }

    /** An upper bound for a {@code match}, or -1 when this index cannot answer it. */
    protected long estimateMatch(Match match) {
        return -1;
    }

    protected long estimateRange(Range range) {
        return -1;
    }

    protected long estimateDatetimeRange(DatetimeRange range) {
        return -1;
    }

    protected long estimateGeo(GeoShape shape) {
        return -1;
    }

    /** Value counts under the read lock; only facet-capable kinds override. */
    protected Map<PayloadValue, Long> countValues(Predicate<PointId> accept) {
        return Map.of();
    }

    /** Ordered visit under the read lock; only ordering-capable kinds override. */
    protected void visit(boolean descending, Double startFrom, OrderedVisitor visitor) {
    }

    /** What is stored for a point, or null; only under the lock (read or write). */
    protected final D data(PointId id) {
        return points.get(id);
    }

    /** How many points hold any data (indexed or side data); for planning bounds. */
    protected final int pointsWithData() {
        return points.size();
    }

    @Override
    public final PayloadFieldSchema schema() {
        return schema;
    }

    @Override
    public final void put(PointId id, ObjectValue payload) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
        D data = extract(schema.path().flattenedValues(payload));
        lock.writeLock().lock();
        try {
            D old = data == null ? points.remove(id) : points.put(id, data);
            if (old != null) {
                drop(id, old);
                if (holdsIndexedValue(old)) {
                    indexed--;
                }
            }
            if (data != null) {
                add(id, data);
                if (holdsIndexedValue(data)) {
                    indexed++;
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public final void remove(PointId id) {
        lock.writeLock().lock();
        try {
            D old = points.remove(id);
            if (old != null) {
                drop(id, old);
                if (holdsIndexedValue(old)) {
                    indexed--;
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public final long indexedPoints() {
        lock.readLock().lock();
        try {
            return indexed;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public final Optional<Set<PointId>> matching(FieldCondition condition) {
        List<Object> options = answerableOptions(condition);
        if (options == null) {
            return Optional.empty();
        }
        lock.readLock().lock();
        try {
            Set<PointId> union = null;
            for (Object option : options) {
                Set<PointId> part = switch (option) {
                    case Match match -> answerMatch(match);
                    case Range range -> answerRange(range);
                    case DatetimeRange range -> answerDatetimeRange(range);
                    case GeoShape shape -> answerGeo(shape);
                    default -> null;
                };
                if (part == null) {
                    return Optional.empty();
                }
                if (union == null) {
                    union = part;
                } else {
                    union.addAll(part);
                }
            }
            return Optional.of(Collections.unmodifiableSet(union == null ? new HashSet<>() : union));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public final long estimate(FieldCondition condition) {
        List<Object> options = answerableOptions(condition);
        if (options == null) {
            return -1;
        }
        lock.readLock().lock();
        try {
            long total = 0;
            for (Object option : options) {
                long part = switch (option) {
                    case Match match -> estimateMatch(match);
                    case Range range -> estimateRange(range);
                    case DatetimeRange range -> estimateDatetimeRange(range);
                    case GeoShape shape -> estimateGeo(shape);
                    default -> -1;
                };
                if (part < 0) {
                    return -1;
                }
                total += part;
            }
            return Math.min(total, points.size());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public final Map<PayloadValue, Long> valueCounts(Predicate<PointId> accept) {
        Objects.requireNonNull(accept, "accept");
        lock.readLock().lock();
        try {
            return countValues(accept);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public final void visitOrdered(boolean descending, Double startFrom, OrderedVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        lock.readLock().lock();
        try {
            visit(descending, startFrom, visitor);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The value options of a condition on this field, or null when it is about another field or uses a
     * shorthand that decides alone (values_count, is_empty, is_null), which only the evaluator answers.
     * Several options are answered as their union, which is how the evaluator combines them.
     */
    private List<Object> answerableOptions(FieldCondition condition) {
        if (!condition.key().equals(schema.path()) || condition.valuesCount() != null
                || condition.isEmpty() != null || condition.isNull() != null) {
            return null;
        }
        List<Object> options = new ArrayList<>(1);
        addIfPresent(options, condition.match());
        addIfPresent(options, condition.range());
        addIfPresent(options, condition.datetimeRange());
        addIfPresent(options, condition.geoBoundingBox());
        addIfPresent(options, condition.geoRadius());
        addIfPresent(options, condition.geoPolygon());
        return options.isEmpty() ? null : options;
    }

    private static void addIfPresent(List<Object> options, Object option) {
        if (option != null) {
            options.add(option);
        }
    }

    // ---- helpers shared by the kinds ----

    /** A fresh union of the postings of several keys. */
    static <K> Set<PointId> union(Postings<K> postings, Iterable<K> keys) {
        Set<PointId> ids = new HashSet<>();
        for (K key : keys) {
            ids.addAll(postings.get(key));
        }
        return ids;
    }

    /** An upper bound of the union of several postings: the sum of their sizes. */
    static <K> long sizeSum(Postings<K> postings, Iterable<K> keys) {
        long total = 0;
        for (K key : keys) {
            total += postings.get(key).size();
        }
        return total;
    }

    /** Each key with the number of accepted ids under it; keys with none are left out. */
    static <K> Map<PayloadValue, Long> counts(Postings<K> postings, Function<K, PayloadValue> asValue,
                                              Predicate<PointId> accept) {
        Map<PayloadValue, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<K, Set<PointId>> entry : postings.lists().entrySet()) {
            long n = 0;
            for (PointId id : entry.getValue()) {
                if (accept.test(id)) {
                    n++;
                }
            }
            if (n > 0) {
                counts.put(asValue.apply(entry.getKey()), n);
            }
        }
        return counts;
    }

    /**
     * Visits the entries of a posting map in the map's own order (callers pass a sorted view, reversed
     * for descending), ids within a key in ascending id order, until the visitor says stop.
     */
    static <K> void visitEntries(Map<K, Set<PointId>> ordered, Function<K, PayloadValue> asValue,
                                 OrderedVisitor visitor) {
        for (Map.Entry<K, Set<PointId>> entry : ordered.entrySet()) {
            PayloadValue value = asValue.apply(entry.getKey());
            for (PointId id : entry.getValue()) {
                if (!visitor.visit(value, id)) {
                    return;
                }
            }
        }
    }
}
