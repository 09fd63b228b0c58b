package io.quiver.domain.filter;

import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.point.PointId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One clause entry of a {@link Filter}. Conditions are plain data; {@link Filter#matches} evaluates
 * them, so that a query planner can also walk them (to pick indexes, estimate cardinality).
 */
public sealed interface Condition
        permits FieldCondition, Condition.IsEmpty, Condition.IsNull, Condition.HasId, Condition.HasVector,
                Condition.Nested, Condition.NestedFilter {

    /**
     * The field is missing, null, or {@code []}. With several values at the key ({@code a[].b}) every
     * one of them must be empty. {@code [null]} is not empty.
     */
    record IsEmpty(JsonPath key) implements Condition {
        public IsEmpty {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Some value at the key is an explicit {@code null}. A missing field is not null, and neither is
     * {@code [null]} under key {@code a}: the array itself is the value (write {@code a[]} to look
     * inside). This is the condition form; the field-condition shorthand {@code is_null: true} differs
     * and does look inside arrays, as in Qdrant.
     */
    record IsNull(JsonPath key) implements Condition {
        public IsNull {
            Objects.requireNonNull(key, "key");
        }
    }

    /** The point's id is one of these; an empty set matches nothing. Never matches inside {@link Nested}. */
    record HasId(Set<PointId> ids) implements Condition {
        public HasId {
            ids = Set.copyOf(ids);
        }

        public static HasId of(PointId... ids) {
            return new HasId(new LinkedHashSet<>(List.of(ids)));
        }
    }

    /** The point carries the named vector ({@code ""} for the default one). Never matches inside {@link Nested}. */
    record HasVector(String name) implements Condition {
        public HasVector {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Applies {@code filter} to each object element of the array at {@code key} ({@code []} is implied)
     * and matches when one element satisfies the whole filter on its own. Inside, keys are relative to
     * the element; non-object elements are skipped; nested conditions may nest further.
     */
    record Nested(JsonPath key, Filter filter) implements Condition {
        public Nested {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(filter, "filter");
        }
    }

    /** A whole filter used as one condition, to group clauses. */
    record NestedFilter(Filter filter) implements Condition {
        public NestedFilter {
            Objects.requireNonNull(filter, "filter");
        }
    }
}
