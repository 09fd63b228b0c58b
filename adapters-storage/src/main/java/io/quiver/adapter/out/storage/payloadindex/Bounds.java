package io.quiver.adapter.out.storage.payloadindex;

import io.quiver.domain.filter.DatetimeRange;
import io.quiver.domain.filter.Range;
import java.time.Instant;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Narrows sorted maps to the keys a range can accept. The views are supersets at worst; callers still
 * test every key with the domain's own predicate, so the answer cannot drift from the evaluator's.
 */
final class Bounds {

    private static final double TWO_POW_63 = 0x1p63;

    private Bounds() {
    }

    /** Turns -0.0 into 0.0, so that key order (Double.compare) agrees with numeric comparison. */
    static double normalize(double number) {
        return number + 0.0;
    }

    /** The keys of a map with normalized double keys that {@code range} may accept. */
    static <V> NavigableMap<Double, V> numeric(NavigableMap<Double, V> map, Range range) {
        if (isNaN(range.lt()) || isNaN(range.gt()) || isNaN(range.gte()) || isNaN(range.lte())) {
            return Collections.emptyNavigableMap();
        }
        Double low = range.gte();
        boolean lowInclusive = true;
        if (range.gt() != null && (low == null || range.gt() >= low)) {
            low = range.gt();
            lowInclusive = false;
        }
        Double high = range.lte();
        boolean highInclusive = true;
        if (range.lt() != null && (high == null || range.lt() <= high)) {
            high = range.lt();
            highInclusive = false;
        }
        if (low != null) {
            low = normalize(low);
        }
        if (high != null) {
            high = normalize(high);
        }
        return narrow(map, low, lowInclusive, high, highInclusive);
    }

    /** The keys of an instant-keyed map that {@code range} may accept. */
    static <V> NavigableMap<Instant, V> instants(NavigableMap<Instant, V> map, DatetimeRange range) {
        Instant low = range.gte();
        boolean lowInclusive = true;
        if (range.gt() != null && (low == null || !range.gt().isBefore(low))) {
            low = range.gt();
            lowInclusive = false;
        }
        Instant high = range.lte();
        boolean highInclusive = true;
        if (range.lt() != null && (high == null || !range.lt().isAfter(high))) {
            high = range.lt();
            highInclusive = false;
        }
        return narrow(map, low, lowInclusive, high, highInclusive);
    }

    private static <K extends Comparable<K>, V> NavigableMap<K, V> narrow(NavigableMap<K, V> map, K low,
            boolean lowInclusive, K high, boolean highInclusive) {
        if (low != null && high != null) {
            int c = low.compareTo(high);
            if (c > 0 || c == 0 && !(lowInclusive && highInclusive)) {
                return new TreeMap<>();
            }
            return map.subMap(low, lowInclusive, high, highInclusive);
        }
        if (low != null) {
            return map.tailMap(low, lowInclusive);
        }
        if (high != null) {
            return map.headMap(high, highInclusive);
        }
        return map;
    }

    /**
     * The entries of a long-keyed map from {@code startFrom} on (inclusive) in visiting order: ascending
     * from the smallest key ≥ startFrom, or descending from the largest key ≤ startFrom. Null starts at
     * the first; NaN visits nothing.
     */
    static <V> NavigableMap<Long, V> fromLong(NavigableMap<Long, V> map, boolean descending, Double startFrom) {
        NavigableMap<Long, V> ordered = descending ? map.descendingMap() : map;
        if (startFrom == null) {
            return ordered;
        }
        double start = startFrom;
        if (Double.isNaN(start)) {
            return Collections.emptyNavigableMap();
        }
        if (!descending) {
            if (start >= TWO_POW_63) {
                return Collections.emptyNavigableMap();
            }
            long first = start <= -TWO_POW_63 ? Long.MIN_VALUE : (long) Math.ceil(start);
            return map.tailMap(first, true);
        }
        if (start < -TWO_POW_63) {
            return Collections.emptyNavigableMap();
        }
        long first = start >= TWO_POW_63 ? Long.MAX_VALUE : (long) Math.floor(start);
        return map.headMap(first, true).descendingMap();
    }

    /** As {@link #fromLong} for normalized double keys. */
    static <V> NavigableMap<Double, V> fromDouble(NavigableMap<Double, V> map, boolean descending, Double startFrom) {
        if (startFrom == null) {
            return descending ? map.descendingMap() : map;
        }
        if (Double.isNaN(startFrom)) {
            return Collections.emptyNavigableMap();
        }
        double start = normalize(startFrom);
        return descending ? map.headMap(start, true).descendingMap() : map.tailMap(start, true);
    }

    private static boolean isNaN(Double bound) {
        return bound != null && bound.isNaN();
    }
}
