package io.quiver.domain.filter;

import io.quiver.domain.error.Validations;
import io.quiver.domain.payload.PayloadValue;

/** Bounds on how many values a field holds; absent bounds are null. */
public record ValuesCount(Long lt, Long gt, Long gte, Long lte) {

    public ValuesCount {
        new Validations()
                .range("lt", lt, 0, null)
                .range("gt", gt, 0, null)
                .range("gte", gte, 0, null)
                .range("lte", lte, 0, null)
                .throwIfAny();
    }

    public boolean test(long count) {
        return (lt == null || count < lt)
                && (gt == null || count > gt)
                && (gte == null || count >= gte)
                && (lte == null || count <= lte);
    }

    /** How many values one stored value counts for: an array its length, null none, anything else one. */
    public static long countOf(PayloadValue value) {
        return switch (value) {
            case PayloadValue.NullValue ignored -> 0;
            case PayloadValue.ArrayValue array -> array.values().size();
            default -> 1;
        };
    }
}
