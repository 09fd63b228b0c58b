package io.quiver.application.service;

import static io.quiver.application.service.QueryTestBed.point;
import static io.quiver.application.service.QueryTestBed.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.application.port.in.SearchMatrixUseCase.Matrix;
import io.quiver.application.port.in.SearchMatrixUseCase.MatrixRequest;
import io.quiver.application.port.in.SearchMatrixUseCase.Neighbour;
import io.quiver.domain.error.BadInputException;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.filter.Condition;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.PointId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The distance matrix over a line of Euclid points 1..5 at x = 0, 1, 3, 6, 10 (point 6 has no vector). */
class SearchMatrixServiceTest {

    private final QueryTestBed bed = new QueryTestBed();

    @BeforeEach
    void points() {
        bed.collection("m", "{\"vectors\": {\"size\": 1, \"distance\": \"Euclid\"}}").upsert("m",
                point(1, v(0), null), point(2, v(1), null), point(3, v(3), null), point(4, v(6), null),
                point(5, v(10), null), point(6, Map.of(), null));
    }

    @AfterEach
    void close() {
        bed.close();
    }

    private Matrix matrix(int sample, int limit, Filter filter) {
        return bed.app.searchMatrix().matrix("m", new MatrixRequest(sample, limit, null, filter));
    }

    @Test
    void eachSampledPointGetsItsNearestOthersSortedById() {
        Matrix m = matrix(10, 2, null);

        assertThat(m.ids()).containsExactly(PointId.of(1), PointId.of(2), PointId.of(3), PointId.of(4), PointId.of(5));
        assertThat(m.nearest().get(0)).containsExactly(new Neighbour(PointId.of(2), 1f), new Neighbour(PointId.of(3), 3f));
        assertThat(m.nearest().get(2)).containsExactly(new Neighbour(PointId.of(2), 2f), new Neighbour(PointId.of(1), 3f));
        assertThat(m.nearest().get(4)).containsExactly(new Neighbour(PointId.of(4), 4f), new Neighbour(PointId.of(3), 7f));
    }

    @Test
    void samplesOnlyPointsPassingTheFilter() {
        Matrix m = matrix(10, 3, Filter.must(Condition.HasId.of(PointId.of(4), PointId.of(5), PointId.of(6))));

        assertThat(m.ids()).containsExactly(PointId.of(4), PointId.of(5));
        assertThat(m.nearest()).containsExactly(List.of(new Neighbour(PointId.of(5), 4f)),
                List.of(new Neighbour(PointId.of(4), 4f)));
    }

    @Test
    void sampleSizeLimitsTheRows() {
        Matrix m = matrix(3, 5, null);

        assertThat(m.ids()).hasSize(3).isSorted();
        assertThat(m.nearest()).allSatisfy(row -> assertThat(row).hasSize(2)
                .allSatisfy(n -> assertThat(m.ids()).contains(n.id())));
    }

    @Test
    void fewerThanTwoSampledPointsGiveAnEmptyMatrix() {
        assertThat(matrix(10, 3, Filter.must(Condition.HasId.of(PointId.of(1), PointId.of(6))))).isEqualTo(Matrix.EMPTY);
    }

    @Test
    void validatesLikeQdrant() {
        assertThatThrownBy(() -> new MatrixRequest(1, 3, null, null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("sample");
        assertThatThrownBy(() -> new MatrixRequest(10, 0, null, null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> bed.app.searchMatrix().matrix("m", new MatrixRequest(10, 3, "nope", null)))
                .isInstanceOf(BadInputException.class);
    }
}
