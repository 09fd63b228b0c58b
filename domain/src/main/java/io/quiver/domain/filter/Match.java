package io.quiver.domain.filter;

import io.quiver.domain.error.BadInputException;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.BoolValue;
import io.quiver.domain.payload.PayloadValue.DoubleValue;
import io.quiver.domain.payload.PayloadValue.IntegerValue;
import io.quiver.domain.payload.PayloadValue.NullValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import java.util.Objects;

/**
 * The {@code match} options of a field condition. Each tests one payload value; the field condition
 * opens arrays first, so a multi-valued field matches when any of its values does.
 *
 * <p>These are the semantics without a payload index. The text variants in particular are plain,
 * case-sensitive substring tests here, as in Qdrant when the field has no full-text index; an index
 * built with {@link TextTokenizer} answers them by tokens instead.
 */
public sealed interface Match {

    /** Whether one payload value (an element, when the field holds an array) satisfies this match. */
    boolean test(PayloadValue value);

    static Match value(String keyword) {
        return new Value(PayloadValue.of(keyword));
    }

    static Match value(long integer) {
        return new Value(PayloadValue.of(integer));
    }

    static Match value(boolean flag) {
        return new Value(PayloadValue.of(flag));
    }

    static Match any(AnyValues values) {
        return new Any(values);
    }

    static Match except(AnyValues values) {
        return new Except(values);
    }

    /**
     * Exact equality with a string, integer or boolean. Integers only equal integers: a stored
     * {@code 1.0} is a float and does not match {@code 1} (use a range for floats).
     */
    record Value(PayloadValue value) implements Match {
        public Value {
            Objects.requireNonNull(value, "value");
            if (!(value instanceof StringValue || value instanceof IntegerValue || value instanceof BoolValue)) {
                throw new BadInputException("match value must be a string, an integer or a boolean");
            }
        }

        @Override
        public boolean test(PayloadValue candidate) {
            return value.equals(candidate);
        }
    }

    /** Equals one of the listed values. An empty list matches nothing. */
    record Any(AnyValues any) implements Match {
        public Any {
            Objects.requireNonNull(any, "any");
        }

        @Override
        public boolean test(PayloadValue candidate) {
            return any.contains(candidate);
        }
    }

    /**
     * Has a value that is none of the listed ones. Follows Qdrant value by value: null never matches;
     * a string or integer matches when it is not listed; anything else (booleans, floats, objects,
     * nested arrays, and strings against an integer list or vice versa) is "not listed" and matches.
     * So an empty list matches every point whose field holds a non-null value, and a missing field,
     * {@code null} or {@code []} never match, since they offer no value to test.
     */
    record Except(AnyValues except) implements Match {
        public Except {
            Objects.requireNonNull(except, "except");
        }

        @Override
        public boolean test(PayloadValue candidate) {
            return switch (candidate) {
                case NullValue ignored -> false;
                case StringValue s -> !(except instanceof AnyValues.Strings) || !except.contains(s);
                case IntegerValue i -> !(except instanceof AnyValues.Integers) || !except.contains(i);
                case PayloadValue.UnsignedIntegerValue ignored -> true;
                case DoubleValue ignored -> true;
                case BoolValue ignored -> true;
                case ArrayValue ignored -> true;
                case ObjectValue ignored -> true;
            };
        }
    }

    /** Full-text match; without an index, the stored string must contain the text as written. */
    record Text(String text) implements Match {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean test(PayloadValue candidate) {
            return candidate instanceof StringValue s && s.value().contains(text);
        }
    }

    /**
     * Matches when any whitespace-separated word of the query occurs; without an index each word is a
     * substring test, so an empty or blank query matches nothing.
     */
    record TextAny(String textAny) implements Match {
        public TextAny {
            Objects.requireNonNull(textAny, "textAny");
        }

        @Override
        public boolean test(PayloadValue candidate) {
            if (!(candidate instanceof StringValue s)) {
                return false;
            }
            return TextTokenizer.RAW_WHITESPACE.tokenize(textAny).stream().anyMatch(s.value()::contains);
        }
    }

    /** Phrase match; without an index Qdrant treats it as a substring test, like {@link Text}. */
    record Phrase(String phrase) implements Match {
        public Phrase {
            Objects.requireNonNull(phrase, "phrase");
        }

        @Override
        public boolean test(PayloadValue candidate) {
            return candidate instanceof StringValue s && s.value().contains(phrase);
        }
    }

    /** Keyword prefix: case-sensitive, character by character, like an exact keyword match. */
    record Prefix(String prefix) implements Match {
        public Prefix {
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public boolean test(PayloadValue candidate) {
            return candidate instanceof StringValue s && s.value().startsWith(prefix);
        }
    }
}
