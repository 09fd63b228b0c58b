package io.quiver.domain.vector;

class ScalarVectorMathTest extends VectorMathContract {

    private final VectorMath math = new ScalarVectorMath();

    @Override
    protected VectorMath math() {
        return math;
    }
}
