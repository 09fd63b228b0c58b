package io.quiver.domain.query;

import io.quiver.domain.error.BadInputException;
import io.quiver.domain.error.QuiverException;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.filter.GeoPoint;
import io.quiver.domain.filter.GeoRadius;
import io.quiver.domain.filter.PointView;
import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadDateTime;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A {@code formula} query: an expression and the defaults for its variables, evaluated for one point with
 * Qdrant's semantics (segment {@code rescore_formula/formula_scorer.rs}):
 * <ul>
 *   <li>{@code $score[i]}: the point's score in prefetch i; when the point is not among that prefetch's
 *       results, the default for {@code $score[i]} if it is a number, else 0;</li>
 *   <li>a payload key: the values at the path (arrays at the end opened, unless the path ends in
 *       {@code []}) — none: the default, or an error; one: that value; several: an array, which is not a
 *       number (error). The value must be a number;</li>
 *   <li>{@code geo_distance}: haversine metres to a {@code {lon, lat}} value (or default);
 *       {@code datetime}/{@code datetime_key}: seconds since the epoch, the key's value a date-time string;</li>
 *   <li>{@code mult} stops at a factor of 0 (giving 0), {@code div} gives 0 for a numerator of 0 without
 *       evaluating the denominator, and {@code by_zero_default} when the denominator is 0; any other
 *       division, {@code sqrt}, {@code pow}, {@code exp}, {@code log10} and {@code ln} must give a finite
 *       number, and so must the final score as a 32-bit float;</li>
 *   <li>decays: {@code lin = max(0, 1 - λ|x - t|)}, {@code exp = e^(λ|x - t|)},
 *       {@code gauss = e^(λ(x - t)²)}, λ from {@link Expression#decay}.</li>
 * </ul>
 * Errors are {@link BadInputException}s with Qdrant's messages.
 *
 * @param expression     the formula
 * @param scoreDefaults  defaults of {@code $score[i]} by prefetch index (raw JSON values)
 * @param payloadDefaults defaults of payload keys (raw JSON values)
 */
public record Formula(Expression expression, Map<Integer, PayloadValue> scoreDefaults,
                      Map<JsonPath, PayloadValue> payloadDefaults) {

    private static final double DEFAULT_SCORE = 0.0;

    public Formula {
        Objects.requireNonNull(expression, "expression");
        scoreDefaults = Map.copyOf(scoreDefaults);
        payloadDefaults = Map.copyOf(payloadDefaults);
    }

    /** A formula with {@code defaults} keyed as in the request ({@code "$score[1]"}, {@code "price"}). */
    public static Formula of(Expression expression, Map<String, PayloadValue> defaults) {
        Map<Integer, PayloadValue> scores = new LinkedHashMap<>();
        Map<JsonPath, PayloadValue> payload = new LinkedHashMap<>();
        defaults.forEach((key, value) -> {
            switch (Expression.variable(key)) {
                case Expression.Score s -> scores.put(s.prefetch(), value);
                case Expression.Variable v -> payload.put(v.key(), value);
                default -> throw new IllegalStateException("a variable is a score or a payload key");
            }
        });
        return new Formula(expression, scores, payload);
    }

    /**
     * The formula's score for a point.
     *
     * @param point          the point (payload, id and vectors for conditions)
     * @param prefetchScores the point's score in prefetch i, or null when it is not among its results
     */
    public float score(PointView point, IntFunction<Float> prefetchScores) {
        double score = evaluate(expression, point, prefetchScores);
        float single = (float) score;
        if (!Float.isFinite(single)) {
            throw nonFinite(display(score) + " as f32 = " + display(single));
        }
        return single;
    }

    private double evaluate(Expression e, PointView point, IntFunction<Float> prefetchScores) {
        return switch (e) {
            case Expression.Constant c -> c.value();
            case Expression.Score s -> {
                Float score = prefetchScores.apply(s.prefetch());
                if (score != null) {
                    yield score;
                }
                PayloadValue fallback = scoreDefaults.get(s.prefetch());
                Double number = fallback == null ? null : fallback.asNumber();
                yield number == null ? DEFAULT_SCORE : number;
            }
            case Expression.Variable v -> {
                PayloadValue value = value(v.key(), point, "number");
                Double number = value.asNumber();
                if (number == null) {
                    throw typeError(v.key(), "number", "Value is not a number");
                }
                yield number;
            }
            case Expression.Check c -> Filter.must(c.condition()).matches(point) ? 1.0 : 0.0;
            case Expression.GeoDistance g -> {
                GeoPoint to = geoPoint(g.to(), value(g.to(), point, "geo point"));
                yield GeoRadius.distanceMetres(g.origin().lon(), g.origin().lat(), to.lon(), to.lat());
            }
            case Expression.Datetime d -> seconds(d.value());
            case Expression.DatetimeKey d -> {
                PayloadValue value = value(d.key(), point, "datetime");
                if (!(value instanceof StringValue s)) {
                    throw typeError(d.key(), "datetime", "Value is not a string");
                }
                Instant instant = PayloadDateTime.parse(s.value()).orElseThrow(() ->
                        typeError(d.key(), "datetime", "input contains invalid characters"));
                yield seconds(instant);
            }
            case Expression.Mult m -> {
                double product = 1.0;
                for (Expression factor : m.factors()) {
                    double value = evaluate(factor, point, prefetchScores);
                    if (value == 0.0) {
                        yield 0.0;
                    }
                    product *= value;
                }
                yield product;
            }
            case Expression.Sum s -> {
                double sum = 0.0;
                for (Expression term : s.terms()) {
                    sum += evaluate(term, point, prefetchScores);
                }
                yield sum;
            }
            case Expression.Neg n -> -evaluate(n.value(), point, prefetchScores);
            case Expression.Abs a -> Math.abs(evaluate(a.value(), point, prefetchScores));
            case Expression.Div d -> {
                double left = evaluate(d.left(), point, prefetchScores);
                if (left == 0.0) {
                    yield 0.0;
                }
                double right = evaluate(d.right(), point, prefetchScores);
                if (right == 0.0 && d.byZeroDefault() != null) {
                    yield d.byZeroDefault();
                }
                yield finite(left / right, display(left) + "/" + display(right));
            }
            case Expression.Sqrt s -> {
                double value = evaluate(s.value(), point, prefetchScores);
                yield finite(Math.sqrt(value), "√" + display(value));
            }
            case Expression.Pow p -> {
                double base = evaluate(p.base(), point, prefetchScores);
                double exponent = evaluate(p.exponent(), point, prefetchScores);
                yield finite(Math.pow(base, exponent), display(base) + "^" + display(exponent));
            }
            case Expression.Exp x -> {
                double value = evaluate(x.value(), point, prefetchScores);
                yield finite(Math.exp(value), "exp(" + display(value) + ")");
            }
            case Expression.Log10 l -> {
                double value = evaluate(l.value(), point, prefetchScores);
                yield finite(Math.log10(value), "log10(" + display(value) + ")");
            }
            case Expression.Ln l -> {
                double value = evaluate(l.value(), point, prefetchScores);
                yield finite(Math.log(value), "ln(" + display(value) + ")");
            }
            case Expression.Decay d -> {
                double x = evaluate(d.x(), point, prefetchScores);
                double target = d.target() == null ? 0.0 : evaluate(d.target(), point, prefetchScores);
                yield switch (d.kind()) {
                    case LIN -> Math.max(0.0, -d.lambda() * Math.abs(x - target) + 1.0);
                    case EXP -> Math.exp(d.lambda() * Math.abs(x - target));
                    case GAUSS -> Math.exp(d.lambda() * (x - target) * (x - target));
                };
            }
        };
    }

    /** The value at a payload key, or its default; an error when there is neither. */
    private PayloadValue value(JsonPath key, PointView point, String expectedType) {
        List<PayloadValue> values = key.hasWildcardSuffix() ? key.values(point.payload())
                : key.flattenedValues(point.payload());
        if (values.size() == 1) {
            return values.getFirst();
        }
        if (values.size() > 1) {
            return new ArrayValue(values);
        }
        PayloadValue fallback = payloadDefaults.get(key);
        if (fallback == null) {
            throw typeError(key, expectedType, "No value found in a payload nor defaults");
        }
        return fallback;
    }

    private static GeoPoint geoPoint(JsonPath key, PayloadValue value) {
        if (!(value instanceof ObjectValue o)) {
            throw typeError(key, "geo point", "invalid type: " + kind(value) + ", expected struct GeoPoint");
        }
        PayloadValue lon = o.get("lon");
        PayloadValue lat = o.get("lat");
        if (lon == null || lat == null) {
            throw typeError(key, "geo point", "missing field `" + (lon == null ? "lon" : "lat") + "`");
        }
        if (lon.asNumber() == null || lat.asNumber() == null) {
            throw typeError(key, "geo point", "invalid type: " + kind(lon.asNumber() == null ? lon : lat)
                    + ", expected f64");
        }
        try {
            return new GeoPoint(lon.asNumber(), lat.asNumber());
        } catch (QuiverException e) {
            throw typeError(key, "geo point", e.description());
        }
    }

    private static String kind(PayloadValue value) {
        return switch (value) {
            case PayloadValue.NullValue n -> "null";
            case PayloadValue.BoolValue b -> "boolean `" + b.value() + "`";
            case PayloadValue.StringValue s -> "string \"" + s.value() + "\"";
            case ArrayValue a -> "sequence";
            case ObjectValue o -> "map";
            default -> "number";
        };
    }

    private static double seconds(Instant instant) {
        long micros = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
        return micros / 1_000_000.0;
    }

    private static double finite(double value, String expression) {
        if (Double.isFinite(value)) {
            return value;
        }
        throw nonFinite(expression + " = " + display(value));
    }

    private static BadInputException nonFinite(String expression) {
        return new BadInputException("The expression " + expression + " produced a non-finite number");
    }

    private static BadInputException typeError(JsonPath key, String expectedType, String description) {
        return new BadInputException("Expected " + expectedType + " value for " + key + " in the payload and/or"
                + " in the formula defaults. Error: " + description);
    }

    /** A number as Rust prints an {@code f64}: no exponent, no trailing {@code .0}, {@code inf}, {@code NaN}. */
    static String display(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0.0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    /** A 32-bit float as Rust prints it. */
    static String display(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            return display((double) value);
        }
        return display(Double.parseDouble(Float.toString(value)));
    }
}
