package io.quiver.domain.filter;

import io.quiver.domain.error.BadInputException;
import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.error.ValidationException.Violation;
import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadDateTime;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.BoolValue;
import io.quiver.domain.payload.PayloadValue.DoubleValue;
import io.quiver.domain.payload.PayloadValue.IntegerValue;
import io.quiver.domain.payload.PayloadValue.NullValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import io.quiver.domain.payload.TreeReader;
import io.quiver.domain.point.PointId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads Qdrant's {@code Filter} documents into {@link Filter}s.
 *
 * <p>Errors come in two kinds, as in Qdrant, and both name the offending field's path
 * ({@code filter.must[0].match.any}):
 * <ul>
 *   <li>a document that does not have the filter's shape (wrong types, missing or unknown fields,
 *       unknown condition or match variants, unreadable date-times) fails at once with a
 *       {@link MalformedInputException};</li>
 *   <li>a well-shaped document that breaks a rule (a field condition without any condition, an open
 *       or too short polygon ring, coordinates off the globe, {@code min_count} below 1) fails with a
 *       {@link ValidationException} listing every such violation, but only once the whole document
 *       has been read without a shape error, because Qdrant validates after deserializing.</li>
 * </ul>
 *
 * <p>Conditions are recognised the way Qdrant's untagged {@code Condition} recognises them: an object
 * with {@code key} is a field condition; otherwise {@code is_empty}, {@code is_null}, {@code has_id},
 * {@code has_vector} and {@code nested} are tried in that order and the first that reads wins (other
 * keys beside it are ignored); otherwise the object must be a filter, whose clauses group conditions.
 * Variants of {@code match} are picked in the same first-that-reads manner.
 */
public final class FilterReader {

    private static final List<String> FILTER_FIELDS = List.of("should", "min_should", "must", "must_not");

    private static final List<String> CONDITION_VARIANTS = List.of("is_empty", "is_null", "has_id", "has_vector", "nested");

    private static final List<String> MATCH_VARIANTS = List.of("value", "text", "text_any", "phrase", "prefix", "any", "except");

    private static final List<String> RANGE_BOUNDS = List.of("lt", "gt", "gte", "lte");

    private static final String CONDITION_EXPECTED = "Expected some form of condition, which can be a field condition"
            + " (like {\"key\": ..., \"match\": ... }), or some other mentioned in the documentation:"
            + " https://qdrant.tech/documentation/concepts/filtering/#filtering-conditions";

    /** Rule violations found so far; thrown together once the document is known to be well-shaped. */
    private final List<Violation> violations = new ArrayList<>();

    private FilterReader() {
    }

    /**
     * Reads a filter document.
     *
     * @param value the document, as parsed from JSON
     * @param path  where the document sits in the request (e.g. {@code filter}), prefixed to every error
     * @throws MalformedInputException when the document does not have a filter's shape
     * @throws ValidationException     when it has, but breaks one or more of the filter's rules
     */
    public static Filter read(PayloadValue value, String path) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(path, "path");
        FilterReader reader = new FilterReader();
        Filter filter = reader.filter(value, path);
        if (!reader.violations.isEmpty()) {
            throw new ValidationException(reader.violations);
        }
        return filter;
    }

    /**
     * Reads one condition (a field condition, {@code is_empty}, {@code has_id}, … or a nested filter), as a
     * filter clause holds it; the same errors as {@link #read}.
     */
    public static Condition readCondition(PayloadValue value, String path) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(path, "path");
        FilterReader reader = new FilterReader();
        Condition condition = reader.condition(value, path);
        if (!reader.violations.isEmpty()) {
            throw new ValidationException(reader.violations);
        }
        return condition;
    }

    // ---- filter and clauses ------------------------------------------------------------------------

    /** A filter, or null when a rule violation inside it was recorded. */
    private Filter filter(PayloadValue value, String path) {
        if (!(value instanceof ObjectValue object)) {
            throw TreeReader.mismatch(path, value, "struct Filter");
        }
        int mark = violations.size();
        List<Condition> should = null;
        MinShould minShould = null;
        List<Condition> must = null;
        List<Condition> mustNot = null;
        // in document order, so that the first mistake reported is the first one written, as with serde
        for (var field : object.fields().entrySet()) {
            String fieldPath = pathOf(path, field.getKey());
            switch (field.getKey()) {
                case "should" -> should = clause(field.getValue(), fieldPath);
                case "min_should" -> minShould = minShould(field.getValue(), fieldPath);
                case "must" -> must = clause(field.getValue(), fieldPath);
                case "must_not" -> mustNot = clause(field.getValue(), fieldPath);
                default -> throw new MalformedInputException(prefix(path) + "unknown field `" + field.getKey()
                        + "`, expected one of " + quoted(FILTER_FIELDS));
            }
        }
        if (violations.size() > mark) {
            return null;
        }
        return new Filter(must, should, mustNot, minShould);
    }

    /** A clause: one condition or an array of them; null (absent) for a missing or null clause. */
    private List<Condition> clause(PayloadValue value, String path) {
        return switch (value) {
            case NullValue ignored -> null;
            case ArrayValue array -> conditions(array, path);
            case ObjectValue object -> {
                List<Condition> one = new ArrayList<>(1);
                one.add(condition(object, path));
                yield one;
            }
            default -> throw TreeReader.mismatch(path, value, "a condition or an array of conditions");
        };
    }

    /** The conditions of an array; an element may be null when it broke a rule (recorded). */
    private List<Condition> conditions(ArrayValue array, String path) {
        List<Condition> conditions = new ArrayList<>(array.values().size());
        for (int i = 0; i < array.values().size(); i++) {
            conditions.add(condition(array.values().get(i), path + "[" + i + "]"));
        }
        return conditions;
    }

    private MinShould minShould(PayloadValue value, String path) {
        if (value instanceof NullValue) {
            return null;
        }
        TreeReader r = TreeReader.of(value, path);
        int mark = violations.size();
        List<Condition> conditions = null;
        if (r.has("conditions")) {
            PayloadValue raw = r.raw("conditions");
            if (!(raw instanceof ArrayValue array)) {
                throw TreeReader.mismatch(r.pathOf("conditions"), raw, "a sequence");
            }
            conditions = conditions(array, r.pathOf("conditions"));
        }
        Long minCount = usize(r.raw("min_count"), r.pathOf("min_count"));
        if (conditions == null) {
            throw r.missing("conditions");
        }
        if (minCount == null) {
            throw r.missing("min_count");
        }
        if (violations.size() > mark) {
            return null;
        }
        // a count above the int range can never be reached, just like Integer.MAX_VALUE
        int count = (int) Math.min(minCount, Integer.MAX_VALUE);
        List<Condition> finalConditions = conditions;
        return validated(path, () -> new MinShould(finalConditions, count));
    }

    // ---- conditions --------------------------------------------------------------------------------

    /** One condition, or null when a rule violation inside it was recorded. */
    private Condition condition(PayloadValue value, String path) {
        if (!(value instanceof ObjectValue object)) {
            throw new MalformedInputException(prefix(path) + CONDITION_EXPECTED);
        }
        if (object.fields().containsKey("key")) {
            return fieldCondition(object, path);
        }
        MalformedInputException firstFailure = null;
        for (String variant : CONDITION_VARIANTS) {
            if (!object.fields().containsKey(variant)) {
                continue;
            }
            int mark = violations.size();
            try {
                return conditionVariant(variant, object.get(variant), pathOf(path, variant));
            } catch (MalformedInputException e) {
                // like an untagged enum: try the next variant; report the first failure if none reads
                truncateViolations(mark);
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        if (object.isEmpty() || object.fields().keySet().stream().anyMatch(FILTER_FIELDS::contains)) {
            Filter filter = filter(object, path);
            return filter == null ? null : new Condition.NestedFilter(filter);
        }
        throw new MalformedInputException(prefix(path) + CONDITION_EXPECTED);
    }

    private Condition conditionVariant(String variant, PayloadValue value, String path) {
        return switch (variant) {
            case "is_empty" -> new Condition.IsEmpty(payloadField(value, path));
            case "is_null" -> new Condition.IsNull(payloadField(value, path));
            case "has_id" -> hasId(value, path);
            case "has_vector" -> {
                if (!(value instanceof StringValue name)) {
                    throw TreeReader.mismatch(path, value, "a string");
                }
                yield new Condition.HasVector(name.value());
            }
            case "nested" -> nested(value, path);
            default -> throw new IllegalStateException("unhandled condition variant " + variant);
        };
    }

    /** The {@code {"key": ...}} object of {@code is_empty} and {@code is_null}. */
    private static JsonPath payloadField(PayloadValue value, String path) {
        TreeReader r = TreeReader.of(value, path);
        if (!r.object().fields().containsKey("key")) {
            throw r.missing("key");
        }
        return key(r.object().get("key"), r.pathOf("key"));
    }

    private static Condition.HasId hasId(PayloadValue value, String path) {
        if (!(value instanceof ArrayValue array)) {
            throw TreeReader.mismatch(path, value, "a sequence");
        }
        Set<PointId> ids = new LinkedHashSet<>();
        for (int i = 0; i < array.values().size(); i++) {
            ids.add(pointId(array.values().get(i), path + "[" + i + "]"));
        }
        return new Condition.HasId(ids);
    }

    private static PointId pointId(PayloadValue value, String path) {
        if (value instanceof IntegerValue integer && integer.value() >= 0) {
            return PointId.of(integer.value());
        }
        if (value instanceof PayloadValue.UnsignedIntegerValue big) {
            return PointId.of(big.bits());
        }
        if (value instanceof StringValue text && text.value().equals(text.value().strip())) {
            try {
                return PointId.parseUuid(text.value());
            } catch (BadInputException notAUuid) {
                // reported below, in Qdrant's words
            }
        }
        throw new MalformedInputException(prefix(path) + "value " + show(value)
                + " is not a valid point ID, valid values are either an unsigned integer or a UUID");
    }

    private Condition nested(PayloadValue value, String path) {
        TreeReader r = TreeReader.of(value, path);
        JsonPath key = null;
        if (r.object().fields().containsKey("key")) {
            key = key(r.object().get("key"), r.pathOf("key"));
        }
        boolean hasFilter = r.object().fields().containsKey("filter");
        int mark = violations.size();
        Filter filter = hasFilter ? filter(r.object().get("filter"), r.pathOf("filter")) : null;
        if (key == null) {
            throw r.missing("key");
        }
        if (!hasFilter) {
            throw r.missing("filter");
        }
        if (violations.size() > mark) {
            return null;
        }
        return new Condition.Nested(key, filter);
    }

    // ---- field conditions --------------------------------------------------------------------------

    private FieldCondition fieldCondition(ObjectValue object, String path) {
        TreeReader r = TreeReader.of(object, path);
        JsonPath key = key(object.get("key"), r.pathOf("key"));
        int mark = violations.size();
        Match match = r.has("match") ? match(r.raw("match"), r.pathOf("match")) : null;
        Object range = r.has("range") ? range(r.raw("range"), r.pathOf("range")) : null;
        GeoBoundingBox box = r.has("geo_bounding_box")
                ? geoBoundingBox(r.raw("geo_bounding_box"), r.pathOf("geo_bounding_box")) : null;
        GeoRadius radius = r.has("geo_radius") ? geoRadius(r.raw("geo_radius"), r.pathOf("geo_radius")) : null;
        GeoPolygon polygon = r.has("geo_polygon") ? geoPolygon(r.raw("geo_polygon"), r.pathOf("geo_polygon")) : null;
        ValuesCount count = r.has("values_count") ? valuesCount(r.raw("values_count"), r.pathOf("values_count")) : null;
        Boolean isEmpty = r.optBool("is_empty");
        Boolean isNull = r.optBool("is_null");
        if (violations.size() > mark) {
            return null;
        }
        Range numeric = range instanceof Range n ? n : null;
        DatetimeRange datetime = range instanceof DatetimeRange d ? d : null;
        return validated(path, () -> new FieldCondition(
                key, match, numeric, datetime, box, radius, polygon, count, isEmpty, isNull));
    }

    /** A payload key in Qdrant's path syntax. */
    private static JsonPath key(PayloadValue value, String path) {
        if (!(value instanceof StringValue text)) {
            throw TreeReader.mismatch(path, value, "a string");
        }
        try {
            return JsonPath.parse(text.value());
        } catch (BadInputException e) {
            throw new MalformedInputException(prefix(path) + e.description());
        }
    }

    private static Match match(PayloadValue value, String path) {
        TreeReader r = TreeReader.of(value, path);
        MalformedInputException firstFailure = null;
        for (String variant : MATCH_VARIANTS) {
            if (!r.object().fields().containsKey(variant)) {
                continue;
            }
            try {
                return matchVariant(variant, r.object().get(variant), r.pathOf(variant));
            } catch (MalformedInputException e) {
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        throw new MalformedInputException(prefix(path)
                + "data did not match any variant of untagged enum Match, expected one of " + quoted(MATCH_VARIANTS));
    }

    private static Match matchVariant(String variant, PayloadValue value, String path) {
        return switch (variant) {
            case "value" -> switch (value) {
                case StringValue s -> Match.value(s.value());
                case IntegerValue i -> Match.value(i.value());
                case BoolValue b -> Match.value(b.value());
                default -> throw TreeReader.mismatch(path, value, "a string, an integer or a boolean");
            };
            case "text" -> new Match.Text(string(value, path));
            case "text_any" -> new Match.TextAny(string(value, path));
            case "phrase" -> new Match.Phrase(string(value, path));
            case "prefix" -> new Match.Prefix(string(value, path));
            case "any" -> Match.any(anyValues(value, path));
            case "except" -> Match.except(anyValues(value, path));
            default -> throw new IllegalStateException("unhandled match variant " + variant);
        };
    }

    /** A list of all strings or all integers; {@code []} is a list of strings, as Qdrant reads it. */
    private static AnyValues anyValues(PayloadValue value, String path) {
        if (!(value instanceof ArrayValue array)) {
            throw TreeReader.mismatch(path, value, "a sequence of strings or of integers");
        }
        List<PayloadValue> values = array.values();
        if (values.stream().allMatch(v -> v instanceof StringValue)) {
            Set<String> strings = new LinkedHashSet<>();
            values.forEach(v -> strings.add(((StringValue) v).value()));
            return new AnyValues.Strings(strings);
        }
        if (values.stream().allMatch(v -> v instanceof IntegerValue)) {
            Set<Long> integers = new LinkedHashSet<>();
            values.forEach(v -> integers.add(((IntegerValue) v).value()));
            return new AnyValues.Integers(integers);
        }
        throw new MalformedInputException(prefix(path) + "data did not match any variant of untagged enum"
                + " AnyVariants, expected an array of only strings or only integers");
    }

    /**
     * A {@link Range} or a {@link DatetimeRange}: as in Qdrant, a range with any string bound is a
     * date-time range (and then every bound must be a date-time), otherwise a numeric one.
     */
    private static Object range(PayloadValue value, String path) {
        TreeReader r = TreeReader.of(value, path);
        boolean datetime = RANGE_BOUNDS.stream().anyMatch(b -> r.raw(b) instanceof StringValue);
        if (datetime) {
            return new DatetimeRange(instant(r, "lt"), instant(r, "gt"), instant(r, "gte"), instant(r, "lte"));
        }
        return new Range(number(r, "lt"), number(r, "gt"), number(r, "gte"), number(r, "lte"));
    }

    private static Double number(TreeReader r, String bound) {
        PayloadValue v = r.raw(bound);
        if (v == null) {
            return null;
        }
        Double number = v.asNumber();
        if (number == null) {
            throw TreeReader.mismatch(r.pathOf(bound), v, "a number or a datetime string");
        }
        return number;
    }

    private static Instant instant(TreeReader r, String bound) {
        PayloadValue v = r.raw(bound);
        if (v == null) {
            return null;
        }
        if (!(v instanceof StringValue text)) {
            throw TreeReader.mismatch(r.pathOf(bound), v, "a datetime string");
        }
        return PayloadDateTime.parse(text.value()).orElseThrow(() -> new MalformedInputException(
                prefix(r.pathOf(bound)) + "'" + text.value()
                        + "' does not match accepted datetime format (RFC3339). Example: 2014-01-01T00:00:00Z"));
    }

    private ValuesCount valuesCount(PayloadValue value, String path) {
        TreeReader r = TreeReader.of(value, path);
        Long lt = usize(r.raw("lt"), r.pathOf("lt"));
        Long gt = usize(r.raw("gt"), r.pathOf("gt"));
        Long gte = usize(r.raw("gte"), r.pathOf("gte"));
        Long lte = usize(r.raw("lte"), r.pathOf("lte"));
        return validated(path, () -> new ValuesCount(lt, gt, gte, lte));
    }

    // ---- geo ---------------------------------------------------------------------------------------

    private GeoBoundingBox geoBoundingBox(PayloadValue value, String path) {
        TreeReader r = TreeReader.of(value, path);
        int mark = violations.size();
        GeoPoint topLeft = r.has("top_left") ? geoPoint(r.raw("top_left"), r.pathOf("top_left")) : null;
        GeoPoint bottomRight = r.has("bottom_right") ? geoPoint(r.raw("bottom_right"), r.pathOf("bottom_right")) : null;
        requirePresent(r, "top_left", "bottom_right");
        if (violations.size() > mark) {
            return null;
        }
        return validated(path, () -> new GeoBoundingBox(topLeft, bottomRight));
    }

    private GeoRadius geoRadius(PayloadValue value, String path) {
        TreeReader r = TreeReader.of(value, path);
        int mark = violations.size();
        GeoPoint center = r.has("center") ? geoPoint(r.raw("center"), r.pathOf("center")) : null;
        Double radius = r.optDouble("radius");
        requirePresent(r, "center", "radius");
        if (violations.size() > mark) {
            return null;
        }
        return validated(path, () -> new GeoRadius(center, radius));
    }

    private GeoPolygon geoPolygon(PayloadValue value, String path) {
        TreeReader r = TreeReader.of(value, path);
        int mark = violations.size();
        GeoLineString exterior = r.has("exterior") ? lineString(r.raw("exterior"), r.pathOf("exterior")) : null;
        List<GeoLineString> interiors = null;
        List<PayloadValue> rawInteriors = r.optArray("interiors");
        if (rawInteriors != null) {
            interiors = new ArrayList<>(rawInteriors.size());
            for (int i = 0; i < rawInteriors.size(); i++) {
                interiors.add(lineString(rawInteriors.get(i), r.pathOf("interiors") + "[" + i + "]"));
            }
        }
        requirePresent(r, "exterior");
        if (violations.size() > mark) {
            return null;
        }
        List<GeoLineString> holes = interiors;
        return validated(path, () -> new GeoPolygon(exterior, holes));
    }

    private GeoLineString lineString(PayloadValue value, String path) {
        TreeReader r = TreeReader.of(value, path);
        List<PayloadValue> rawPoints = r.optArray("points");
        if (rawPoints == null) {
            throw r.missing("points");
        }
        int mark = violations.size();
        List<GeoPoint> points = new ArrayList<>(rawPoints.size());
        for (int i = 0; i < rawPoints.size(); i++) {
            points.add(geoPoint(rawPoints.get(i), r.pathOf("points") + "[" + i + "]"));
        }
        if (violations.size() > mark) {
            return null;
        }
        return new GeoLineString(points);
    }

    private GeoPoint geoPoint(PayloadValue value, String path) {
        TreeReader r = TreeReader.of(value, path);
        Double lon = r.optDouble("lon");
        Double lat = r.optDouble("lat");
        requirePresent(r, "lon", "lat");
        return validated(path, () -> new GeoPoint(lon, lat));
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /**
     * Builds a model value; when its own validation fails, records the violations under {@code path}
     * and returns null so that reading goes on (a later shape error still wins, as in Qdrant).
     */
    private <T> T validated(String path, Supplier<T> construction) {
        try {
            return construction.get();
        } catch (ValidationException e) {
            for (Violation v : e.violations()) {
                violations.add(new Violation(pathOf(path, v.path()), v.message()));
            }
            return null;
        }
    }

    private void truncateViolations(int mark) {
        while (violations.size() > mark) {
            violations.removeLast();
        }
    }

    /** Fails for the first of the required fields that is absent (or null), as serde reports it. */
    private static void requirePresent(TreeReader r, String... fields) {
        for (String field : fields) {
            if (!r.has(field)) {
                throw r.missing(field);
            }
        }
    }

    /** A non-negative integer ({@code usize}); null when absent. */
    private static Long usize(PayloadValue value, String path) {
        if (value == null || value instanceof NullValue) {
            return null;
        }
        if (value instanceof IntegerValue integer) {
            if (integer.value() < 0) {
                throw new MalformedInputException(prefix(path) + "invalid value: integer `" + integer.value()
                        + "`, expected usize");
            }
            return integer.value();
        }
        throw TreeReader.mismatch(path, value, "usize");
    }

    private static String string(PayloadValue value, String path) {
        if (value instanceof StringValue text) {
            return text.value();
        }
        throw TreeReader.mismatch(path, value, "a string");
    }

    private static String pathOf(String path, String field) {
        if (field.isEmpty()) {
            return path;
        }
        if (path.isEmpty()) {
            return field;
        }
        return field.startsWith("[") ? path + field : path + "." + field;
    }

    private static String prefix(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
    }

    /** A value as Qdrant shows it in a point id error. */
    private static String show(PayloadValue value) {
        return switch (value) {
            case NullValue ignored -> "null";
            case BoolValue b -> String.valueOf(b.value());
            case IntegerValue i -> String.valueOf(i.value());
            case PayloadValue.UnsignedIntegerValue u -> u.toString();
            case DoubleValue d -> String.valueOf(d.value());
            case StringValue s -> "\"" + s.value() + "\"";
            case ArrayValue ignored -> "[...]";
            case ObjectValue ignored -> "{...}";
        };
    }
}
