package io.quiver.adapter.out.storage.simd;

import io.quiver.domain.vector.VectorMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the incubating Vector API: one fused multiply-add per {@code SPECIES_PREFERRED} lanes
 * (16 floats on AVX-512), which is the difference between ~230 ns and ~50 ns for a 768-d dot
 * product. The elements left over after the last full vector are finished with a scalar loop,
 * because masked tail loads are slow on CPUs without AVX-512 mask registers.
 *
 * <p>Loading this class needs {@code --add-modules jdk.incubator.vector}; without it the JVM throws
 * {@link NoClassDefFoundError}. Only {@link VectorMathProvider} should touch it, and only after it
 * has checked that the module is present.
 */
final class PanamaVectorMath implements VectorMath {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /** Narrower than this, the Vector API falls back to Java code that is slower than the scalar loop. */
    private static final int MIN_USEFUL_LANES = 4;

    private static final int LANES = SPECIES.length();
    private static final VectorSpecies<Float> HALF_512 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> HALF_256 = FloatVector.SPECIES_128;

    static boolean isAccelerated() {
        return SPECIES.length() >= MIN_USEFUL_LANES;
    }

    /**
     * The sum of the lanes in one fixed order: halves added lane-wise down to four lanes, then
     * {@code (l0 + l2) + (l1 + l3)}. {@code reduceLanes(ADD)} leaves the order to the implementation, and the
     * JIT's order differs from the interpreter's, so the same vectors could score differently by a bit
     * before and after a method is compiled; exact re-scoring promises the same bits every time.
     */
    private static float sumLanes(FloatVector v) {
        if (LANES > 16 || LANES < 4) {
            float sum = 0; // no such float vectors on today's CPUs: correct, not fast
            for (int i = 0; i < LANES; i++) {
                sum += v.lane(i);
            }
            return sum;
        }
        FloatVector eight = LANES == 16
                ? ((FloatVector) v.reinterpretShape(HALF_512, 0)).add((FloatVector) v.reinterpretShape(HALF_512, 1)) : v;
        FloatVector four = LANES >= 8
                ? ((FloatVector) eight.reinterpretShape(HALF_256, 0)).add((FloatVector) eight.reinterpretShape(HALF_256, 1))
                : eight;
        return (four.lane(0) + four.lane(2)) + (four.lane(1) + four.lane(3));
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        VectorMath.checkRange(a, aOffset, length);
        VectorMath.checkRange(b, bOffset, length);
        FloatVector sum = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, a, aOffset + i);
            FloatVector y = FloatVector.fromArray(SPECIES, b, bOffset + i);
            sum = x.fma(y, sum);
        }
        float result = sumLanes(sum);
        for (; i < length; i++) {
            result += a[aOffset + i] * b[bOffset + i];
        }
        return result;
    }

    @Override
    public float squaredEuclid(float[] a, int aOffset, float[] b, int bOffset, int length) {
        VectorMath.checkRange(a, aOffset, length);
        VectorMath.checkRange(b, bOffset, length);
        FloatVector sum = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += SPECIES.length()) {
            FloatVector diff = FloatVector.fromArray(SPECIES, a, aOffset + i)
                    .sub(FloatVector.fromArray(SPECIES, b, bOffset + i));
            sum = diff.fma(diff, sum);
        }
        float result = sumLanes(sum);
        for (; i < length; i++) {
            float diff = a[aOffset + i] - b[bOffset + i];
            result += diff * diff;
        }
        return result;
    }

    @Override
    public float manhattan(float[] a, int aOffset, float[] b, int bOffset, int length) {
        VectorMath.checkRange(a, aOffset, length);
        VectorMath.checkRange(b, bOffset, length);
        FloatVector sum = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += SPECIES.length()) {
            FloatVector diff = FloatVector.fromArray(SPECIES, a, aOffset + i)
                    .sub(FloatVector.fromArray(SPECIES, b, bOffset + i));
            sum = sum.add(diff.abs());
        }
        float result = sumLanes(sum);
        for (; i < length; i++) {
            result += Math.abs(a[aOffset + i] - b[bOffset + i]);
        }
        return result;
    }

    @Override
    public String description() {
        return "Vector API " + SPECIES.vectorBitSize() + "-bit (" + SPECIES.length() + " float lanes)";
    }

    @Override
    public String toString() {
        return description();
    }
}
