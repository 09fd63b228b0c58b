package io.quiver.adapter.out.storage.simd;

import io.quiver.domain.vector.VectorMath;
import io.quiver.domain.vector.VectorMathContract;

class PanamaVectorMathTest extends VectorMathContract {

    private final VectorMath math = new PanamaVectorMath();

    @Override
    protected VectorMath math() {
        return math;
    }
}
