package io.quiver.domain.vector;

import java.util.Objects;

/**
 * The arithmetic kernels every search path spends its time in.
 *
 * <p>It is an interface so that the domain stays on the plain JDK while an adapter can plug in a
 * SIMD implementation (the Vector API is an incubator module that is not always present at run
 * time). Each kernel has three shapes:
 * <ul>
 *   <li>{@code f(a, b)} for two stand-alone vectors of the same length;</li>
 *   <li>{@code f(query, data, offset)} for a flat scan: many vectors of {@code query.length} floats
 *       stored back to back in one big array, so the scan touches no object headers and no pointers;</li>
 *   <li>{@code f(a, aOffset, b, bOffset, length)}, the general form the other two delegate to, which
 *       also covers comparing two vectors that both live in flat storage (e.g. graph construction).</li>
 * </ul>
 * Results are {@code float}s: accumulation order is implementation-defined, so two implementations
 * may differ in the last bits, never by more than ordinary float rounding.
 */
public interface VectorMath {

    /** Inner product over {@code length} elements starting at the given offsets. */
    float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

    /** Sum of squared differences; the square root is left to the caller because ranking doesn't need it. */
    float squaredEuclid(float[] a, int aOffset, float[] b, int bOffset, int length);

    /** Sum of absolute differences (L1 distance). */
    float manhattan(float[] a, int aOffset, float[] b, int bOffset, int length);

    /** A short human-readable name for logs and benchmark reports, e.g. "scalar" or "Vector API 512-bit". */
    String description();

    default float dot(float[] a, float[] b) {
        return dot(a, 0, b, 0, sameLength(a, b));
    }

    default float squaredEuclid(float[] a, float[] b) {
        return squaredEuclid(a, 0, b, 0, sameLength(a, b));
    }

    default float manhattan(float[] a, float[] b) {
        return manhattan(a, 0, b, 0, sameLength(a, b));
    }

    /** Compares {@code query} with the vector of the same length stored at {@code offset} in {@code data}. */
    default float dot(float[] query, float[] data, int offset) {
        return dot(query, 0, data, offset, query.length);
    }

    /** Flat-scan form of {@link #squaredEuclid(float[], float[])}; see {@link #dot(float[], float[], int)}. */
    default float squaredEuclid(float[] query, float[] data, int offset) {
        return squaredEuclid(query, 0, data, offset, query.length);
    }

    /** Flat-scan form of {@link #manhattan(float[], float[])}; see {@link #dot(float[], float[], int)}. */
    default float manhattan(float[] query, float[] data, int offset) {
        return manhattan(query, 0, data, offset, query.length);
    }

    /** Euclidean length; computed through {@link #dot} so it gets the same speed-up. */
    default float norm(float[] a) {
        return (float) Math.sqrt(dot(a, 0, a, 0, a.length));
    }

    /**
     * Checks the bounds of one operand once, before the loop, so that a bad offset fails loudly with
     * an {@link IndexOutOfBoundsException} instead of silently reading a neighbouring vector.
     */
    static void checkRange(float[] array, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, array.length);
    }

    private static int sameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "vectors differ in length: " + a.length + " vs " + b.length);
        }
        return a.length;
    }
}
