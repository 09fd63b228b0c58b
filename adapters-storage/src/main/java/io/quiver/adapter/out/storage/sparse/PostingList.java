package io.quiver.adapter.out.storage.sparse;

import java.util.Arrays;

/**
 * The points holding one dimension, as (ordinal, weight) pairs sorted by ordinal so that a point is found
 * by binary search. New points mostly get the highest ordinal, so most inserts append. Not thread-safe:
 * the owning index guards it.
 */
final class PostingList {

    private int[] ordinals = new int[4];
    private float[] weights = new float[4];
    private int size;

    int size() {
        return size;
    }

    int ordinalAt(int i) {
        return ordinals[i];
    }

    float weightAt(int i) {
        return weights[i];
    }

    /** Adds the point, or replaces its weight. */
    void put(int ordinal, float weight) {
        int at = size == 0 || ordinals[size - 1] < ordinal ? -(size + 1) : Arrays.binarySearch(ordinals, 0, size, ordinal);
        if (at >= 0) {
            weights[at] = weight;
            return;
        }
        int insert = -(at + 1);
        if (size == ordinals.length) {
            int capacity = size + Math.max(4, size >> 1);
            ordinals = Arrays.copyOf(ordinals, capacity);
            weights = Arrays.copyOf(weights, capacity);
        }
        System.arraycopy(ordinals, insert, ordinals, insert + 1, size - insert);
        System.arraycopy(weights, insert, weights, insert + 1, size - insert);
        ordinals[insert] = ordinal;
        weights[insert] = weight;
        size++;
    }

    /** Removes the point; false when it was not there. */
    boolean remove(int ordinal) {
        int at = Arrays.binarySearch(ordinals, 0, size, ordinal);
        if (at < 0) {
            return false;
        }
        System.arraycopy(ordinals, at + 1, ordinals, at, size - at - 1);
        System.arraycopy(weights, at + 1, weights, at, size - at - 1);
        size--;
        if (size < ordinals.length / 4 && ordinals.length > 16) {
            int capacity = Math.max(4, size * 2);
            ordinals = Arrays.copyOf(ordinals, capacity);
            weights = Arrays.copyOf(weights, capacity);
        }
        return true;
    }
}
