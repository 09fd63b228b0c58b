package io.quiver.domain.filter;

import io.quiver.domain.payload.PayloadValue;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The value list of a {@code match.any} or {@code match.except}: all strings or all integers, as in
 * Qdrant. An empty list is a list of strings, because that is how Qdrant reads {@code []}; it matters
 * for {@code except}, where the list's kind decides how integers are treated.
 */
public sealed interface AnyValues {

    AnyValues EMPTY = new Strings(Set.of());

    static AnyValues strings(String... values) {
        return new Strings(new LinkedHashSet<>(Arrays.asList(values)));
    }

    static AnyValues integers(long... values) {
        Set<Long> set = new LinkedHashSet<>();
        for (long value : values) {
            set.add(value);
        }
        return new Integers(set);
    }

    boolean isEmpty();

    /** Whether a single payload value equals one of the listed values; only strings and integers can. */
    boolean contains(PayloadValue value);

    record Strings(Set<String> values) implements AnyValues {
        public Strings {
            values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
            if (values.contains(null)) {
                throw new NullPointerException("values must not contain null");
            }
        }

        @Override
        public boolean isEmpty() {
            return values.isEmpty();
        }

        @Override
        public boolean contains(PayloadValue value) {
            return value instanceof PayloadValue.StringValue s && values.contains(s.value());
        }
    }

    record Integers(Set<Long> values) implements AnyValues {
        public Integers {
            values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
            if (values.contains(null)) {
                throw new NullPointerException("values must not contain null");
            }
        }

        @Override
        public boolean isEmpty() {
            return values.isEmpty();
        }

        @Override
        public boolean contains(PayloadValue value) {
            return value instanceof PayloadValue.IntegerValue i && values.contains(i.value());
        }
    }
}
