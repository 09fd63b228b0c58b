package io.quiver.domain.query;

import io.quiver.domain.error.BadInputException;
import io.quiver.domain.filter.Condition;
import io.quiver.domain.filter.GeoPoint;
import io.quiver.domain.payload.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A score-boosting expression of a {@code formula} query (Qdrant's {@code Expression}); {@link Formula}
 * evaluates it for one point. Numbers are doubles throughout, as in Qdrant ({@code PreciseScore}).
 */
public sealed interface Expression {

    /** A number. */
    record Constant(double value) implements Expression {
    }

    /** {@code "$score"} (prefetch 0) or {@code "$score[i]"}: the point's score in the i-th prefetch. */
    record Score(int prefetch) implements Expression {
        public Score {
            if (prefetch < 0) {
                throw new IllegalArgumentException("prefetch must not be negative");
            }
        }
    }

    /** A payload key whose value must be a number. */
    record Variable(JsonPath key) implements Expression {
        public Variable {
            Objects.requireNonNull(key, "key");
        }
    }

    /** A filter condition: 1 when the point meets it, else 0. */
    record Check(Condition condition) implements Expression {
        public Check {
            Objects.requireNonNull(condition, "condition");
        }
    }

    /** Haversine distance in metres from {@code origin} to the geo point stored at {@code to}. */
    record GeoDistance(GeoPoint origin, JsonPath to) implements Expression {
        public GeoDistance {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(to, "to");
        }
    }

    /** A date-time constant, as seconds since the epoch (microsecond precision). */
    record Datetime(Instant value) implements Expression {
        public Datetime {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A date-time stored at a payload key, as seconds since the epoch. */
    record DatetimeKey(JsonPath key) implements Expression {
        public DatetimeKey {
            Objects.requireNonNull(key, "key");
        }
    }

    record Mult(List<Expression> factors) implements Expression {
        public Mult {
            factors = List.copyOf(factors);
        }
    }

    record Sum(List<Expression> terms) implements Expression {
        public Sum {
            terms = List.copyOf(terms);
        }
    }

    record Neg(Expression value) implements Expression {
        public Neg {
            Objects.requireNonNull(value, "value");
        }
    }

    record Abs(Expression value) implements Expression {
        public Abs {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code left / right}; {@code byZeroDefault} (nullable) is the answer when {@code right} is 0. */
    record Div(Expression left, Expression right, Double byZeroDefault) implements Expression {
        public Div {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    record Sqrt(Expression value) implements Expression {
        public Sqrt {
            Objects.requireNonNull(value, "value");
        }
    }

    record Pow(Expression base, Expression exponent) implements Expression {
        public Pow {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(exponent, "exponent");
        }
    }

    record Exp(Expression value) implements Expression {
        public Exp {
            Objects.requireNonNull(value, "value");
        }
    }

    record Log10(Expression value) implements Expression {
        public Log10 {
            Objects.requireNonNull(value, "value");
        }
    }

    record Ln(Expression value) implements Expression {
        public Ln {
            Objects.requireNonNull(value, "value");
        }
    }

    enum DecayKind { LIN, EXP, GAUSS }

    /**
     * A decay of {@code x} away from {@code target} (null: 0), shaped by {@code lambda}, which
     * {@link #decay} derives from the request's {@code scale} and {@code midpoint}. Always in [0, 1].
     */
    record Decay(DecayKind kind, Expression x, Expression target, double lambda) implements Expression {
        public Decay {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(x, "x");
        }
    }

    /** Qdrant's defaults for a decay's parameters. */
    double DEFAULT_DECAY_MIDPOINT = 0.5;
    double DEFAULT_DECAY_SCALE = 1.0;

    /**
     * A decay as Qdrant builds it ({@code decay_params_to_lambda}): {@code midpoint} (default 0.5) is the
     * value at {@code |x - target| == scale} (default 1). Linear: midpoint in [0, 1] and
     * {@code lambda = (1 - midpoint) / scale}; exponential: midpoint in (0, 1) and {@code ln(midpoint) / scale};
     * Gaussian: midpoint in (0, 1) and {@code ln(midpoint) / scale²}. The scale must be positive.
     *
     * @throws BadInputException with Qdrant's message when a parameter is out of range
     */
    static Decay decay(DecayKind kind, Expression x, Expression target, Float midpoint, Float scale) {
        double m = midpoint == null ? DEFAULT_DECAY_MIDPOINT : (double) midpoint;
        double s = scale == null ? DEFAULT_DECAY_SCALE : (double) scale;
        if (kind == DecayKind.LIN) {
            if (!(m >= 0.0 && m <= 1.0)) {
                throw new BadInputException("Validation failed: Linear decay midpoint should be in the range [0.0, 1.0],"
                        + " got " + Formula.display(m) + ".");
            }
        } else if (!(m > 0.0 && m < 1.0)) {
            throw new BadInputException("Validation failed: Decay midpoint should be in the range (0.0, 1.0), got "
                    + Formula.display(m) + ".");
        }
        if (!(s > 0.0)) {
            throw new BadInputException("Validation failed: Decay scale should be non-zero positive, got "
                    + Formula.display(s) + ".");
        }
        double lambda = switch (kind) {
            case LIN -> (1.0 - m) / s;
            case EXP -> Math.log(m) / s;
            case GAUSS -> Math.log(m) / (s * s);
        };
        return new Decay(kind, x, target, lambda);
    }

    /**
     * A string expression as Qdrant reads it ({@code VariableId::from_str}): {@code $score} and
     * {@code $score[i]} name prefetch scores, any other {@code $…} is an error, everything else is a
     * payload key.
     *
     * @throws BadInputException for a malformed or reserved name
     */
    static Expression variable(String text) {
        Objects.requireNonNull(text, "text");
        if (text.startsWith("$")) {
            JsonPath path;
            try {
                path = JsonPath.parse(text.substring(1));
            } catch (RuntimeException e) {
                throw new BadInputException("Invalid reserved variable: " + text);
            }
            if (!path.firstKey().equals("score")) {
                throw new BadInputException("Invalid reserved word: " + text);
            }
            if (path.rest().isEmpty()) {
                return new Score(0);
            }
            if (path.rest().size() == 1 && path.rest().getFirst() instanceof JsonPath.Segment.Index i) {
                return new Score(i.position());
            }
            throw new BadInputException("Invalid reserved variable: " + text);
        }
        try {
            return new Variable(JsonPath.parse(text));
        } catch (RuntimeException e) {
            throw new BadInputException("Invalid payload variable: " + text);
        }
    }
}
