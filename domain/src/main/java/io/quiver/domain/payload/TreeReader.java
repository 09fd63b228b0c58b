package io.quiver.domain.payload;

import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.BoolValue;
import io.quiver.domain.payload.PayloadValue.DoubleValue;
import io.quiver.domain.payload.PayloadValue.IntegerValue;
import io.quiver.domain.payload.PayloadValue.NullValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads typed fields out of a document tree, naming the field's path in every shape error so that the
 * client can find the mistake. An explicit JSON null reads as absent, as Qdrant treats it.
 */
public final class TreeReader {

    private final ObjectValue object;
    private final String path;

    private TreeReader(ObjectValue object, String path) {
        this.object = object;
        this.path = path;
    }

    public static TreeReader of(PayloadValue value, String path) {
        if (value instanceof ObjectValue o) {
            return new TreeReader(o, path);
        }
        throw mismatch(path, value, "a map");
    }

    public ObjectValue object() {
        return object;
    }

    public String path() {
        return path;
    }

    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        PayloadValue v = object.get(key);
        return v != null && !(v instanceof NullValue);
    }

    public PayloadValue raw(String key) {
        PayloadValue v = object.get(key);
        return v instanceof NullValue ? null : v;
    }

    public Map<String, PayloadValue> fields() {
        return object.fields();
    }

    public TreeReader child(String key) {
        PayloadValue v = raw(key);
        return v == null ? null : of(v, pathOf(key));
    }

    public Long optUnsigned(String key) {
        PayloadValue v = raw(key);
        if (v == null) {
            return null;
        }
        if (v instanceof IntegerValue i) {
            if (i.value() >= 0) {
                return i.value();
            }
            throw new MalformedInputException(prefix(pathOf(key)) + "invalid value: integer `" + i.value()
                    + "`, expected u64");
        }
        throw mismatch(pathOf(key), v, "u64");
    }

    public long reqUnsigned(String key) {
        Long v = optUnsigned(key);
        if (v == null) {
            throw missing(key);
        }
        return v;
    }

    public Integer optUnsignedInt(String key) {
        Long v = optUnsigned(key);
        if (v == null) {
            return null;
        }
        if (v > Integer.MAX_VALUE) {
            throw new MalformedInputException(pathOf(key) + ": invalid value: integer `" + v + "`, expected u32");
        }
        return v.intValue();
    }

    public Double optDouble(String key) {
        PayloadValue v = raw(key);
        if (v == null) {
            return null;
        }
        Double d = v.asNumber();
        if (d == null) {
            throw mismatch(pathOf(key), v, "f64");
        }
        return d;
    }

    public Boolean optBool(String key) {
        PayloadValue v = raw(key);
        if (v == null) {
            return null;
        }
        if (v instanceof BoolValue b) {
            return b.value();
        }
        throw mismatch(pathOf(key), v, "a boolean");
    }

    public String optString(String key) {
        PayloadValue v = raw(key);
        if (v == null) {
            return null;
        }
        if (v instanceof StringValue s) {
            return s.value();
        }
        throw mismatch(pathOf(key), v, "a string");
    }

    public String reqString(String key) {
        String v = optString(key);
        if (v == null) {
            throw missing(key);
        }
        return v;
    }

    public ObjectValue optObject(String key) {
        PayloadValue v = raw(key);
        if (v == null) {
            return null;
        }
        if (v instanceof ObjectValue o) {
            return o;
        }
        throw mismatch(pathOf(key), v, "a map");
    }

    public List<PayloadValue> optArray(String key) {
        PayloadValue v = raw(key);
        if (v == null) {
            return null;
        }
        if (v instanceof ArrayValue a) {
            return a.values();
        }
        throw mismatch(pathOf(key), v, "a sequence");
    }

    /** Reads an enum by its wire label, failing as serde does for an unknown variant. */
    public <E extends Enum<E>> E optEnum(String key, Class<E> type, Function<E, String> label) {
        String s = optString(key);
        if (s == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (label.apply(e).equals(s)) {
                return e;
            }
        }
        throw unknownVariant(pathOf(key), s, Arrays.stream(type.getEnumConstants()).map(label).toList());
    }

    public static MalformedInputException unknownVariant(String path, String value, List<String> expected) {
        String options = expected.stream().map(x -> "`" + x + "`").collect(Collectors.joining(", "));
        return new MalformedInputException(prefix(path) + "unknown variant `" + value + "`, expected one of " + options);
    }

    public MalformedInputException missing(String key) {
        return new MalformedInputException(prefix(path) + "missing field `" + key + "`");
    }

    public static MalformedInputException mismatch(String path, PayloadValue found, String expected) {
        return new MalformedInputException(prefix(path) + "invalid type: " + describe(found) + ", expected " + expected);
    }

    private static String prefix(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    static String describe(PayloadValue v) {
        return switch (v) {
            case NullValue n -> "null";
            case BoolValue b -> "boolean `" + b.value() + "`";
            case IntegerValue i -> "integer `" + i.value() + "`";
            case PayloadValue.UnsignedIntegerValue u -> "integer `" + u + "`";
            case DoubleValue d -> "floating point `" + d.value() + "`";
            case StringValue s -> "string \"" + s.value() + "\"";
            case ArrayValue a -> "sequence";
            case ObjectValue o -> "map";
        };
    }
}
