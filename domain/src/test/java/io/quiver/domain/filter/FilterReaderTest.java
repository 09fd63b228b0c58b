package io.quiver.domain.filter;

import static io.quiver.domain.filter.FilterMother.hasId;
import static io.quiver.domain.filter.FilterMother.isEmpty;
import static io.quiver.domain.filter.FilterMother.isNull;
import static io.quiver.domain.filter.FilterMother.matchAny;
import static io.quiver.domain.filter.FilterMother.matchAnyEmpty;
import static io.quiver.domain.filter.FilterMother.matchAnyIntegers;
import static io.quiver.domain.filter.FilterMother.matchExcept;
import static io.quiver.domain.filter.FilterMother.matchExceptIntegers;
import static io.quiver.domain.filter.FilterMother.matchPhrase;
import static io.quiver.domain.filter.FilterMother.matchPrefix;
import static io.quiver.domain.filter.FilterMother.matchText;
import static io.quiver.domain.filter.FilterMother.matchTextAny;
import static io.quiver.domain.filter.FilterMother.matchValue;
import static io.quiver.domain.filter.FilterMother.must;
import static io.quiver.domain.filter.FilterMother.mustNot;
import static io.quiver.domain.filter.FilterMother.range;
import static io.quiver.domain.filter.PointViewMother.payload;
import static io.quiver.domain.filter.PointViewMother.point;
import static io.quiver.domain.filter.PointViewMother.uuidPoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.point.PointId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading well-formed filter documents, and what the filters read then match. */
class FilterReaderTest {

    static Filter read(String json) {
        return FilterReader.read(PayloadMother.value(json), "filter");
    }

    /** The one condition of a filter written as {@code {"must": <condition>}}. */
    static Condition condition(String conditionJson) {
        Filter filter = read("{\"must\": " + conditionJson + "}");
        assertThat(filter.must()).hasSize(1);
        return filter.must().getFirst();
    }

    static boolean matches(String filterJson, PointView point) {
        return read(filterJson).matches(point);
    }

    @Nested
    class Clauses {

        @Test
        void aClauseMayBeASingleConditionObject() {
            Filter filter = read("""
                    {"must": {"key": "city", "match": {"value": "Berlin"}}}
                    """);

            assertThat(filter).isEqualTo(must(matchValue("city", "Berlin")));
            assertThat(filter.matches(payload("{\"city\": \"Berlin\"}"))).isTrue();
            assertThat(filter.matches(payload("{\"city\": \"Paris\"}"))).isFalse();
        }

        @Test
        void mustNeedsEveryConditionOfItsArray() {
            String filter = """
                    {"must": [{"key": "city", "match": {"value": "Berlin"}},
                              {"key": "price", "range": {"lt": 100}}]}
                    """;

            assertThat(matches(filter, payload("{\"city\": \"Berlin\", \"price\": 50}"))).isTrue();
            assertThat(matches(filter, payload("{\"city\": \"Berlin\", \"price\": 150}"))).isFalse();
        }

        @Test
        void shouldNeedsOneConditionAndAnEmptyShouldMatchesNothing() {
            String either = """
                    {"should": [{"key": "city", "match": {"value": "Berlin"}},
                                {"key": "city", "match": {"value": "Paris"}}]}
                    """;

            assertThat(matches(either, payload("{\"city\": \"Paris\"}"))).isTrue();
            assertThat(matches(either, payload("{\"city\": \"Rome\"}"))).isFalse();
            assertThat(read("{\"should\": []}").should()).isEmpty();
            assertThat(matches("{\"should\": []}", payload("{}"))).isFalse();
        }

        @Test
        void mustNotAcceptsASingleObjectToo() {
            Filter filter = read("""
                    {"must_not": {"key": "color", "match": {"value": "red"}}}
                    """);

            assertThat(filter).isEqualTo(mustNot(matchValue("color", "red")));
            assertThat(filter.matches(payload("{\"color\": \"red\"}"))).isFalse();
            assertThat(filter.matches(payload("{\"color\": \"blue\"}"))).isTrue();
        }

        @Test
        void nullClausesAreAbsentAndAnEmptyDocumentMatchesEverything() {
            Filter allNull = read("""
                    {"must": null, "should": null, "must_not": null, "min_should": null}
                    """);

            assertThat(allNull).isEqualTo(Filter.MATCH_ALL);
            assertThat(read("{}")).isEqualTo(Filter.MATCH_ALL);
            assertThat(read("{}").matches(payload("{\"anything\": 1}"))).isTrue();
        }

        @Test
        void anEmptyMustIsPresentAndVacuouslyTrue() {
            Filter filter = read("{\"must\": [], \"must_not\": []}");

            assertThat(filter.must()).isNotNull().isEmpty();
            assertThat(filter.mustNot()).isNotNull().isEmpty();
            assertThat(filter.matches(payload("{}"))).isTrue();
        }

        @Test
        void minShouldNeedsTheGivenNumberOfItsConditions() {
            Filter filter = read("""
                    {"min_should": {"conditions": [{"key": "a", "match": {"value": 1}},
                                                   {"key": "b", "match": {"value": 1}},
                                                   {"key": "c", "match": {"value": 1}}],
                                    "min_count": 2}}
                    """);

            assertThat(filter.minShould().minCount()).isEqualTo(2);
            assertThat(filter.minShould().conditions()).hasSize(3);
            assertThat(filter.matches(payload("{\"a\": 1, \"c\": 1}"))).isTrue();
            assertThat(filter.matches(payload("{\"a\": 1, \"b\": 2}"))).isFalse();
        }

        @Test
        void everyPresentClauseMustHold() {
            String filter = """
                    {"must": {"key": "kind", "match": {"value": "shop"}},
                     "should": [{"key": "open", "match": {"value": true}}],
                     "must_not": [{"key": "city", "match": {"value": "Paris"}}],
                     "min_should": {"conditions": [{"key": "rating", "range": {"gte": 4}}], "min_count": 1}}
                    """;

            assertThat(matches(filter, payload("""
                    {"kind": "shop", "open": true, "city": "Rome", "rating": 4.5}"""))).isTrue();
            assertThat(matches(filter, payload("""
                    {"kind": "shop", "open": true, "city": "Paris", "rating": 4.5}"""))).isFalse();
            assertThat(matches(filter, payload("""
                    {"kind": "shop", "open": true, "city": "Rome", "rating": 3}"""))).isFalse();
        }

        @Test
        void aFilterUsedAsAConditionGroupsClauses() {
            Filter filter = read("""
                    {"must": [{"key": "kind", "match": {"value": "shop"}},
                              {"should": [{"key": "city", "match": {"value": "Rome"}},
                                          {"key": "city", "match": {"value": "Oslo"}}]}]}
                    """);

            assertThat(filter.must().get(1)).isInstanceOf(Condition.NestedFilter.class);
            assertThat(filter.matches(payload("{\"kind\": \"shop\", \"city\": \"Oslo\"}"))).isTrue();
            assertThat(filter.matches(payload("{\"kind\": \"shop\", \"city\": \"Bern\"}"))).isFalse();
        }

        @Test
        void anEmptyObjectAsAConditionIsAMatchAllGroup() {
            assertThat(condition("{}")).isEqualTo(new Condition.NestedFilter(Filter.MATCH_ALL));
            assertThat(matches("{\"must\": [{}]}", payload("{}"))).isTrue();
        }

        @Test
        void anEmptyPathLeavesPathsUnprefixed() {
            Filter filter = FilterReader.read(PayloadMother.value("{\"must\": []}"), "");

            assertThat(filter.must()).isEmpty();
        }
    }

    @Nested
    class Matching {

        @Test
        void valueReadsStringsIntegersAndBooleans() {
            assertThat(condition("{\"key\": \"city\", \"match\": {\"value\": \"Berlin\"}}"))
                    .isEqualTo(matchValue("city", "Berlin"));
            assertThat(condition("{\"key\": \"n\", \"match\": {\"value\": 42}}")).isEqualTo(matchValue("n", 42));
            assertThat(condition("{\"key\": \"n\", \"match\": {\"value\": -7}}")).isEqualTo(matchValue("n", -7));
            assertThat(condition("{\"key\": \"ok\", \"match\": {\"value\": true}}")).isEqualTo(matchValue("ok", true));
        }

        @Test
        void anIntegerValueMatchesIntegersButNotFloatsOrStrings() {
            String filter = "{\"must\": {\"key\": \"n\", \"match\": {\"value\": 1}}}";

            assertThat(matches(filter, payload("{\"n\": 1}"))).isTrue();
            assertThat(matches(filter, payload("{\"n\": [3, 1]}"))).isTrue();
            assertThat(matches(filter, payload("{\"n\": 1.0}"))).isFalse();
            assertThat(matches(filter, payload("{\"n\": \"1\"}"))).isFalse();
        }

        @Test
        void anyReadsAListOfStrings() {
            String filter = "{\"must\": {\"key\": \"color\", \"match\": {\"any\": [\"red\", \"blue\"]}}}";

            assertThat(read(filter)).isEqualTo(must(matchAny("color", "red", "blue")));
            assertThat(matches(filter, payload("{\"color\": \"blue\"}"))).isTrue();
            assertThat(matches(filter, payload("{\"color\": \"green\"}"))).isFalse();
        }

        @Test
        void anyReadsAListOfIntegers() {
            String filter = "{\"must\": {\"key\": \"n\", \"match\": {\"any\": [1, 2, 3]}}}";

            assertThat(read(filter)).isEqualTo(must(matchAnyIntegers("n", 1, 2, 3)));
            assertThat(matches(filter, payload("{\"n\": 2}"))).isTrue();
            assertThat(matches(filter, payload("{\"n\": \"2\"}"))).isFalse();
        }

        @Test
        void anEmptyAnyIsAStringListAndMatchesNothing() {
            String filter = "{\"must\": {\"key\": \"color\", \"match\": {\"any\": []}}}";

            assertThat(read(filter)).isEqualTo(must(matchAnyEmpty("color")));
            assertThat(matches(filter, payload("{\"color\": \"red\"}"))).isFalse();
        }

        @Test
        void duplicatesInAnyAreDropped() {
            assertThat(condition("{\"key\": \"c\", \"match\": {\"any\": [\"x\", \"x\", \"y\"]}}"))
                    .isEqualTo(matchAny("c", "x", "y"));
        }

        @Test
        void exceptReadsStringsAndIntegers() {
            String strings = "{\"must\": {\"key\": \"color\", \"match\": {\"except\": [\"red\"]}}}";
            String integers = "{\"must\": {\"key\": \"n\", \"match\": {\"except\": [1, 2]}}}";

            assertThat(read(strings)).isEqualTo(must(matchExcept("color", "red")));
            assertThat(read(integers)).isEqualTo(must(matchExceptIntegers("n", 1, 2)));
            assertThat(matches(strings, payload("{\"color\": \"blue\"}"))).isTrue();
            assertThat(matches(strings, payload("{\"color\": \"red\"}"))).isFalse();
            assertThat(matches(integers, payload("{\"n\": 3}"))).isTrue();
            assertThat(matches(integers, payload("{\"n\": 2}"))).isFalse();
        }

        @Test
        void readsTheTextVariants() {
            assertThat(condition("{\"key\": \"d\", \"match\": {\"text\": \"good cheap\"}}"))
                    .isEqualTo(matchText("d", "good cheap"));
            assertThat(condition("{\"key\": \"d\", \"match\": {\"text_any\": \"good cheap\"}}"))
                    .isEqualTo(matchTextAny("d", "good cheap"));
            assertThat(condition("{\"key\": \"d\", \"match\": {\"phrase\": \"good cheap\"}}"))
                    .isEqualTo(matchPhrase("d", "good cheap"));
            assertThat(condition("{\"key\": \"d\", \"match\": {\"prefix\": \"goo\"}}"))
                    .isEqualTo(matchPrefix("d", "goo"));
        }

        @Test
        void theTextVariantsMatchWithoutAnIndex() {
            PointView review = payload("{\"d\": \"good and cheap\"}");

            assertThat(matches("{\"must\": {\"key\": \"d\", \"match\": {\"text\": \"and ch\"}}}", review)).isTrue();
            assertThat(matches("{\"must\": {\"key\": \"d\", \"match\": {\"text_any\": \"bad cheap\"}}}", review)).isTrue();
            assertThat(matches("{\"must\": {\"key\": \"d\", \"match\": {\"phrase\": \"cheap and\"}}}", review)).isFalse();
            assertThat(matches("{\"must\": {\"key\": \"d\", \"match\": {\"prefix\": \"good\"}}}", review)).isTrue();
            assertThat(matches("{\"must\": {\"key\": \"d\", \"match\": {\"prefix\": \"cheap\"}}}", review)).isFalse();
        }

        @Test
        void theFirstVariantThatReadsWinsAsInAnUntaggedEnum() {
            assertThat(condition("{\"key\": \"n\", \"match\": {\"value\": 1.5, \"any\": [1]}}"))
                    .isEqualTo(matchAnyIntegers("n", 1));
            assertThat(condition("{\"key\": \"n\", \"match\": {\"value\": \"x\", \"any\": [1]}}"))
                    .isEqualTo(matchValue("n", "x"));
        }

        @Test
        void readsKeysInPathSyntax() {
            assertThat(condition("{\"key\": \"country.cities[].name\", \"match\": {\"value\": \"Oslo\"}}"))
                    .isEqualTo(matchValue("country.cities[].name", "Oslo"));
            assertThat(matches("{\"must\": {\"key\": \"country.cities[].name\", \"match\": {\"value\": \"Oslo\"}}}",
                    payload("{\"country\": {\"cities\": [{\"name\": \"Bergen\"}, {\"name\": \"Oslo\"}]}}"))).isTrue();
            assertThat(((FieldCondition) condition("{\"key\": \"\\\"a.b\\\".c\", \"match\": {\"value\": 1}}")).key())
                    .isEqualTo(JsonPath.of("a.b", "c"));
        }
    }

    @Nested
    class Ranges {

        @Test
        void aNumericRangeTakesIntegersAndFloats() {
            String filter = "{\"must\": {\"key\": \"price\", \"range\": {\"gte\": 10, \"lt\": 20.5}}}";

            assertThat(read(filter)).isEqualTo(must(range("price", 20.5, null, 10.0, null)));
            assertThat(matches(filter, payload("{\"price\": 10}"))).isTrue();
            assertThat(matches(filter, payload("{\"price\": 20.4}"))).isTrue();
            assertThat(matches(filter, payload("{\"price\": 20.5}"))).isFalse();
            assertThat(matches(filter, payload("{\"price\": \"15\"}"))).isFalse();
        }

        @Test
        void readsAllFourNumericBoundsAndNullsAsAbsent() {
            assertThat(condition("{\"key\": \"x\", \"range\": {\"lt\": 1, \"gt\": 2, \"gte\": 3, \"lte\": 4}}"))
                    .isEqualTo(range("x", 1.0, 2.0, 3.0, 4.0));
            assertThat(condition("{\"key\": \"x\", \"range\": {\"lt\": null, \"gt\": 2}}"))
                    .isEqualTo(range("x", null, 2.0, null, null));
        }

        @Test
        void aRangeWithoutBoundsIsNumericAndMatchesAnyNumber() {
            FieldCondition condition = (FieldCondition) condition("{\"key\": \"x\", \"range\": {}}");

            assertThat(condition.range()).isEqualTo(new Range(null, null, null, null));
            assertThat(condition.datetimeRange()).isNull();
            assertThat(matches("{\"must\": {\"key\": \"x\", \"range\": {}}}", payload("{\"x\": -3.5}"))).isTrue();
        }

        @Test
        void stringBoundsMakeADatetimeRange() {
            String filter = """
                    {"must": {"key": "at", "range": {"gte": "2023-02-08T10:49:00Z", "lt": "2023-02-09T00:00:00+01:00"}}}
                    """;

            FieldCondition condition = (FieldCondition) read(filter).must().getFirst();
            assertThat(condition.range()).isNull();
            assertThat(condition.datetimeRange()).isEqualTo(new DatetimeRange(
                    Instant.parse("2023-02-08T23:00:00Z"), null, Instant.parse("2023-02-08T10:49:00Z"), null));
            assertThat(matches(filter, payload("{\"at\": \"2023-02-08T12:00:00Z\"}"))).isTrue();
            assertThat(matches(filter, payload("{\"at\": \"2023-02-08 23:30:00\"}"))).isFalse();
            assertThat(matches(filter, payload("{\"at\": \"2023-02-08T10:00:00Z\"}"))).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "2023-02-08T10:49:00Z", "2023-02-08T11:49:00+01:00", "2023-02-08 10:49:00", "2023-02-08T10:49:00",
                "2023-02-08 11:49:00+0100", "2023-02-08 10:49", "2023-02-08T10:49:00.000Z"})
        void acceptsTheDatetimeSpellingsQdrantAccepts(String bound) {
            FieldCondition condition = (FieldCondition) condition(
                    "{\"key\": \"at\", \"range\": {\"gte\": \"" + bound + "\"}}");

            assertThat(condition.datetimeRange().gte()).isEqualTo(Instant.parse("2023-02-08T10:49:00Z"));
        }

        @Test
        void aDateAloneIsMidnightUtc() {
            FieldCondition condition = (FieldCondition) condition("{\"key\": \"at\", \"range\": {\"lte\": \"2024-01-31\"}}");

            assertThat(condition.datetimeRange()).isEqualTo(
                    new DatetimeRange(null, null, null, Instant.parse("2024-01-31T00:00:00Z")));
        }

        @Test
        void valuesCountReadsItsBounds() {
            String filter = "{\"must\": {\"key\": \"tags\", \"values_count\": {\"gte\": 2, \"lt\": 4}}}";

            assertThat(read(filter).must().getFirst())
                    .isEqualTo(FieldCondition.valuesCount(JsonPath.parse("tags"), new ValuesCount(4L, null, 2L, null)));
            assertThat(matches(filter, payload("{\"tags\": [\"a\", \"b\", \"c\"]}"))).isTrue();
            assertThat(matches(filter, payload("{\"tags\": [\"a\"]}"))).isFalse();
        }
    }

    @Nested
    class Geo {

        private final PointView berlin = payload("{\"location\": {\"lon\": 13.405, \"lat\": 52.52}}");
        private final PointView paris = payload("{\"location\": {\"lon\": 2.35, \"lat\": 48.86}}");

        @Test
        void readsABoundingBox() {
            String filter = """
                    {"must": {"key": "location", "geo_bounding_box": {
                        "top_left": {"lon": 10, "lat": 55}, "bottom_right": {"lon": 15.5, "lat": 50}}}}
                    """;

            FieldCondition condition = (FieldCondition) read(filter).must().getFirst();
            assertThat(condition.geoBoundingBox())
                    .isEqualTo(new GeoBoundingBox(new GeoPoint(10, 55), new GeoPoint(15.5, 50)));
            assertThat(read(filter).matches(berlin)).isTrue();
            assertThat(read(filter).matches(paris)).isFalse();
        }

        @Test
        void readsARadiusInMetres() {
            String near = """
                    {"must": {"key": "location", "geo_radius": {"center": {"lon": 13.4, "lat": 52.5}, "radius": 5000.0}}}
                    """;

            FieldCondition condition = (FieldCondition) read(near).must().getFirst();
            assertThat(condition.geoRadius()).isEqualTo(new GeoRadius(new GeoPoint(13.4, 52.5), 5000));
            assertThat(read(near).matches(berlin)).isTrue();
            assertThat(read(near).matches(paris)).isFalse();
        }

        @Test
        void readsAPolygonWithAHole() {
            String filter = """
                    {"must": {"key": "location", "geo_polygon": {
                        "exterior": {"points": [{"lon": 0, "lat": 40}, {"lon": 20, "lat": 40},
                                                {"lon": 20, "lat": 60}, {"lon": 0, "lat": 60}, {"lon": 0, "lat": 40}]},
                        "interiors": [{"points": [{"lon": 12, "lat": 51}, {"lon": 14, "lat": 51},
                                                  {"lon": 14, "lat": 53}, {"lon": 12, "lat": 53}, {"lon": 12, "lat": 51}]}]}}}
                    """;

            FieldCondition condition = (FieldCondition) read(filter).must().getFirst();
            assertThat(condition.geoPolygon().exterior().points()).hasSize(5);
            assertThat(condition.geoPolygon().interiors()).hasSize(1);
            assertThat(read(filter).matches(paris)).isTrue();
            assertThat(read(filter).matches(berlin)).isFalse();
        }

        @Test
        void interiorsMayBeNullOrMissing() {
            String ring = """
                    {"points": [{"lon": 0, "lat": 0}, {"lon": 1, "lat": 0}, {"lon": 1, "lat": 1}, {"lon": 0, "lat": 0}]}""";

            FieldCondition withNull = (FieldCondition) condition(
                    "{\"key\": \"l\", \"geo_polygon\": {\"exterior\": " + ring + ", \"interiors\": null}}");
            FieldCondition without = (FieldCondition) condition(
                    "{\"key\": \"l\", \"geo_polygon\": {\"exterior\": " + ring + "}}");

            assertThat(withNull.geoPolygon().interiors()).isEmpty();
            assertThat(without).isEqualTo(withNull);
        }
    }

    @Nested
    class PayloadShapes {

        @Test
        void readsTheIsEmptyCondition() {
            String filter = "{\"must\": {\"is_empty\": {\"key\": \"tags\"}}}";

            assertThat(read(filter)).isEqualTo(must(isEmpty("tags")));
            assertThat(matches(filter, payload("{\"tags\": []}"))).isTrue();
            assertThat(matches(filter, payload("{}"))).isTrue();
            assertThat(matches(filter, payload("{\"tags\": [\"a\"]}"))).isFalse();
        }

        @Test
        void readsTheIsNullCondition() {
            String filter = "{\"must\": {\"is_null\": {\"key\": \"tags\"}}}";

            assertThat(read(filter)).isEqualTo(must(isNull("tags")));
            assertThat(matches(filter, payload("{\"tags\": null}"))).isTrue();
            assertThat(matches(filter, payload("{}"))).isFalse();
        }

        @Test
        void readsTheFieldConditionShorthands() {
            assertThat(condition("{\"key\": \"a\", \"is_empty\": true}"))
                    .isEqualTo(FieldCondition.isEmpty(JsonPath.parse("a"), true));
            assertThat(condition("{\"key\": \"a\", \"is_null\": false}"))
                    .isEqualTo(FieldCondition.isNull(JsonPath.parse("a"), false));
            assertThat(matches("{\"must\": {\"key\": \"a\", \"is_empty\": true}}", payload("{\"a\": []}"))).isTrue();
            assertThat(matches("{\"must\": {\"key\": \"a\", \"is_null\": true}}", payload("{\"a\": 1}"))).isFalse();
        }

        @Test
        void aFieldConditionIgnoresKeysItDoesNotKnowAsQdrantDoes() {
            assertThat(condition("{\"key\": \"a\", \"match\": {\"value\": 1}, \"boost\": 2}"))
                    .isEqualTo(matchValue("a", 1));
        }

        @Test
        void readsSeveralOptionsOfOneFieldCondition() {
            FieldCondition condition = (FieldCondition) condition(
                    "{\"key\": \"n\", \"match\": {\"value\": 5}, \"range\": {\"gt\": 100}}");

            assertThat(condition.match()).isEqualTo(Match.value(5));
            assertThat(condition.range()).isEqualTo(new Range(null, 100.0, null, null));
        }
    }

    @Nested
    class Identity {

        @Test
        void readsNumericIds() {
            String filter = "{\"must\": {\"has_id\": [1, 3, 5]}}";

            assertThat(read(filter)).isEqualTo(must(hasId(1, 3, 5)));
            assertThat(matches(filter, point(3, "{}"))).isTrue();
            assertThat(matches(filter, point(4, "{}"))).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "550e8400-e29b-41d4-a716-446655440000", "550e8400e29b41d4a716446655440000",
                "{550e8400-e29b-41d4-a716-446655440000}", "550E8400-E29B-41D4-A716-446655440000",
                "urn:uuid:550e8400-e29b-41d4-a716-446655440000"})
        void readsUuidsInEveryFormQdrantAccepts(String written) {
            String filter = "{\"must\": {\"has_id\": [\"" + written + "\"]}}";

            assertThat(matches(filter, uuidPoint("550e8400-e29b-41d4-a716-446655440000", "{}"))).isTrue();
            assertThat(matches(filter, uuidPoint("650e8400-e29b-41d4-a716-446655440000", "{}"))).isFalse();
        }

        @Test
        void mixesNumericIdsAndUuids() {
            Condition condition = condition("{\"has_id\": [7, \"550e8400e29b41d4a716446655440000\"]}");

            assertThat(condition).isEqualTo(Condition.HasId.of(
                    PointId.of(7), PointId.parseUuid("550e8400-e29b-41d4-a716-446655440000")));
        }

        @Test
        void anEmptyIdListMatchesNothing() {
            assertThat(condition("{\"has_id\": []}")).isEqualTo(hasId());
            assertThat(matches("{\"must\": {\"has_id\": []}}", point(1, "{}"))).isFalse();
        }

        @Test
        void readsHasVectorIncludingTheDefaultVectorsEmptyName() {
            PointView imageOnly = point(1, "{}").withVectors("image");
            PointView defaultOnly = point(2, "{}");

            assertThat(condition("{\"has_vector\": \"\"}")).isEqualTo(new Condition.HasVector(""));
            assertThat(matches("{\"must\": {\"has_vector\": \"\"}}", defaultOnly)).isTrue();
            assertThat(matches("{\"must\": {\"has_vector\": \"\"}}", imageOnly)).isFalse();
            assertThat(matches("{\"must\": {\"has_vector\": \"image\"}}", imageOnly)).isTrue();
        }

        @Test
        void aRecognisedConditionIgnoresOtherKeysBesideIt() {
            assertThat(condition("{\"has_id\": [1], \"must\": [{\"has_id\": [2]}]}")).isEqualTo(hasId(1));
        }

        @Test
        void aVariantThatDoesNotReadGivesWayToTheNextOne() {
            assertThat(condition("{\"is_empty\": \"tags\", \"has_id\": [1]}")).isEqualTo(hasId(1));
        }
    }

    @Nested
    class NestedConditions {

        private final PointView dinner = payload("""
                {"dishes": [{"food": "meat", "likes": false}, {"food": "fish", "likes": true}]}
                """);

        @Test
        void readsANestedCondition() {
            String likesFish = """
                    {"must": {"nested": {"key": "dishes", "filter": {"must": [
                        {"key": "food", "match": {"value": "fish"}}, {"key": "likes", "match": {"value": true}}]}}}}
                    """;
            String likesMeat = likesFish.replace("fish", "meat");

            assertThat(read(likesFish).must().getFirst()).isEqualTo(new Condition.Nested(JsonPath.parse("dishes"),
                    must(matchValue("food", "fish"), matchValue("likes", true))));
            assertThat(read(likesFish).matches(dinner)).isTrue();
            assertThat(read(likesMeat).matches(dinner)).isFalse();
        }

        @Test
        void readsNestedInsideNested() {
            String freeMuseum = """
                    {"must": {"nested": {"key": "cities", "filter": {"must": [
                        {"key": "name", "match": {"value": "%s"}},
                        {"nested": {"key": "sights[]", "filter": {"must": [
                            {"key": "kind", "match": {"value": "museum"}},
                            {"key": "free", "match": {"value": true}}]}}}]}}}}
                    """;
            PointView trip = payload("""
                    {"cities": [
                        {"name": "Berlin", "sights": [{"kind": "museum", "free": false}, {"kind": "park", "free": true}]},
                        {"name": "Paris", "sights": [{"kind": "museum", "free": true}]}]}
                    """);

            assertThat(matches(freeMuseum.formatted("Paris"), trip)).isTrue();
            assertThat(matches(freeMuseum.formatted("Berlin"), trip)).isFalse();
        }

        @Test
        void readsMinShouldAndMustNotInsideANestedFilter() {
            String filter = """
                    {"must": {"nested": {"key": "dishes", "filter": {
                        "must_not": {"key": "food", "match": {"value": "meat"}},
                        "min_should": {"conditions": [{"key": "likes", "match": {"value": true}}], "min_count": 1}}}}}
                    """;

            assertThat(matches(filter, dinner)).isTrue();
            assertThat(matches(filter, payload("{\"dishes\": [{\"food\": \"meat\", \"likes\": true}]}"))).isFalse();
        }
    }

    @Test
    void readsTheFilterOfQdrantsDocumentationExample() {
        Filter filter = read("""
                {"must": [{"key": "city", "match": {"value": "London"}}],
                 "should": [{"key": "color", "match": {"any": ["red", "green"]}},
                            {"is_empty": {"key": "color"}}],
                 "must_not": [{"has_id": [13, 14]},
                              {"key": "price", "range": {"gt": 1000}}]}
                """);

        assertThat(filter).isEqualTo(new Filter(
                List.of(matchValue("city", "London")),
                List.of(matchAny("color", "red", "green"), isEmpty("color")),
                List.of(hasId(13, 14), range("price", null, 1000.0, null, null)),
                null));
        assertThat(filter.matches(point(1, "{\"city\": \"London\", \"color\": \"red\", \"price\": 10}"))).isTrue();
        assertThat(filter.matches(point(13, "{\"city\": \"London\", \"color\": \"red\", \"price\": 10}"))).isFalse();
        assertThat(filter.matches(point(1, "{\"city\": \"London\", \"price\": 10}"))).isTrue();
        assertThat(filter.matches(point(1, "{\"city\": \"London\", \"color\": \"blue\"}"))).isFalse();
    }
}
