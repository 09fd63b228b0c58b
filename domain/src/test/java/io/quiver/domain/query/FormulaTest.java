package io.quiver.domain.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quiver.domain.error.BadInputException;
import io.quiver.domain.filter.FieldCondition;
import io.quiver.domain.filter.GeoPoint;
import io.quiver.domain.filter.Match;
import io.quiver.domain.filter.PointViewMother;
import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.payload.PayloadValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Formula evaluation against Qdrant's semantics (values from Qdrant's own formula scorer tests). */
class FormulaTest {

    private static final PointViewMother POINT = PointViewMother.point(7, """
            {"number": 85.0, "array_of_one": [1.2], "array": [1.2, 2.3], "text": "x",
             "geo_point": {"lat": 25.628482424190565, "lon": -100.23881855976},
             "created": "2025-03-18T00:00:00Z", "tag": "red"}""");

    /** Prefetch 0 scored the point 1.0, prefetch 1 scored it 2.0. */
    private static float score(Expression e, Map<String, PayloadValue> defaults) {
        return Formula.of(e, defaults).score(POINT, i -> i == 0 ? Float.valueOf(1.0f) : i == 1 ? Float.valueOf(2.0f) : null);
    }

    private static float score(Expression e) {
        return score(e, Map.of());
    }

    private static Expression c(double v) {
        return new Expression.Constant(v);
    }

    private static Expression var(String name) {
        return Expression.variable(name);
    }

    @Nested
    class Variables {
        @Test
        void scoresComeFromThePrefetchesAndDefaultToTheDefaultsOrZero() {
            assertThat(score(var("$score"))).isEqualTo(1.0f);
            assertThat(score(var("$score[0]"))).isEqualTo(1.0f);
            assertThat(score(var("$score[1]"))).isEqualTo(2.0f);
            assertThat(score(var("$score[3]"), Map.of("$score[3]", PayloadValue.of(1.5)))).isEqualTo(1.5f);
            assertThat(score(var("$score[10]"))).isEqualTo(0.0f);
            // a default that is not a number counts as no default
            assertThat(score(var("$score[3]"), Map.of("$score[3]", PayloadValue.of("high")))).isEqualTo(0.0f);
        }

        @Test
        void payloadNumbersAndArraysOfOneAreNumbers() {
            assertThat(score(var("number"))).isEqualTo(85.0f);
            assertThat(score(var("array_of_one"))).isEqualTo(1.2f);
        }

        @Test
        void aMissingKeyTakesItsDefaultOrFails() {
            assertThat(score(var("no_number"), Map.of("no_number", PayloadValue.of(85.0)))).isEqualTo(85.0f);
            assertThatThrownBy(() -> score(var("missing_field"))).isInstanceOf(BadInputException.class)
                    .hasMessage("Expected number value for missing_field in the payload and/or in the formula"
                            + " defaults. Error: No value found in a payload nor defaults");
        }

        @Test
        void severalValuesOrAStringAreNotANumber() {
            assertThatThrownBy(() -> score(var("array"))).hasMessage("Expected number value for array in the"
                    + " payload and/or in the formula defaults. Error: Value is not a number");
            assertThatThrownBy(() -> score(var("text"))).hasMessageEndingWith("Error: Value is not a number");
        }

        @Test
        void reservedNamesAreChecked() {
            assertThat(var("$score[2]")).isEqualTo(new Expression.Score(2));
            assertThat(var("a.b[0]")).isEqualTo(new Expression.Variable(JsonPath.parse("a.b[0]")));
            assertThatThrownBy(() -> var("$invalid")).hasMessage("Invalid reserved word: $invalid");
            assertThatThrownBy(() -> var("$score.x")).hasMessage("Invalid reserved variable: $score.x");
            assertThatThrownBy(() -> var("$score[1][2]")).hasMessage("Invalid reserved variable: $score[1][2]");
            assertThatThrownBy(() -> var("$score[]")).hasMessage("Invalid reserved variable: $score[]");
            assertThatThrownBy(() -> var("")).hasMessage("Invalid payload variable: ");
        }

        @Test
        void conditionsAreOneOrZero() {
            Expression red = new Expression.Check(FieldCondition.match(JsonPath.parse("tag"),
                    Match.value("red")));
            Expression blue = new Expression.Check(FieldCondition.match(JsonPath.parse("tag"),
                    Match.value("blue")));
            assertThat(score(red)).isEqualTo(1.0f);
            assertThat(score(blue)).isEqualTo(0.0f);
        }
    }

    @Nested
    class Operations {
        @Test
        void sumMultNegAbs() {
            assertThat(score(new Expression.Sum(List.of(c(1), var("$score"), var("number"))))).isEqualTo(87.0f);
            assertThat(score(new Expression.Mult(List.of(c(2), var("$score"), var("number"))))).isEqualTo(170.0f);
            assertThat(score(new Expression.Neg(c(10)))).isEqualTo(-10.0f);
            assertThat(score(new Expression.Abs(c(-3)))).isEqualTo(3.0f);
        }

        @Test
        void multStopsAtZeroAndDivAtAZeroNumerator() {
            assertThat(score(new Expression.Mult(List.of(c(0), var("missing"))))).isEqualTo(0.0f);
            assertThat(score(new Expression.Div(c(0), var("missing"), null))).isEqualTo(0.0f);
        }

        @Test
        void divisionByZeroTakesTheDefaultOrFails() {
            assertThat(score(new Expression.Div(c(10), var("$score"), null))).isEqualTo(10.0f);
            assertThat(score(new Expression.Div(c(1), c(0), 7.0))).isEqualTo(7.0f);
            assertThatThrownBy(() -> score(new Expression.Div(c(1), c(0), null)))
                    .hasMessage("The expression 1/0 = inf produced a non-finite number");
        }

        @Test
        void domainErrorsAreNonFiniteNumbers() {
            assertThatThrownBy(() -> score(new Expression.Pow(c(-1), c(0.4))))
                    .hasMessage("The expression -1^0.4 = NaN produced a non-finite number");
            assertThatThrownBy(() -> score(new Expression.Sqrt(c(-3))))
                    .hasMessage("The expression √-3 = NaN produced a non-finite number");
            assertThatThrownBy(() -> score(new Expression.Log10(c(0))))
                    .hasMessage("The expression log10(0) = -inf produced a non-finite number");
            assertThatThrownBy(() -> score(new Expression.Ln(c(0))))
                    .hasMessage("The expression ln(0) = -inf produced a non-finite number");
            assertThatThrownBy(() -> score(new Expression.Exp(c(1000))))
                    .hasMessage("The expression exp(1000) = inf produced a non-finite number");
            assertThatThrownBy(() -> score(new Expression.Mult(List.of(c(1e20), c(1e19)))))
                    .hasMessage("The expression 1000000000000000000000000000000000000000 as f32 = inf produced a"
                            + " non-finite number");
        }

        @Test
        void powExpLogs() {
            assertThat(score(new Expression.Pow(c(2), c(10)))).isEqualTo(1024.0f);
            assertThat(score(new Expression.Sqrt(c(16)))).isEqualTo(4.0f);
            assertThat(score(new Expression.Log10(c(1000)))).isCloseTo(3.0f, within(1e-6f));
            assertThat(score(new Expression.Ln(new Expression.Exp(c(2))))).isCloseTo(2.0f, within(1e-6f));
        }
    }

    @Nested
    class GeoAndTime {
        private final GeoPoint origin = new GeoPoint(-100.43383200156751, 25.717877679163667);

        @Test
        void geoDistanceIsHaversineMetres() {
            assertThat(score(new Expression.GeoDistance(origin, JsonPath.parse("geo_point"))))
                    .isCloseTo(21926.494f, within(0.01f));
            assertThat(score(new Expression.GeoDistance(origin, JsonPath.parse("no_geo")),
                    Map.of("no_geo", PayloadMother.value("{\"lat\": 25.0, \"lon\": -100.0}"))))
                    .isCloseTo(90951.3f, within(0.05f));
            assertThatThrownBy(() -> score(new Expression.GeoDistance(origin, JsonPath.parse("number"))))
                    .hasMessageStartingWith("Expected geo point value for number in the payload and/or in the"
                            + " formula defaults. Error: ");
        }

        @Test
        void datetimesAreSecondsSinceTheEpoch() {
            double seconds = Instant.parse("2025-03-18T00:00:00Z").getEpochSecond();
            assertThat(score(new Expression.DatetimeKey(JsonPath.parse("created")))).isEqualTo((float) seconds);
            assertThat(score(new Expression.Datetime(Instant.parse("2025-03-18T00:00:00Z")))).isEqualTo((float) seconds);
            assertThat(score(new Expression.DatetimeKey(JsonPath.parse("later")),
                    Map.of("later", PayloadValue.of("2025-03-19T12:00:00")))).isEqualTo((float) (seconds + 129_600));
            assertThatThrownBy(() -> score(new Expression.DatetimeKey(JsonPath.parse("number"))))
                    .hasMessageEndingWith("Error: Value is not a string");
        }
    }

    @Nested
    class Decays {
        private float decay(Expression.DecayKind kind, double x, Float midpoint, Float scale) {
            return score(Expression.decay(kind, c(x), c(5), midpoint, scale));
        }

        @Test
        void theMidpointIsReachedAtOneScaleFromTheTarget() {
            for (Expression.DecayKind kind : Expression.DecayKind.values()) {
                assertThat(decay(kind, 7, null, 2f)).as("%s", kind).isCloseTo(0.5f, within(1e-6f));
                assertThat(decay(kind, 3, 0.2f, 2f)).as("%s", kind).isCloseTo(0.2f, within(1e-6f));
                assertThat(decay(kind, 5, null, null)).as("%s", kind).isEqualTo(1.0f);
            }
        }

        @Test
        void shapesDifferAwayFromTheMidpoint() {
            // |x - target| = 2 scales: lin 1 - 2 * 0.5 = 0, exp 0.5^2, gauss 0.5^4
            assertThat(decay(Expression.DecayKind.LIN, 9, null, 2f)).isEqualTo(0.0f);
            assertThat(decay(Expression.DecayKind.EXP, 9, null, 2f)).isCloseTo(0.25f, within(1e-6f));
            assertThat(decay(Expression.DecayKind.GAUSS, 9, null, 2f)).isCloseTo(0.0625f, within(1e-6f));
            assertThat(decay(Expression.DecayKind.LIN, 100, null, 2f)).isEqualTo(0.0f);
        }

        @Test
        void theTargetDefaultsToZero() {
            assertThat(score(Expression.decay(Expression.DecayKind.LIN, c(1), null, null, null))).isEqualTo(0.5f);
        }

        @Test
        void parametersAreValidatedAsInQdrant() {
            assertThatThrownBy(() -> Expression.decay(Expression.DecayKind.LIN, c(1), null, 1.5f, null))
                    .isInstanceOf(BadInputException.class).hasMessage(
                            "Validation failed: Linear decay midpoint should be in the range [0.0, 1.0], got 1.5.");
            assertThatThrownBy(() -> Expression.decay(Expression.DecayKind.EXP, c(1), null, 1f, null))
                    .hasMessage("Validation failed: Decay midpoint should be in the range (0.0, 1.0), got 1.");
            assertThatThrownBy(() -> Expression.decay(Expression.DecayKind.GAUSS, c(1), null, null, 0f))
                    .hasMessage("Validation failed: Decay scale should be non-zero positive, got 0.");
            assertThat(Expression.decay(Expression.DecayKind.LIN, c(1), null, 0f, null).lambda()).isEqualTo(1.0);
        }
    }

    @Test
    void defaultsAreKeyedLikeVariables() {
        Formula f = Formula.of(c(1), Map.of("$score", PayloadValue.of(1), "$score[2]", PayloadValue.of(2),
                "a.b", PayloadValue.of(3)));
        assertThat(f.scoreDefaults()).containsOnlyKeys(0, 2);
        assertThat(f.payloadDefaults()).containsOnlyKeys(JsonPath.parse("a.b"));
        assertThatThrownBy(() -> Formula.of(c(1), Map.of("$nope", PayloadValue.of(1))))
                .hasMessage("Invalid reserved word: $nope");
    }

    @Test
    void numbersPrintAsRustPrintsThem() {
        assertThat(Formula.display(1.0)).isEqualTo("1");
        assertThat(Formula.display(0.4)).isEqualTo("0.4");
        assertThat(Formula.display(-3.0)).isEqualTo("-3");
        assertThat(Formula.display((double) 0.3f)).isEqualTo("0.30000001192092896");
    }
}
