package io.quiver.domain.filter;

import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.point.PointId;
import java.util.Arrays;
import java.util.List;

/** Conditions and filters for tests, named after the JSON a client would send. */
public final class FilterMother {

    private FilterMother() {
    }

    public static JsonPath key(String path) {
        return JsonPath.parse(path);
    }

    public static FieldCondition matchValue(String key, String keyword) {
        return FieldCondition.match(key(key), Match.value(keyword));
    }

    public static FieldCondition matchValue(String key, long integer) {
        return FieldCondition.match(key(key), Match.value(integer));
    }

    public static FieldCondition matchValue(String key, boolean flag) {
        return FieldCondition.match(key(key), Match.value(flag));
    }

    public static FieldCondition matchAny(String key, String... keywords) {
        return FieldCondition.match(key(key), Match.any(AnyValues.strings(keywords)));
    }

    public static FieldCondition matchAnyIntegers(String key, long... integers) {
        return FieldCondition.match(key(key), Match.any(AnyValues.integers(integers)));
    }

    /** {@code match: {any: []}}. */
    public static FieldCondition matchAnyEmpty(String key) {
        return FieldCondition.match(key(key), Match.any(AnyValues.EMPTY));
    }

    public static FieldCondition matchExcept(String key, String... keywords) {
        return FieldCondition.match(key(key), Match.except(AnyValues.strings(keywords)));
    }

    public static FieldCondition matchExceptIntegers(String key, long... integers) {
        return FieldCondition.match(key(key), Match.except(AnyValues.integers(integers)));
    }

    /** {@code match: {except: []}}. */
    public static FieldCondition matchExceptEmpty(String key) {
        return FieldCondition.match(key(key), Match.except(AnyValues.EMPTY));
    }

    public static FieldCondition matchText(String key, String text) {
        return FieldCondition.match(key(key), new Match.Text(text));
    }

    public static FieldCondition matchTextAny(String key, String text) {
        return FieldCondition.match(key(key), new Match.TextAny(text));
    }

    public static FieldCondition matchPhrase(String key, String phrase) {
        return FieldCondition.match(key(key), new Match.Phrase(phrase));
    }

    public static FieldCondition matchPrefix(String key, String prefix) {
        return FieldCondition.match(key(key), new Match.Prefix(prefix));
    }

    public static FieldCondition range(String key, Double lt, Double gt, Double gte, Double lte) {
        return FieldCondition.range(key(key), new Range(lt, gt, gte, lte));
    }

    public static FieldCondition rangeGte(String key, double gte) {
        return range(key, null, null, gte, null);
    }

    public static FieldCondition datetimeRange(String key, String lt, String gt, String gte, String lte) {
        return FieldCondition.datetimeRange(key(key), DatetimeRange.parse(lt, gt, gte, lte));
    }

    public static FieldCondition valuesCount(String key, Long lt, Long gt, Long gte, Long lte) {
        return FieldCondition.valuesCount(key(key), new ValuesCount(lt, gt, gte, lte));
    }

    public static FieldCondition geoRadius(String key, double lon, double lat, double metres) {
        return FieldCondition.geoRadius(key(key), new GeoRadius(new GeoPoint(lon, lat), metres));
    }

    public static FieldCondition geoBox(String key, double leftLon, double topLat, double rightLon, double bottomLat) {
        return FieldCondition.geoBoundingBox(key(key),
                new GeoBoundingBox(new GeoPoint(leftLon, topLat), new GeoPoint(rightLon, bottomLat)));
    }

    /** A closed ring through the given lon/lat pairs; the first point is repeated at the end. */
    public static GeoLineString ring(double... lonLatPairs) {
        GeoPoint[] points = new GeoPoint[lonLatPairs.length / 2 + 1];
        for (int i = 0; i < lonLatPairs.length / 2; i++) {
            points[i] = new GeoPoint(lonLatPairs[2 * i], lonLatPairs[2 * i + 1]);
        }
        points[points.length - 1] = points[0];
        return GeoLineString.of(points);
    }

    /** An axis-aligned square ring from (minLon, minLat) to (maxLon, maxLat). */
    public static GeoLineString square(double minLon, double minLat, double maxLon, double maxLat) {
        return ring(minLon, minLat, maxLon, minLat, maxLon, maxLat, minLon, maxLat);
    }

    public static FieldCondition geoPolygon(String key, GeoLineString exterior, GeoLineString... holes) {
        return FieldCondition.geoPolygon(key(key), new GeoPolygon(exterior, Arrays.asList(holes)));
    }

    public static Condition.IsEmpty isEmpty(String key) {
        return new Condition.IsEmpty(key(key));
    }

    public static Condition.IsNull isNull(String key) {
        return new Condition.IsNull(key(key));
    }

    public static Condition.HasId hasId(long... ids) {
        return Condition.HasId.of(Arrays.stream(ids).mapToObj(PointId::of).toArray(PointId[]::new));
    }

    public static Condition.HasVector hasVector(String name) {
        return new Condition.HasVector(name);
    }

    public static Condition.Nested nested(String key, Filter filter) {
        return new Condition.Nested(key(key), filter);
    }

    public static Condition.NestedFilter group(Filter filter) {
        return new Condition.NestedFilter(filter);
    }

    public static Filter must(Condition... conditions) {
        return Filter.must(conditions);
    }

    public static Filter should(Condition... conditions) {
        return Filter.should(conditions);
    }

    public static Filter mustNot(Condition... conditions) {
        return Filter.mustNot(conditions);
    }

    public static Filter minShould(int minCount, Condition... conditions) {
        return Filter.minShould(minCount, conditions);
    }

    /** A filter with the given clauses; pass null for an absent clause. */
    public static Filter filter(List<Condition> must, List<Condition> should, List<Condition> mustNot) {
        return new Filter(must, should, mustNot, null);
    }
}
