package io.quiver.adapter.out.storage.payloadindex;

import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.index;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.matching;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.with;
import static io.quiver.domain.filter.FilterMother.geoBox;
import static io.quiver.domain.filter.FilterMother.geoPolygon;
import static io.quiver.domain.filter.FilterMother.geoRadius;
import static io.quiver.domain.filter.FilterMother.matchValue;
import static io.quiver.domain.filter.FilterMother.square;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.PayloadIndex;
import io.quiver.domain.index.PayloadSchemaType;
import org.junit.jupiter.api.Test;

class GeoPayloadIndexTest {

    private final PayloadIndex index = with(index("loc", PayloadSchemaType.GEO),
            "{\"loc\": {\"lon\": 179.9, \"lat\": 10}}",
            "{\"loc\": {\"lon\": -179.9, \"lat\": 10}}",
            "{\"loc\": [{\"lon\": 0.5, \"lat\": 0.5}, {\"lon\": 13.4, \"lat\": 52.5}]}",
            "{\"loc\": {\"lon\": 45, \"lat\": 89.99}}",
            "{\"loc\": {\"lon\": -135, \"lat\": 89.99}}",
            "{\"loc\": {\"lon\": \"0.5\", \"lat\": 0.5}}",
            "{\"loc\": {\"lon\": 200, \"lat\": 10}}",
            "{\"loc\": {\"lon\": 0, \"lat\": 0, \"name\": \"null island\"}}",
            "{\"loc\": [0.5, 0.5]}");

    @Test
    void indexesLonLatObjectsWithNumbersAsStored() {
        assertThat(index.indexedPoints()).isEqualTo(7);
    }

    @Test
    void boxesMayWrapAroundTheAntimeridian() {
        // point 7 (lon 200, out of range) lies east of 179, which is inside a wrapping box for the evaluator too
        assertThat(matching(index, geoBox("loc", 179, 11, -179, 9))).containsExactly(1L, 2L, 7L);
        assertThat(matching(index, geoBox("loc", 179, 11, 180, 9))).containsExactly(1L);
        assertThat(matching(index, geoBox("loc", -1, 1, 1, -1))).containsExactly(3L, 8L);
        assertThat(matching(index, geoBox("loc", 0, 1, 1, 0))).containsExactly(3L);
    }

    @Test
    void circlesCrossTheAntimeridianAndThePoles() {
        assertThat(matching(index, geoRadius("loc", 180, 10, 30_000))).containsExactly(1L, 2L);
        assertThat(matching(index, geoRadius("loc", 0, 90, 5_000))).containsExactly(4L, 5L);
        assertThat(matching(index, geoRadius("loc", 13.4, 52.5, 1))).containsExactly(3L);
        assertThat(matching(index, geoRadius("loc", 0, 0, 0))).isEmpty();
        assertThat(matching(index, geoRadius("loc", 0, 0, 30_000_000))).containsExactly(1L, 2L, 3L, 4L, 5L, 7L, 8L);
    }

    @Test
    void outOfRangeCoordinatesAreTestedLikeTheEvaluatorDoes() {
        assertThat(matching(index, geoRadius("loc", -160, 10, 10_000))).containsExactly(7L);
    }

    @Test
    void polygonsExcludeTheirHolesAndEdges() {
        assertThat(matching(index, geoPolygon("loc", square(-1, -1, 1, 1)))).containsExactly(3L, 8L);
        assertThat(matching(index, geoPolygon("loc", square(-1, -1, 1, 1), square(-0.1, -0.1, 0.1, 0.1))))
                .containsExactly(3L);
        assertThat(matching(index, geoPolygon("loc", square(0, 0, 1, 1)))).containsExactly(3L);
    }

    @Test
    void leavesOtherConditionsToTheEvaluator() {
        assertThat(index.matching(matchValue("loc", "x"))).isEmpty();
        assertThat(index.estimate(geoRadius("loc", 0, 0, 10))).isBetween(1L, 9L);
    }
}
