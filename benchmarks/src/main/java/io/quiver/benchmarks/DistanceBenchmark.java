package io.quiver.benchmarks;

import io.quiver.adapter.out.storage.simd.VectorMathProvider;
import io.quiver.domain.vector.VectorMath;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scalar versus Vector API distance kernels, measured through the {@link VectorMath} interface
 * exactly as the search paths call them.
 *
 * <p>The pair benchmarks keep both vectors in L1 and so show the kernels' best case; {@code
 * flatScanDot} walks {@value #SCAN_VECTORS} vectors stored back to back (0.2–3 MB), which is what an
 * exact search does and adds the cost of streaming from L2/L3. Its score is per vector.
 *
 * <p>Each {@code impl} runs in its own fork (JMH's default), so the interface call sites stay
 * monomorphic as they are in production, where one implementation is chosen at start-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DistanceBenchmark {

    static final int SCAN_VECTORS = 512;

    @Param({"100", "384", "768", "1536"})
    int dim;

    @Param({"scalar", "vector"})
    String impl;

    private VectorMath math;
    private float[] a;
    private float[] b;
    private float[] flat;

    @Setup
    public void setUp() {
        math = switch (impl) {
            case "scalar" -> VectorMathProvider.scalar();
            case "vector" -> vectorMath();
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        };
        Random random = new Random(42);
        a = randomVector(random, dim);
        b = randomVector(random, dim);
        flat = randomVector(random, dim * SCAN_VECTORS);
    }

    @Benchmark
    public float dot() {
        return math.dot(a, b);
    }

    @Benchmark
    public float squaredEuclid() {
        return math.squaredEuclid(a, b);
    }

    @Benchmark
    public float manhattan() {
        return math.manhattan(a, b);
    }

    @Benchmark
    @OperationsPerInvocation(SCAN_VECTORS)
    public float flatScanDot() {
        float best = Float.NEGATIVE_INFINITY;
        for (int offset = 0; offset < flat.length; offset += dim) {
            best = Math.max(best, math.dot(a, flat, offset));
        }
        return best;
    }

    /** Refuses to run rather than silently reporting scalar numbers under the "vector" label. */
    private static VectorMath vectorMath() {
        VectorMath best = VectorMathProvider.best();
        if (best == VectorMathProvider.scalar()) {
            throw new IllegalStateException("Vector API unavailable: " + VectorMathProvider.describe());
        }
        return best;
    }

    private static float[] randomVector(Random random, int length) {
        float[] vector = new float[length];
        for (int i = 0; i < length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }
}
