package io.quiver.adapter.out.storage.simd;

import io.quiver.domain.vector.ScalarVectorMath;
import io.quiver.domain.vector.VectorMath;

/**
 * Picks the fastest {@link VectorMath} this JVM can run, once, at start-up.
 *
 * <p>The Vector API lives in an incubator module that is only resolved when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, and a jar manifest cannot ask for it. So the server must
 * run either way: with the module it gets SIMD kernels, without it the scalar ones and a log line
 * saying why. {@link PanamaVectorMath} is therefore never named in code that runs unconditionally; it
 * is loaded by name, after the module check, so a missing module can never surface as a
 * {@link NoClassDefFoundError}.
 */
public final class VectorMathProvider {

    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String PANAMA_CLASS = "io.quiver.adapter.out.storage.simd.PanamaVectorMath";

    private static final VectorMath SCALAR = new ScalarVectorMath();

    /** Lazily initialised on first use, so a caller that only wants {@link #scalar()} pays nothing. */
    private static final class Best {
        private static final Choice CHOICE = choose(vectorModulePresent());
    }

    private VectorMathProvider() {
    }

    /** The implementation every hot path should use. */
    public static VectorMath best() {
        return Best.CHOICE.math();
    }

    /** The portable implementation, e.g. as a reference in tests and benchmarks. */
    public static VectorMath scalar() {
        return SCALAR;
    }

    /** One line for the start-up log: which kernels run and, for the fallback, why. */
    public static String describe() {
        Choice choice = Best.CHOICE;
        return "vector math: " + choice.math().description() + "; " + choice.reason();
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** Separate from the module check so that tests can exercise the fallback path in-process. */
    static Choice choose(boolean modulePresent) {
        if (!modulePresent) {
            return new Choice(SCALAR, VECTOR_MODULE + " not present; start the JVM with --add-modules "
                    + VECTOR_MODULE + " to enable SIMD");
        }
        try {
            Class<?> panama = Class.forName(PANAMA_CLASS);
            if (!(boolean) panama.getDeclaredMethod("isAccelerated").invoke(null)) {
                return new Choice(SCALAR, "the CPU offers fewer than 4 float lanes per vector");
            }
            VectorMath math = (VectorMath) panama.getDeclaredConstructor().newInstance();
            return new Choice(math, VECTOR_MODULE + " present");
        } catch (ReflectiveOperationException | LinkageError e) {
            return new Choice(SCALAR, "Vector API unusable: " + e);
        }
    }

    record Choice(VectorMath math, String reason) {
    }
}
