package io.quiver.adapter.out.storage.vector;

import io.quiver.domain.point.PointId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Vectors of one space packed into one growing float array (slot × dimension), so that an exact scan
 * streams through memory. Freed slots are reused. Not thread-safe: the owning index guards it.
 */
public final class FlatVectors {

    private final int dimension;
    private final Map<PointId, Integer> slotOf = new HashMap<>();
    private float[] data;
    private PointId[] idOf;
    private long[] versionOf;
    private int[] freeSlots = new int[16];
    private int freeCount;
    private int slotsUsed;

    public FlatVectors(int dimension, int initialCapacity) {
        this.dimension = dimension;
        int capacity = Math.max(16, initialCapacity);
        this.data = new float[capacity * dimension];
        this.idOf = new PointId[capacity];
        this.versionOf = new long[capacity];
    }

    public int dimension() {
        return dimension;
    }

    public int size() {
        return slotOf.size();
    }

    /** Slots in use or freed: scanning runs over [0, slotCount) and skips empty slots. */
    public int slotCount() {
        return slotsUsed;
    }

    public float[] data() {
        return data;
    }

    public PointId idAt(int slot) {
        return idOf[slot];
    }

    public Integer slotOf(PointId id) {
        return slotOf.get(id);
    }

    public long version(PointId id) {
        Integer slot = slotOf.get(id);
        return slot == null ? -1 : versionOf[slot];
    }

    /** Stores the vector and answers its slot. */
    public int put(PointId id, float[] vector, long version) {
        Integer slot = slotOf.get(id);
        if (slot == null) {
            slot = freeCount > 0 ? freeSlots[--freeCount] : slotsUsed++;
            ensureCapacity(slot + 1);
            slotOf.put(id, slot);
            idOf[slot] = id;
        }
        System.arraycopy(vector, 0, data, slot * dimension, dimension);
        versionOf[slot] = version;
        return slot;
    }

    /** Frees the vector's slot and answers it, or -1. */
    public int remove(PointId id) {
        Integer slot = slotOf.remove(id);
        if (slot == null) {
            return -1;
        }
        idOf[slot] = null;
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
        }
        freeSlots[freeCount++] = slot;
        return slot;
    }

    public float[] copyOf(PointId id) {
        Integer slot = slotOf.get(id);
        if (slot == null) {
            return null;
        }
        return Arrays.copyOfRange(data, slot * dimension, (slot + 1) * dimension);
    }

    public Iterable<PointId> ids() {
        return slotOf.keySet();
    }

    /** Whether {@code id} is stored with exactly these floats (bit for bit, as {@link Arrays#equals(float[], float[])}). */
    public boolean holds(PointId id, float[] vector) {
        Integer slot = slotOf.get(id);
        if (slot == null || vector.length != dimension) {
            return false;
        }
        int from = slot * dimension;
        return Arrays.equals(data, from, from + dimension, vector, 0, dimension);
    }

    /** Changes the version recorded for a stored vector; false when {@code id} is not stored. */
    public boolean setVersion(PointId id, long version) {
        Integer slot = slotOf.get(id);
        if (slot == null) {
            return false;
        }
        versionOf[slot] = version;
        return true;
    }

    private void ensureCapacity(int slots) {
        if (slots <= idOf.length) {
            return;
        }
        int capacity = Math.max(slots, idOf.length + (idOf.length >> 1));
        data = Arrays.copyOf(data, capacity * dimension);
        idOf = Arrays.copyOf(idOf, capacity);
        versionOf = Arrays.copyOf(versionOf, capacity);
    }
}
