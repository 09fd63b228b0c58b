package io.quiver.adapter.out.storage.lucene;

import io.quiver.domain.point.PointId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.util.FixedBitSet;

/**
 * The vectors of one space, addressed by graph ordinal. Ordinals are handed out in write order and never
 * reused: overwriting a point's vector appends it under a new ordinal and marks the old one dead, so a
 * graph node always keeps the vector it was linked with. Vectors live in fixed-size float pages, so the
 * store grows without copying them, and a vector once written never moves or changes.
 *
 * <p>Threads: one writer (the owning index's write lock) and readers under its read lock. Graph building
 * reads vectors below {@link #count()} without any lock: {@link #count} is volatile and written after the
 * vector, and {@code pages} is republished before it, so a reader that has seen a count sees its vectors.
 */
final class OrdinalVectors {

    private final int dimension;
    private final int pageShift;
    private final int pageMask;
    private volatile float[][] pages = new float[0][];
    private PointId[] ids = new PointId[16];
    private long[] versions = new long[16];
    private FixedBitSet live = new FixedBitSet(16);
    private final Map<PointId, Integer> ordOf;
    private volatile int count;

    OrdinalVectors(int dimension, int expected) {
        this.dimension = dimension;
        // pages of about 1 MiB (at least one vector)
        int perPage = Integer.highestOneBit(Math.max(1, (1 << 18) / dimension));
        this.pageShift = Integer.numberOfTrailingZeros(perPage);
        this.pageMask = perPage - 1;
        this.ordOf = HashMap.newHashMap(Math.max(16, expected));
    }

    int dimension() {
        return dimension;
    }

    /** Ordinals handed out so far, dead ones included. */
    int count() {
        return count;
    }

    /** Points with a vector. */
    int liveCount() {
        return ordOf.size();
    }

    float[] page(int ord) {
        return pages[ord >>> pageShift];
    }

    int offset(int ord) {
        return (ord & pageMask) * dimension;
    }

    PointId idAt(int ord) {
        return ids[ord];
    }

    boolean isLive(int ord) {
        return live.get(ord);
    }

    /** The live bits: valid for ordinals below {@link #count()} read under the same lock. */
    FixedBitSet liveBits() {
        return live;
    }

    /** Live ordinals in [from, to). */
    int liveBetween(int from, int to) {
        return from >= to ? 0 : live.cardinality(from, to);
    }

    /** The point's current ordinal, or -1. */
    int ordOf(PointId id) {
        Integer ord = ordOf.get(id);
        return ord == null ? -1 : ord;
    }

    long version(PointId id) {
        Integer ord = ordOf.get(id);
        return ord == null ? -1 : versions[ord];
    }

    void setVersion(int ord, long version) {
        versions[ord] = version;
    }

    long versionAt(int ord) {
        return versions[ord];
    }

    Iterable<PointId> ids() {
        return ordOf.keySet();
    }

    /** True when the point's current vector has exactly these floats. */
    boolean holds(PointId id, float[] vector) {
        Integer ord = ordOf.get(id);
        if (ord == null) {
            return false;
        }
        int off = offset(ord);
        return Arrays.equals(page(ord), off, off + dimension, vector, 0, dimension);
    }

    /** Appends the vector as the point's current one (the previous ordinal dies) and answers its ordinal. */
    int append(PointId id, float[] vector, long version) {
        int ord = count;
        ensureCapacity(ord + 1);
        System.arraycopy(vector, 0, pages[ord >>> pageShift], (ord & pageMask) * dimension, dimension);
        ids[ord] = id;
        versions[ord] = version;
        live.set(ord);
        Integer previous = ordOf.put(id, ord);
        if (previous != null) {
            live.clear(previous);
        }
        count = ord + 1;
        return ord;
    }

    /** Marks the point's vector dead; answers its ordinal or -1. */
    int remove(PointId id) {
        Integer ord = ordOf.remove(id);
        if (ord == null) {
            return -1;
        }
        live.clear(ord);
        return ord;
    }

    float[] copyOf(PointId id) {
        Integer ord = ordOf.get(id);
        return ord == null ? null : copyAt(ord);
    }

    float[] copyAt(int ord) {
        int off = offset(ord);
        return Arrays.copyOfRange(page(ord), off, off + dimension);
    }

    /** Heap bytes held by the vectors (whole pages). */
    long vectorBytes() {
        return (long) pages.length * (pageMask + 1) * dimension * Float.BYTES;
    }

    /** Snapshot of the per-ordinal metadata below {@code upTo}, for persisting without holding a lock. */
    Snapshot snapshot() {
        int n = count;
        return new Snapshot(n, pages, Arrays.copyOf(ids, n), Arrays.copyOf(versions, n), live.clone());
    }

    record Snapshot(int count, float[][] pages, PointId[] ids, long[] versions, FixedBitSet live) {
    }

    private void ensureCapacity(int n) {
        if (n > ids.length) {
            int capacity = Math.max(n, ids.length + (ids.length >> 1));
            ids = Arrays.copyOf(ids, capacity);
            versions = Arrays.copyOf(versions, capacity);
            live = FixedBitSet.ensureCapacity(live, capacity);
        }
        int pagesNeeded = ((n - 1) >>> pageShift) + 1;
        if (pagesNeeded > pages.length) {
            float[][] grown = Arrays.copyOf(pages, pagesNeeded);
            for (int p = pages.length; p < pagesNeeded; p++) {
                grown[p] = new float[(pageMask + 1) * dimension];
            }
            pages = grown;
        }
    }
}
