package io.quiver.domain.filter;

import io.quiver.domain.payload.PayloadValue;

/**
 * A numeric range; absent bounds are null. Integers and floats are both compared as doubles, so
 * {@code gte: 1} matches a stored {@code 1.0}. With no bounds at all it matches any number.
 */
public record Range(Double lt, Double gt, Double gte, Double lte) {

    public static Range between(Double gte, Double lte) {
        return new Range(null, null, gte, lte);
    }

    public boolean test(double number) {
        return (lt == null || number < lt)
                && (gt == null || number > gt)
                && (gte == null || number >= gte)
                && (lte == null || number <= lte);
    }

    /** Whether one payload value is a number inside the range; strings holding digits are not numbers. */
    public boolean test(PayloadValue value) {
        Double number = value.asNumber();
        return number != null && test(number);
    }
}
