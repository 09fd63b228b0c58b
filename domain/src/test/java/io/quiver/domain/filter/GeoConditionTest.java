package io.quiver.domain.filter;

import static io.quiver.domain.filter.FilterMother.geoBox;
import static io.quiver.domain.filter.FilterMother.geoPolygon;
import static io.quiver.domain.filter.FilterMother.geoRadius;
import static io.quiver.domain.filter.FilterMother.must;
import static io.quiver.domain.filter.FilterMother.square;
import static io.quiver.domain.filter.PointViewMother.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.domain.error.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GeoConditionTest {

    private static boolean matches(Condition condition, String payloadJson) {
        return must(condition).matches(payload(payloadJson));
    }

    private static String at(double lon, double lat) {
        return "{\"loc\": {\"lon\": " + lon + ", \"lat\": " + lat + "}}";
    }

    @Nested
    class BoundingBox {

        private final FieldCondition box = geoBox("loc", 13.0, 53.0, 14.0, 52.0);

        @Test
        void matchesPointsStrictlyInside() {
            assertThat(matches(box, at(13.4, 52.5))).isTrue();
            assertThat(matches(box, at(14.5, 52.5))).isFalse();
            assertThat(matches(box, at(13.4, 51.9))).isFalse();
        }

        @Test
        void excludesTheEdges() {
            assertThat(matches(box, at(13.0, 52.5))).isFalse();
            assertThat(matches(box, at(13.4, 53.0))).isFalse();
        }

        @Test
        void wrapsAroundTheAntimeridianWhenLeftIsEastOfRight() {
            FieldCondition pacific = geoBox("loc", 170.0, 10.0, -170.0, -10.0);

            assertThat(matches(pacific, at(175.0, 0.0))).isTrue();
            assertThat(matches(pacific, at(-175.0, 0.0))).isTrue();
            assertThat(matches(pacific, at(0.0, 0.0))).isFalse();
        }
    }

    @Nested
    class Radius {

        @Test
        void matchesAnyOfSeveralStoredPoints() {
            String berlinAndMoscow = "{\"loc\": [{\"lon\": 13.413637, \"lat\": 52.521976},"
                    + " {\"lon\": 37.621379, \"lat\": 55.753628}]}";

            assertThat(matches(geoRadius("loc", 13.423637, 52.511, 2000), berlinAndMoscow)).isTrue();
            assertThat(matches(geoRadius("loc", 20.423637, 52.511, 2000), berlinAndMoscow)).isFalse();
        }

        @Test
        void decidesAPointOneMetreEitherSideOfTheCircle() {
            double oneDegreeOfLatitude = Math.toRadians(1) * GeoRadius.EARTH_RADIUS_METRES;

            assertThat(matches(geoRadius("loc", 0, 0, oneDegreeOfLatitude + 1), at(0, 1))).isTrue();
            assertThat(matches(geoRadius("loc", 0, 0, oneDegreeOfLatitude - 1), at(0, 1))).isFalse();
        }

        @Test
        void measuresAlongTheSphereAcrossTheAntimeridian() {
            assertThat(GeoRadius.distanceMetres(179.5, 0, -179.5, 0))
                    .isCloseTo(Math.toRadians(1) * GeoRadius.EARTH_RADIUS_METRES, org.assertj.core.data.Offset.offset(1e-6));
        }

        @Test
        void ignoresValuesThatAreNotGeoPoints() {
            FieldCondition anywhere = geoRadius("loc", 0, 0, 1e9);

            assertThat(matches(anywhere, "{\"loc\": \"0,0\"}")).isFalse();
            assertThat(matches(anywhere, "{\"loc\": {\"lon\": 0}}")).isFalse();
            assertThat(matches(anywhere, "{\"loc\": {\"lon\": \"0\", \"lat\": 0}}")).isFalse();
            assertThat(matches(anywhere, "{\"loc\": {\"lon\": 0, \"lat\": 0}}")).isTrue();
        }
    }

    @Nested
    class Polygon {

        private final FieldCondition squareWithHole =
                geoPolygon("loc", square(0, 0, 10, 10), square(4, 4, 6, 6));

        @Test
        void matchesPointsInsideTheExterior() {
            assertThat(matches(squareWithHole, at(2, 2))).isTrue();
            assertThat(matches(squareWithHole, at(11, 2))).isFalse();
        }

        @Test
        void excludesPointsInAHole() {
            assertThat(matches(squareWithHole, at(5, 5))).isFalse();
        }

        @Test
        void excludesPointsOnAnyRing() {
            assertThat(matches(squareWithHole, at(0, 5))).isFalse();
            assertThat(matches(squareWithHole, at(4, 5))).isFalse();
            assertThat(matches(squareWithHole, at(10, 10))).isFalse();
        }

        @Test
        void handlesConcaveRings() {
            FieldCondition lShape = geoPolygon("loc", FilterMother.ring(0, 0, 10, 0, 10, 2, 2, 2, 2, 10, 0, 10));

            assertThat(matches(lShape, at(1, 8))).isTrue();
            assertThat(matches(lShape, at(5, 5))).isFalse();
        }

        @Test
        void rejectsARingWithFewerThanFourPoints() {
            GeoLineString triangleNotClosedTwice = GeoLineString.of(
                    new GeoPoint(0, 0), new GeoPoint(1, 0), new GeoPoint(0, 0));

            assertThatThrownBy(() -> GeoPolygon.of(triangleNotClosedTwice))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations().getFirst().path())
                            .isEqualTo("exterior"))
                    .hasMessageContaining("polygon invalid, the size must be at least 4, got 3");
        }

        @Test
        void rejectsAnOpenRingAndNamesTheHole() {
            GeoLineString open = GeoLineString.of(
                    new GeoPoint(4, 4), new GeoPoint(6, 4), new GeoPoint(6, 6), new GeoPoint(4, 6));

            assertThatThrownBy(() -> new GeoPolygon(square(0, 0, 10, 10), List.of(open)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations().getFirst().path())
                            .isEqualTo("interiors[0]"))
                    .hasMessageContaining("first and the last points should be the same");
        }
    }

    @Test
    void rejectsCoordinatesOffTheGlobe() {
        assertThatThrownBy(() -> new GeoPoint(0, 91)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("within [-90;90]");
        assertThatThrownBy(() -> new GeoPoint(-180.5, 0)).isInstanceOf(ValidationException.class);
    }
}
