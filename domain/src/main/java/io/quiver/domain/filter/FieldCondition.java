package io.quiver.domain.filter;

import io.quiver.domain.error.ValidationException;
import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A condition on the values at one payload key. Normally exactly one option is set; when a client
 * sends several, they combine as Qdrant combines them: {@code valuesCount} alone decides if present,
 * then {@code isEmpty}, then {@code isNull}; otherwise a value matches when any of the remaining
 * options accepts it.
 *
 * <p>Values are read with {@link JsonPath#values}; an array found there is opened one level, so the
 * condition matches when any element matches. A key with no values (missing, or the path does not fit
 * the payload) only matches the shorthands {@code isEmpty: true} and {@code isNull: false}, and
 * {@code valuesCount} bounds that admit a count of 0.
 *
 * @param datetimeRange the date-time form of Qdrant's {@code range}; at most one of range and
 *                      datetimeRange is set
 * @param isEmpty       the shorthand {@code is_empty: true|false}: per value, true for null or {@code []}
 * @param isNull        the shorthand {@code is_null: true|false}: per value, true for null or an array
 *                      holding a null
 */
public record FieldCondition(
        JsonPath key,
        Match match,
        Range range,
        DatetimeRange datetimeRange,
        GeoBoundingBox geoBoundingBox,
        GeoRadius geoRadius,
        GeoPolygon geoPolygon,
        ValuesCount valuesCount,
        Boolean isEmpty,
        Boolean isNull) implements Condition {

    public FieldCondition {
        Objects.requireNonNull(key, "key");
        boolean anyOption = Stream.of(match, range, datetimeRange, geoBoundingBox, geoRadius, geoPolygon,
                valuesCount, isEmpty, isNull).anyMatch(Objects::nonNull);
        if (!anyOption) {
            throw ValidationException.of("", "At least one field condition must be specified");
        }
        if (range != null && datetimeRange != null) {
            throw ValidationException.of("range", "a range is either numeric or datetime, not both");
        }
    }

    public static FieldCondition match(JsonPath key, Match match) {
        return new FieldCondition(key, match, null, null, null, null, null, null, null, null);
    }

    public static FieldCondition range(JsonPath key, Range range) {
        return new FieldCondition(key, null, range, null, null, null, null, null, null, null);
    }

    public static FieldCondition datetimeRange(JsonPath key, DatetimeRange range) {
        return new FieldCondition(key, null, null, range, null, null, null, null, null, null);
    }

    public static FieldCondition geoBoundingBox(JsonPath key, GeoBoundingBox box) {
        return new FieldCondition(key, null, null, null, box, null, null, null, null, null);
    }

    public static FieldCondition geoRadius(JsonPath key, GeoRadius radius) {
        return new FieldCondition(key, null, null, null, null, radius, null, null, null, null);
    }

    public static FieldCondition geoPolygon(JsonPath key, GeoPolygon polygon) {
        return new FieldCondition(key, null, null, null, null, null, polygon, null, null, null);
    }

    public static FieldCondition valuesCount(JsonPath key, ValuesCount count) {
        return new FieldCondition(key, null, null, null, null, null, null, count, null, null);
    }

    public static FieldCondition isEmpty(JsonPath key, boolean isEmpty) {
        return new FieldCondition(key, null, null, null, null, null, null, null, isEmpty, null);
    }

    public static FieldCondition isNull(JsonPath key, boolean isNull) {
        return new FieldCondition(key, null, null, null, null, null, null, null, null, isNull);
    }

    /** Whether the payload's values at {@link #key} satisfy this condition, without any index. */
    public boolean matches(ObjectValue payload) {
        return FieldConditionCheck.matches(this, payload);
    }
}
