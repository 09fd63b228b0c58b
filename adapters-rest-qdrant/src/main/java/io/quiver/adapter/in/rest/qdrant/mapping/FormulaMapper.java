package io.quiver.adapter.in.rest.qdrant.mapping;

import io.quiver.domain.error.BadInputException;
import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.filter.FilterReader;
import io.quiver.domain.filter.GeoPoint;
import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadDateTime;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import io.quiver.domain.payload.TreeReader;
import io.quiver.domain.query.Expression;
import io.quiver.domain.query.Formula;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Qdrant's {@code FormulaQuery} ({@code {"formula": Expression, "defaults": {...}}}). An
 * {@code Expression} is untagged, tried in Qdrant's order: a number, a string (a variable), a condition,
 * then the one-key objects ({@code mult}, {@code div}, {@code gauss_decay}, …). Numbers that Qdrant reads
 * as {@code f32} (constants, {@code by_zero_default}, decay {@code scale} and {@code midpoint}) are
 * rounded to 32 bits here too.
 */
public final class FormulaMapper {

    private static final Set<String> OPERATORS = Set.of("geo_distance", "datetime", "datetime_key", "mult", "sum",
            "neg", "abs", "div", "sqrt", "pow", "exp", "log10", "ln", "lin_decay", "exp_decay", "gauss_decay");

    private FormulaMapper() {
    }

    /** The {@code FormulaQuery} object {@code query} (at {@code path}). */
    public static Formula formula(TreeReader query) {
        if (!query.has("formula")) {
            throw query.missing("formula");
        }
        Expression expression = expression(query.raw("formula"), query.pathOf("formula"));
        ObjectValue defaults = query.optObject("defaults");
        Map<String, PayloadValue> values = new LinkedHashMap<>(defaults == null ? Map.of() : defaults.fields());
        return Formula.of(expression, values);
    }

    static Expression expression(PayloadValue v, String path) {
        if (v == null) {
            throw untagged(path);
        }
        if (v.asNumber() != null) {
            return new Expression.Constant(f32(v.asNumber()));
        }
        if (v instanceof StringValue s) {
            return Expression.variable(s.value());
        }
        if (!(v instanceof ObjectValue o)) {
            throw untagged(path);
        }
        if (o.fields().size() == 1 && OPERATORS.contains(o.fields().keySet().iterator().next())) {
            String op = o.fields().keySet().iterator().next();
            return operator(op, o.get(op), path + "." + op);
        }
        try {
            return new Expression.Check(FilterReader.readCondition(o, path));
        } catch (MalformedInputException e) {
            throw untagged(path);
        }
    }

    private static Expression operator(String op, PayloadValue v, String path) {
        return switch (op) {
            case "geo_distance" -> {
                TreeReader r = TreeReader.of(v, path);
                TreeReader origin = r.child("origin");
                if (origin == null) {
                    throw r.missing("origin");
                }
                yield new Expression.GeoDistance(geoPoint(origin), key(r.reqString("to"), r.pathOf("to")));
            }
            case "datetime" -> {
                if (!(v instanceof StringValue s)) {
                    throw TreeReader.mismatch(path, v, "a string");
                }
                yield new Expression.Datetime(PayloadDateTime.parse(s.value()).orElseThrow(() ->
                        new BadInputException("Invalid datetime `" + s.value() + "` in formula: expected RFC 3339"
                                + " or a date like 2023-02-08")));
            }
            case "datetime_key" -> {
                if (!(v instanceof StringValue s)) {
                    throw TreeReader.mismatch(path, v, "a string");
                }
                yield new Expression.DatetimeKey(key(s.value(), path));
            }
            case "mult" -> new Expression.Mult(list(v, path));
            case "sum" -> new Expression.Sum(list(v, path));
            case "neg" -> new Expression.Neg(expression(v, path));
            case "abs" -> new Expression.Abs(expression(v, path));
            case "sqrt" -> new Expression.Sqrt(expression(v, path));
            case "exp" -> new Expression.Exp(expression(v, path));
            case "log10" -> new Expression.Log10(expression(v, path));
            case "ln" -> new Expression.Ln(expression(v, path));
            case "div" -> {
                TreeReader r = TreeReader.of(v, path);
                Double byZero = r.optDouble("by_zero_default");
                yield new Expression.Div(required(r, "left"), required(r, "right"), byZero == null ? null : f32(byZero));
            }
            case "pow" -> {
                TreeReader r = TreeReader.of(v, path);
                yield new Expression.Pow(required(r, "base"), required(r, "exponent"));
            }
            case "lin_decay" -> decay(Expression.DecayKind.LIN, v, path);
            case "exp_decay" -> decay(Expression.DecayKind.EXP, v, path);
            case "gauss_decay" -> decay(Expression.DecayKind.GAUSS, v, path);
            default -> throw new IllegalStateException("unhandled operator " + op);
        };
    }

    private static Expression decay(Expression.DecayKind kind, PayloadValue v, String path) {
        TreeReader r = TreeReader.of(v, path);
        Expression x = required(r, "x");
        Expression target = r.has("target") ? expression(r.raw("target"), r.pathOf("target")) : null;
        Double scale = r.optDouble("scale");
        Double midpoint = r.optDouble("midpoint");
        return Expression.decay(kind, x, target, midpoint == null ? null : (float) midpoint.doubleValue(),
                scale == null ? null : (float) scale.doubleValue());
    }

    private static Expression required(TreeReader r, String key) {
        if (!r.has(key)) {
            throw r.missing(key);
        }
        return expression(r.raw(key), r.pathOf(key));
    }

    private static List<Expression> list(PayloadValue v, String path) {
        if (!(v instanceof ArrayValue a)) {
            throw TreeReader.mismatch(path, v, "a sequence");
        }
        List<Expression> out = new ArrayList<>(a.values().size());
        for (int i = 0; i < a.values().size(); i++) {
            out.add(expression(a.values().get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static GeoPoint geoPoint(TreeReader r) {
        Double lon = r.optDouble("lon");
        Double lat = r.optDouble("lat");
        if (lon == null) {
            throw r.missing("lon");
        }
        if (lat == null) {
            throw r.missing("lat");
        }
        try {
            return new GeoPoint(lon, lat);
        } catch (ValidationException e) {
            throw e.under(r.path());
        }
    }

    private static JsonPath key(String text, String path) {
        try {
            return JsonPath.parse(text);
        } catch (RuntimeException e) {
            throw new MalformedInputException(path + ": invalid payload key `" + text + "`");
        }
    }

    private static double f32(double value) {
        return (float) value;
    }

    private static MalformedInputException untagged(String path) {
        return new MalformedInputException(path + ": data did not match any variant of untagged enum Expression");
    }
}
