package io.quiver.domain.point;

import io.quiver.domain.error.ValidationException;
import java.util.Arrays;

/** One vector a point carries under a name: dense, sparse, or a multivector (a matrix compared by max-sim). */
public sealed interface VectorData {

    record Dense(float[] values) implements VectorData {
        @Override
        public boolean equals(Object o) {
            return o instanceof Dense d && Arrays.equals(values, d.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Dense" + Arrays.toString(values);
        }
    }

    /** Indices are unique; stored sorted by index so that dot products are a merge. */
    record Sparse(int[] indices, float[] values) implements VectorData {
        public Sparse {
            if (indices.length != values.length) {
                throw ValidationException.of("", "indices and values must have the same length, got "
                        + indices.length + " and " + values.length);
            }
            Integer[] order = new Integer[indices.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            int[] idx = indices;
            Arrays.sort(order, (a, b) -> Integer.compareUnsigned(idx[a], idx[b]));
            int[] sortedIdx = new int[indices.length];
            float[] sortedVal = new float[values.length];
            for (int i = 0; i < order.length; i++) {
                sortedIdx[i] = indices[order[i]];
                sortedVal[i] = values[order[i]];
                if (i > 0 && sortedIdx[i] == sortedIdx[i - 1]) {
                    throw ValidationException.of("indices", "must be unique, " + Integer.toUnsignedString(sortedIdx[i])
                            + " appears twice");
                }
            }
            indices = sortedIdx;
            values = sortedVal;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Sparse s && Arrays.equals(indices, s.indices) && Arrays.equals(values, s.values);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
        }
    }

    record Multi(float[][] vectors) implements VectorData {
        public Multi {
            if (vectors.length == 0) {
                throw ValidationException.of("", "multi vector must not be empty");
            }
            int dim = vectors[0].length;
            for (float[] v : vectors) {
                if (v.length == 0) {
                    throw ValidationException.of("", "all vectors must be non-empty");
                }
                if (v.length != dim) {
                    throw ValidationException.of("", "all vectors must have the same dimension, found vector with dimension "
                            + v.length);
                }
            }
        }

        public int dim() {
            return vectors[0].length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Multi m && Arrays.deepEquals(vectors, m.vectors);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(vectors);
        }
    }
}
