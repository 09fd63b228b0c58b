package io.quiver.domain.payload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON-like value owned by the domain: payloads, collection metadata and any free-form document a
 * client stores. Keeps the order of object keys as the client sent them.
 */
public sealed interface PayloadValue {

    NullValue NULL = new NullValue();

    static PayloadValue of(boolean b) {
        return b ? BoolValue.TRUE : BoolValue.FALSE;
    }

    static PayloadValue of(long n) {
        return new IntegerValue(n);
    }

    static PayloadValue of(double d) {
        return new DoubleValue(d);
    }

    static PayloadValue of(String s) {
        return new StringValue(s);
    }

    /** The JSON null. */
    record NullValue() implements PayloadValue {
    }

    record BoolValue(boolean value) implements PayloadValue {
        public static final BoolValue TRUE = new BoolValue(true);
        public static final BoolValue FALSE = new BoolValue(false);
    }

    /** A whole number as JSON carried it (signed 64-bit). */
    record IntegerValue(long value) implements PayloadValue {
    }

    /**
     * A whole number from 2^63 to 2^64 − 1 (unsigned 64-bit ids and payload values JSON may carry);
     * {@code bits} holds it as an unsigned long. Smaller numbers are always {@link IntegerValue}s.
     */
    record UnsignedIntegerValue(long bits) implements PayloadValue {
        public UnsignedIntegerValue {
            if (bits >= 0) {
                throw new IllegalArgumentException("numbers below 2^63 are IntegerValues");
            }
        }

        @Override
        public String toString() {
            return Long.toUnsignedString(bits);
        }
    }

    record DoubleValue(double value) implements PayloadValue {
    }

    record StringValue(String value) implements PayloadValue {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }
    }

    record ArrayValue(List<PayloadValue> values) implements PayloadValue {
        public static final ArrayValue EMPTY = new ArrayValue(List.of());

        public ArrayValue {
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    record ObjectValue(Map<String, PayloadValue> fields) implements PayloadValue {
        public static final ObjectValue EMPTY = new ObjectValue(Map.of());

        public ObjectValue {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        public PayloadValue get(String key) {
            return fields.get(key);
        }

        public boolean isEmpty() {
            return fields.isEmpty();
        }
    }

    private static double unsignedToDouble(long bits) {
        return (double) (bits >>> 1) * 2.0 + (bits & 1);
    }

    default boolean isNull() {
        return this instanceof NullValue;
    }

    /** A number as double, or null when this is not a number. */
    default Double asNumber() {
        return switch (this) {
            case IntegerValue i -> (double) i.value();
            case UnsignedIntegerValue u -> unsignedToDouble(u.bits());
            case DoubleValue d -> d.value();
            default -> null;
        };
    }
}
