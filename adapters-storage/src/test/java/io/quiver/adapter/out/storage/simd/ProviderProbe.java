package io.quiver.adapter.out.storage.simd;

import io.quiver.domain.vector.VectorMath;

/** Entry point for the child JVM in {@link VectorMathProviderTest}, started without the Vector API module. */
public final class ProviderProbe {

    private ProviderProbe() {
    }

    public static void main(String[] args) {
        VectorMath math = VectorMathProvider.best();
        System.out.println("implementation=" + math.getClass().getSimpleName());
        System.out.println("dot=" + math.dot(new float[] {1, 2, 3}, new float[] {4, 5, 6}));
        System.out.println(VectorMathProvider.describe());
    }
}
