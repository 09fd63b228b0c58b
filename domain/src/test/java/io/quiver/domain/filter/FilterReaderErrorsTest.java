package io.quiver.domain.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.error.ValidationException.Violation;
import io.quiver.domain.payload.PayloadMother;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Filter documents the reader refuses: shape errors (HTTP 400) and rule violations (HTTP 422), each
 * naming the path of the offending field.
 */
class FilterReaderErrorsTest {

    private static Filter read(String json) {
        return FilterReader.read(PayloadMother.value(json), "filter");
    }

    /** Reads {@code {"must": [<condition>]}}. */
    private static Filter readCondition(String conditionJson) {
        return read("{\"must\": [" + conditionJson + "]}");
    }

    private static void assertMalformed(String filterJson, String expectedMessage) {
        assertThatThrownBy(() -> read(filterJson))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage(expectedMessage);
    }

    private static void assertConditionMalformed(String conditionJson, String expectedMessageStart) {
        assertThatThrownBy(() -> readCondition(conditionJson))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageStartingWith(expectedMessageStart);
    }

    private static void assertViolations(String filterJson, Violation... expected) {
        assertThatThrownBy(() -> read(filterJson))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.violations()).containsExactly(expected));
    }

    private static final String NO_FIELD_CONDITION = "At least one field condition must be specified";

    @Nested
    class FilterShape {

        @Test
        void theDocumentMustBeAnObject() {
            assertThatThrownBy(() -> FilterReader.read(PayloadMother.value("[1]"), "filter"))
                    .isInstanceOf(MalformedInputException.class)
                    .hasMessage("filter: invalid type: sequence, expected struct Filter");
        }

        @Test
        void refusesAnUnknownTopLevelFieldInSerdesWords() {
            assertMalformed("{\"must\": [], \"filter\": {}}",
                    "filter: unknown field `filter`, expected one of `should`, `min_should`, `must`, `must_not`");
        }

        @Test
        void refusesAnUnknownFieldOfAFilterUsedAsACondition() {
            assertMalformed("{\"should\": [{\"must\": [], \"mustnt\": []}]}",
                    "filter.should[0]: unknown field `mustnt`, expected one of `should`, `min_should`, `must`, `must_not`");
        }

        @Test
        void aClauseMustBeAConditionOrAnArray() {
            assertMalformed("{\"must\": \"city\"}",
                    "filter.must: invalid type: string \"city\", expected a condition or an array of conditions");
        }

        @Test
        void aConditionMustBeAnObject() {
            assertThatThrownBy(() -> read("{\"must\": [1]}"))
                    .isInstanceOf(MalformedInputException.class)
                    .hasMessageStartingWith("filter.must[0]: Expected some form of condition");
        }

        @Test
        void aConditionWithOnlyUnknownKeysIsNoCondition() {
            assertThatThrownBy(() -> read("{\"must_not\": {\"city\": \"Berlin\"}}"))
                    .isInstanceOf(MalformedInputException.class)
                    .hasMessageStartingWith("filter.must_not: Expected some form of condition, which can be a field condition");
        }

        @Test
        void minShouldNeedsItsConditionsAndCount() {
            assertMalformed("{\"min_should\": {\"conditions\": []}}", "filter.min_should: missing field `min_count`");
            assertMalformed("{\"min_should\": {\"min_count\": 1}}", "filter.min_should: missing field `conditions`");
            assertMalformed("{\"min_should\": {\"conditions\": {\"has_id\": [1]}, \"min_count\": 1}}",
                    "filter.min_should.conditions: invalid type: map, expected a sequence");
            assertMalformed("{\"min_should\": {\"conditions\": [], \"min_count\": -1}}",
                    "filter.min_should.min_count: invalid value: integer `-1`, expected usize");
        }

        @Test
        void reportsTheFirstMistakeInDocumentOrder() {
            assertMalformed("{\"should\": [{\"has_id\": \"x\"}], \"must\": [{\"has_vector\": 1}]}",
                    "filter.should[0].has_id: invalid type: string \"x\", expected a sequence");
        }
    }

    @Nested
    class FieldConditionShape {

        @Test
        void theKeyMustBeAString() {
            assertConditionMalformed("{\"key\": 1, \"match\": {\"value\": 1}}",
                    "filter.must[0].key: invalid type: integer `1`, expected a string");
            assertConditionMalformed("{\"key\": null, \"match\": {\"value\": 1}}",
                    "filter.must[0].key: invalid type: null, expected a string");
        }

        @Test
        void theKeyMustBeAValidPath() {
            assertConditionMalformed("{\"key\": \"a..b\", \"match\": {\"value\": 1}}",
                    "filter.must[0].key: Invalid json path");
        }

        @Test
        void matchMustBeAnObjectWithAKnownVariant() {
            assertConditionMalformed("{\"key\": \"a\", \"match\": \"Berlin\"}",
                    "filter.must[0].match: invalid type: string \"Berlin\", expected a map");
            assertConditionMalformed("{\"key\": \"a\", \"match\": {\"values\": [1]}}",
                    "filter.must[0].match: data did not match any variant of untagged enum Match, expected one of "
                            + "`value`, `text`, `text_any`, `phrase`, `prefix`, `any`, `except`");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.5", "null", "[1]", "{}"})
        void matchValueMustBeAStringAnIntegerOrABoolean(String value) {
            assertConditionMalformed("{\"key\": \"a\", \"match\": {\"value\": " + value + "}}",
                    "filter.must[0].match.value: invalid type: ");
        }

        @Test
        void matchAnyMustNotMixStringsAndIntegers() {
            assertConditionMalformed("{\"key\": \"a\", \"match\": {\"any\": [\"x\", 1]}}",
                    "filter.must[0].match.any: data did not match any variant of untagged enum AnyVariants");
            assertConditionMalformed("{\"key\": \"a\", \"match\": {\"except\": [1, \"x\"]}}",
                    "filter.must[0].match.except: data did not match any variant of untagged enum AnyVariants");
        }

        @Test
        void matchAnyHoldsOnlyStringsOrIntegers() {
            assertConditionMalformed("{\"key\": \"a\", \"match\": {\"any\": [1.5]}}", "filter.must[0].match.any: ");
            assertConditionMalformed("{\"key\": \"a\", \"match\": {\"any\": [true]}}", "filter.must[0].match.any: ");
            assertConditionMalformed("{\"key\": \"a\", \"match\": {\"any\": \"x\"}}",
                    "filter.must[0].match.any: invalid type: string \"x\", expected a sequence");
        }

        @Test
        void theTextVariantsTakeStrings() {
            assertConditionMalformed("{\"key\": \"a\", \"match\": {\"text\": 1}}",
                    "filter.must[0].match.text: invalid type: integer `1`, expected a string");
            assertConditionMalformed("{\"key\": \"a\", \"match\": {\"prefix\": [\"x\"]}}",
                    "filter.must[0].match.prefix: invalid type: sequence, expected a string");
        }

        @Test
        void aRangeBoundMustBeANumberOrADatetime() {
            assertConditionMalformed("{\"key\": \"a\", \"range\": {\"gte\": true}}",
                    "filter.must[0].range.gte: invalid type: boolean `true`, expected a number or a datetime string");
            assertConditionMalformed("{\"key\": \"a\", \"range\": [1, 2]}",
                    "filter.must[0].range: invalid type: sequence, expected a map");
        }

        @Test
        void anInvalidDatetimeIsAFormatErrorNamingTheValue() {
            assertThatThrownBy(() -> readCondition("{\"key\": \"at\", \"range\": {\"gte\": \"2014-01-01T00:00:00BAD\"}}"))
                    .isInstanceOf(MalformedInputException.class)
                    .hasMessage("filter.must[0].range.gte: '2014-01-01T00:00:00BAD' does not match accepted"
                            + " datetime format (RFC3339). Example: 2014-01-01T00:00:00Z");
            assertConditionMalformed("{\"key\": \"at\", \"range\": {\"lt\": \"2023-02-30\"}}",
                    "filter.must[0].range.lt: '2023-02-30' does not match");
            assertConditionMalformed("{\"key\": \"at\", \"range\": {\"lt\": \"yesterday\"}}",
                    "filter.must[0].range.lt: 'yesterday' does not match");
        }

        @Test
        void aDatetimeRangeMayNotMixInNumbers() {
            assertConditionMalformed("{\"key\": \"at\", \"range\": {\"gte\": \"2023-01-01T00:00:00Z\", \"lt\": 5}}",
                    "filter.must[0].range.lt: invalid type: integer `5`, expected a datetime string");
        }

        @Test
        void valuesCountTakesNonNegativeIntegers() {
            assertConditionMalformed("{\"key\": \"a\", \"values_count\": {\"gt\": -1}}",
                    "filter.must[0].values_count.gt: invalid value: integer `-1`, expected usize");
            assertConditionMalformed("{\"key\": \"a\", \"values_count\": {\"lt\": 2.5}}",
                    "filter.must[0].values_count.lt: invalid type: floating point `2.5`, expected usize");
        }

        @Test
        void theShorthandsTakeBooleans() {
            assertConditionMalformed("{\"key\": \"a\", \"is_empty\": \"yes\"}",
                    "filter.must[0].is_empty: invalid type: string \"yes\", expected a boolean");
        }

        @Test
        void geoShapesNeedTheirFields() {
            assertConditionMalformed("{\"key\": \"l\", \"geo_radius\": {\"center\": {\"lon\": 1, \"lat\": 2}}}",
                    "filter.must[0].geo_radius: missing field `radius`");
            assertConditionMalformed("{\"key\": \"l\", \"geo_bounding_box\": {\"top_left\": {\"lon\": 1, \"lat\": 2}}}",
                    "filter.must[0].geo_bounding_box: missing field `bottom_right`");
            assertConditionMalformed("{\"key\": \"l\", \"geo_polygon\": {\"interiors\": []}}",
                    "filter.must[0].geo_polygon: missing field `exterior`");
            assertConditionMalformed("{\"key\": \"l\", \"geo_polygon\": {\"exterior\": {}}}",
                    "filter.must[0].geo_polygon.exterior: missing field `points`");
        }

        @Test
        void geoPointsNeedNumericLonAndLat() {
            assertConditionMalformed("{\"key\": \"l\", \"geo_radius\": {\"center\": {\"lon\": 1}, \"radius\": 5}}",
                    "filter.must[0].geo_radius.center: missing field `lat`");
            assertConditionMalformed(
                    "{\"key\": \"l\", \"geo_radius\": {\"center\": {\"lon\": 1, \"lat\": \"2\"}, \"radius\": 5}}",
                    "filter.must[0].geo_radius.center.lat: invalid type: string \"2\", expected f64");
            assertConditionMalformed("""
                    {"key": "l", "geo_polygon": {"exterior": {"points": [{"lon": 0, "lat": 0}, {"lon": 1}]}}}""",
                    "filter.must[0].geo_polygon.exterior.points[1]: missing field `lat`");
        }
    }

    @Nested
    class OtherConditionShapes {

        @Test
        void hasIdTakesAnArray() {
            assertConditionMalformed("{\"has_id\": 1}", "filter.must[0].has_id: invalid type: integer `1`, expected a sequence");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"nope\"", "-1", "1.5", "\"123\"", "\" 550e8400-e29b-41d4-a716-446655440000\"", "null"})
        void hasIdRefusesWhatIsNeitherAnUnsignedIntegerNorAUuid(String id) {
            assertConditionMalformed("{\"has_id\": [1, " + id + "]}", "filter.must[0].has_id[1]: value ");
            assertThatThrownBy(() -> readCondition("{\"has_id\": [1, " + id + "]}"))
                    .hasMessageEndingWith("is not a valid point ID, valid values are either an unsigned integer or a UUID");
        }

        @Test
        void hasVectorTakesAString() {
            assertConditionMalformed("{\"has_vector\": [\"image\"]}",
                    "filter.must[0].has_vector: invalid type: sequence, expected a string");
        }

        @Test
        void isEmptyAndIsNullTakeAPayloadField() {
            assertConditionMalformed("{\"is_empty\": {}}", "filter.must[0].is_empty: missing field `key`");
            assertConditionMalformed("{\"is_null\": \"tags\"}",
                    "filter.must[0].is_null: invalid type: string \"tags\", expected a map");
            assertConditionMalformed("{\"is_null\": {\"key\": 3}}",
                    "filter.must[0].is_null.key: invalid type: integer `3`, expected a string");
        }

        @Test
        void nestedNeedsAKeyAndAFilter() {
            assertConditionMalformed("{\"nested\": {\"key\": \"dishes\"}}", "filter.must[0].nested: missing field `filter`");
            assertConditionMalformed("{\"nested\": {\"filter\": {}}}", "filter.must[0].nested: missing field `key`");
            assertConditionMalformed("{\"nested\": {\"key\": \"d\", \"filter\": []}}",
                    "filter.must[0].nested.filter: invalid type: sequence, expected struct Filter");
        }

        @Test
        void errorsDeepInsideNestedFiltersCarryTheFullPath() {
            assertMalformed("""
                    {"must": [{"has_id": [1]},
                              {"nested": {"key": "d", "filter": {"should": {"must": [
                                  {"key": "a", "match": {"any": [1, "x"]}}]}}}}]}
                    """,
                    "filter.must[1].nested.filter.should.must[0].match.any: data did not match any variant of untagged"
                            + " enum AnyVariants, expected an array of only strings or only integers");
        }

        @Test
        void whenNoVariantReadsTheFirstFailureIsReported() {
            assertConditionMalformed("{\"is_empty\": 1, \"has_vector\": 2}",
                    "filter.must[0].is_empty: invalid type: integer `1`, expected a map");
        }
    }

    @Nested
    class RuleViolations {

        @Test
        void aFieldConditionNeedsAtLeastOneCondition() {
            assertViolations("{\"must\": [{\"key\": \"city\"}]}", new Violation("filter.must[0]", NO_FIELD_CONDITION));
        }

        @Test
        void anUnknownOptionDoesNotCountAsACondition() {
            assertViolations("{\"must\": {\"key\": \"at\", \"datetime_range\": {\"gte\": \"2024-01-01\"}}}",
                    new Violation("filter.must", NO_FIELD_CONDITION));
        }

        @Test
        void nullOptionsDoNotCountEither() {
            assertViolations("{\"should\": [{\"key\": \"a\", \"match\": null, \"range\": null}]}",
                    new Violation("filter.should[0]", NO_FIELD_CONDITION));
        }

        @Test
        void aPolygonRingNeedsFourPoints() {
            assertViolations("""
                    {"must": {"key": "l", "geo_polygon": {"exterior": {"points": [
                        {"lon": 0, "lat": 0}, {"lon": 1, "lat": 0}, {"lon": 0, "lat": 0}]}}}}
                    """,
                    new Violation("filter.must.geo_polygon.exterior", "polygon invalid, the size must be at least 4, got 3"));
        }

        @Test
        void aPolygonHoleMustBeClosed() {
            assertViolations("""
                    {"must": [{"key": "l", "geo_polygon": {
                        "exterior": {"points": [{"lon": 0, "lat": 0}, {"lon": 9, "lat": 0}, {"lon": 9, "lat": 9}, {"lon": 0, "lat": 0}]},
                        "interiors": [{"points": [{"lon": 1, "lat": 1}, {"lon": 2, "lat": 1}, {"lon": 2, "lat": 2}, {"lon": 1, "lat": 2}]}]}}]}
                    """,
                    new Violation("filter.must[0].geo_polygon.interiors[0]",
                            "polygon invalid, the first and the last points should be the same to form a closed line"));
        }

        @Test
        void coordinatesMustLieOnTheGlobe() {
            assertThatThrownBy(() -> readCondition(
                    "{\"key\": \"l\", \"geo_radius\": {\"center\": {\"lon\": 181, \"lat\": 0}, \"radius\": 10}}"))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.violations()).extracting(Violation::path).containsExactly("filter.must[0].geo_radius.center");
                        assertThat(e.violations().getFirst().message()).startsWith("Wrong format of GeoPoint payload");
                    });
            assertThatThrownBy(() -> readCondition("""
                    {"key": "l", "geo_bounding_box": {"top_left": {"lon": 0, "lat": 10}, "bottom_right": {"lon": 5, "lat": -90.5}}}"""))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::path).containsExactly("filter.must[0].geo_bounding_box.bottom_right"));
        }

        @Test
        void theGlobesEdgesAreAllowed() {
            assertThat(readCondition("""
                    {"key": "l", "geo_bounding_box": {"top_left": {"lon": -180, "lat": 90}, "bottom_right": {"lon": 180, "lat": -90}}}"""))
                    .isNotNull();
        }

        @Test
        void minCountMustBeAtLeastOne() {
            assertViolations("{\"min_should\": {\"conditions\": [{\"has_id\": [1]}], \"min_count\": 0}}",
                    new Violation("filter.min_should.min_count", "value 0 invalid, must be 1 or larger"));
        }

        @Test
        void everyViolationIsListed() {
            assertViolations("""
                    {"must": [{"key": "a"}, {"has_id": [1]}, {"key": "b"}],
                     "should": {"nested": {"key": "n", "filter": {"must": {"key": "c"}}}}}
                    """,
                    new Violation("filter.must[0]", NO_FIELD_CONDITION),
                    new Violation("filter.must[2]", NO_FIELD_CONDITION),
                    new Violation("filter.should.nested.filter.must", NO_FIELD_CONDITION));
        }

        @Test
        void aShapeErrorAnywhereWinsOverViolations() {
            assertThatThrownBy(() -> read("{\"must\": [{\"key\": \"a\"}, {\"key\": 5, \"match\": {\"value\": 1}}]}"))
                    .isInstanceOf(MalformedInputException.class)
                    .hasMessage("filter.must[1].key: invalid type: integer `5`, expected a string");
        }

        @Test
        void aViolationInsideANestedConditionIsReportedAndItsExtraKeysIgnored() {
            assertViolations("""
                    {"must": {"nested": {"key": "n", "filter": {"must": {"key": "c"}}, "x": 1}}}""",
                    new Violation("filter.must.nested.filter.must", NO_FIELD_CONDITION));
        }
    }
}
