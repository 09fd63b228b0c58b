package io.quiver.domain.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.domain.collection.CollectionParams;
import io.quiver.domain.collection.VectorParams;
import io.quiver.domain.collection.VectorsConfig;
import io.quiver.domain.error.BadInputException;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.vector.Datatype;
import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.ScalarVectorMath;
import io.quiver.domain.vector.Scoring;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PointPreparationTest {

    private final PointPreparation preparation = new PointPreparation(new Scoring(new ScalarVectorMath()));

    private static CollectionParams space(Distance distance, Datatype datatype) {
        VectorParams params = new VectorParams(3, distance, null, null, null, null, datatype, null);
        return new CollectionParams(new VectorsConfig.Single(params), 1, null, 1, 1, null, null, true, null, null);
    }

    private float[] prepared(CollectionParams params, float... values) {
        Point point = new Point(PointId.of(1), Map.of("", new VectorData.Dense(values)), null);
        return ((VectorData.Dense) preparation.prepare(point, params).vectors().get("")).values();
    }

    @Test
    void cosineVectorsAreNormalisedOnWrite() {
        assertThat(prepared(space(Distance.COSINE, null), 3, 0, 4)).containsExactly(0.6f, 0f, 0.8f);
    }

    @Test
    void float16SpacesKeepHalfPrecisionValues() {
        float[] stored = prepared(space(Distance.DOT, Datatype.FLOAT16), 0.1f, 1000.3f, -2.5f);

        assertThat(stored[0]).isEqualTo(Float.float16ToFloat(Float.floatToFloat16(0.1f))).isNotEqualTo(0.1f);
        assertThat(stored[1]).isEqualTo(1000.5f);
        assertThat(stored[2]).isEqualTo(-2.5f);
    }

    @Test
    void uint8SpacesTruncateAndSaturate() {
        assertThat(prepared(space(Distance.DOT, Datatype.UINT8), 12.9f, 300f, -4f)).containsExactly(12f, 255f, 0f);
    }

    @Test
    void aWrongDimensionIsRejectedInQdrantsWords() {
        assertThatThrownBy(() -> prepared(space(Distance.DOT, null), 1, 2))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Vector dimension error: expected dim: 3, got 2");
    }

    @Test
    void anUnknownVectorNameIsRejected() {
        Point point = new Point(PointId.of(1), Map.of("other", new VectorData.Dense(new float[] {1, 2, 3})), null);

        assertThatThrownBy(() -> preparation.prepare(point, space(Distance.DOT, null)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Not existing vector name error: other");
    }
}
