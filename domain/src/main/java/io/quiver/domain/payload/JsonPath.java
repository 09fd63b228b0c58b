package io.quiver.domain.payload;

import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A payload key as clients write it in filters, payload operations and selectors: {@code a.b},
 * {@code a[].b}, {@code a[0]}, {@code "a.b".c}. It always starts with a key (never with {@code [}),
 * because a payload is an object.
 *
 * <p>Reading follows Qdrant: a key step only descends into an object, an index step only into an
 * array, and {@code []} fans out over every element. So {@code a.b} finds nothing when {@code a} is
 * an array of objects; clients must write {@code a[].b}. An array found at the end of the path is
 * returned as one value; conditions then look at its elements (see {@link #flattenedValues}).
 *
 * @param firstKey the top-level payload key
 * @param rest     the steps after it
 */
public record JsonPath(String firstKey, List<Segment> rest) {

    /** One step after the first key. */
    public sealed interface Segment {
        /** Descend into an object's field. */
        record Key(String name) implements Segment {
            public Key {
                Objects.requireNonNull(name, "name");
            }
        }

        /** Take one element of an array; a missing element yields nothing. */
        record Index(int position) implements Segment {
            public Index {
                if (position < 0) {
                    throw new IllegalArgumentException("position must not be negative");
                }
            }
        }

        /** Fan out over every element of an array ({@code []}). */
        record Wildcard() implements Segment {
        }
    }

    public static final Segment WILDCARD = new Segment.Wildcard();

    public JsonPath {
        Objects.requireNonNull(firstKey, "firstKey");
        rest = List.copyOf(rest);
    }

    /**
     * Reads a key in Qdrant's syntax.
     *
     * @throws io.quiver.domain.error.BadInputException when the text is not a valid path
     */
    public static JsonPath parse(String text) {
        return JsonPathParser.parse(text);
    }

    /** A path of plain object keys, e.g. {@code of("a", "b")} for {@code a.b}. */
    public static JsonPath of(String firstKey, String... keys) {
        List<Segment> segments = new ArrayList<>(keys.length);
        for (String key : keys) {
            segments.add(new Segment.Key(key));
        }
        return new JsonPath(firstKey, segments);
    }

    /** Every value the path reaches, in document order; arrays at the end are kept whole. */
    public List<PayloadValue> values(ObjectValue payload) {
        List<PayloadValue> found = new ArrayList<>();
        PayloadValue first = payload.get(firstKey);
        if (first != null) {
            collect(first, 0, found);
        }
        return found;
    }

    /**
     * Like {@link #values} but with arrays at the end opened one level, which is how conditions and
     * payload indexes see a multi-valued field. Arrays nested inside those arrays stay whole.
     */
    public List<PayloadValue> flattenedValues(ObjectValue payload) {
        List<PayloadValue> flat = new ArrayList<>();
        for (PayloadValue value : values(payload)) {
            if (value instanceof ArrayValue array) {
                flat.addAll(array.values());
            } else {
                flat.add(value);
            }
        }
        return flat;
    }

    private void collect(PayloadValue value, int step, List<PayloadValue> found) {
        if (step == rest.size()) {
            found.add(value);
            return;
        }
        switch (rest.get(step)) {
            case Segment.Key key when value instanceof ObjectValue object -> {
                PayloadValue child = object.get(key.name());
                if (child != null) {
                    collect(child, step + 1, found);
                }
            }
            case Segment.Index index when value instanceof ArrayValue array -> {
                if (index.position() < array.values().size()) {
                    collect(array.values().get(index.position()), step + 1, found);
                }
            }
            case Segment.Wildcard ignored when value instanceof ArrayValue array -> {
                for (PayloadValue element : array.values()) {
                    collect(element, step + 1, found);
                }
            }
            default -> {
                // the step does not fit the value's shape: nothing is found on this branch
            }
        }
    }

    /** This path with {@code []} appended unless it already ends so; a nested condition iterates it. */
    public JsonPath arrayKey() {
        if (hasWildcardSuffix()) {
            return this;
        }
        List<Segment> extended = new ArrayList<>(rest);
        extended.add(WILDCARD);
        return new JsonPath(firstKey, extended);
    }

    public boolean hasWildcardSuffix() {
        return !rest.isEmpty() && rest.getLast() instanceof Segment.Wildcard;
    }

    /** The path in Qdrant's syntax, quoting keys that need it; parsing the result gives this path back. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(JsonPathParser.quoteIfNeeded(firstKey));
        for (Segment segment : rest) {
            switch (segment) {
                case Segment.Key key -> text.append('.').append(JsonPathParser.quoteIfNeeded(key.name()));
                case Segment.Index index -> text.append('[').append(index.position()).append(']');
                case Segment.Wildcard ignored -> text.append("[]");
            }
        }
        return text.toString();
    }
}
