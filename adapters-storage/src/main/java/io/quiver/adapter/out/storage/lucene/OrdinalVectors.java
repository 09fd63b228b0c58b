package io.quiver.adapter.out.storage.lucene;

import io.quiver.domain.point.PointId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.util.FixedBitSet;

/**
 * The vectors of one space, addressed by graph ordinal. Ordinals are handed out in write order and never
 * reused: overwriting a point's vector appends it under a new ordinal and marks the old one dead, so a
 * graph node always keeps the vector it was linked with. The floats live in a {@link FloatVectors} (on the
 * heap, or in a mapped file), where a vector once written never moves or changes.
 *
 * <p>Threads: one writer (the owning index's write lock) and readers under its read lock. Graph building
 * reads vectors below {@link #count()} without any lock: {@link #count} is volatile and written after the
 * vector, so a reader that has seen a count sees its vectors.
 */
final class OrdinalVectors {

    private final FloatVectors floats;
    private final int dimension;
    private PointId[] ids = new PointId[16];
    private long[] versions = new long[16];
    private FixedBitSet live = new FixedBitSet(16);
    private final Map<PointId, Integer> ordOf;
    private volatile int count;

    OrdinalVectors(FloatVectors floats, int expected) {
        this.floats = floats;
        this.dimension = floats.dimension();
        this.ordOf = HashMap.newHashMap(Math.max(16, expected));
    }

    int dimension() {
        return dimension;
    }

    FloatVectors floats() {
        return floats;
    }

    /** Ordinals handed out so far, dead ones included. */
    int count() {
        return count;
    }

    /** Points with a vector. */
    int liveCount() {
        return ordOf.size();
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
        return ord != null && floats.matches(ord, vector);
    }

    /** Appends the vector as the point's current one (the previous ordinal dies) and answers its ordinal. */
    int append(PointId id, float[] vector, long version) {
        floats.write(count, vector);
        return register(id, version);
    }

    /**
     * Makes the next ordinal the point's current one, its floats being in the float store already (a
     * restored mapped file).
     */
    int register(PointId id, long version) {
        int ord = count;
        ensureCapacity(ord + 1);
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
        float[] vector = new float[dimension];
        floats.read(ord, vector);
        return vector;
    }

    /** Snapshot of the per-ordinal metadata, for persisting without holding a lock. */
    Snapshot snapshot() {
        int n = count;
        int checksum = floats instanceof MappedFloatVectors mapped ? mapped.checksum() : 0;
        return new Snapshot(n, floats, checksum, Arrays.copyOf(ids, n), Arrays.copyOf(versions, n), live.clone());
    }

    /** The first {@code count} ordinals; {@code floatsChecksum} is the mapped file's checksum at that count. */
    record Snapshot(int count, FloatVectors floats, int floatsChecksum, PointId[] ids, long[] versions,
                    FixedBitSet live) {
    }

    private void ensureCapacity(int n) {
        if (n > ids.length) {
            int capacity = Math.max(n, ids.length + (ids.length >> 1));
            ids = Arrays.copyOf(ids, capacity);
            versions = Arrays.copyOf(versions, capacity);
            live = FixedBitSet.ensureCapacity(live, capacity);
        }
    }
}
