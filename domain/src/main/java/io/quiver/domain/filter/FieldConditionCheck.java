package io.quiver.domain.filter;

import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.NullValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.List;

/** Evaluates a {@link FieldCondition} against a payload the way Qdrant does without a payload index. */
final class FieldConditionCheck {

    private FieldConditionCheck() {
    }

    static boolean matches(FieldCondition condition, ObjectValue payload) {
        List<PayloadValue> values = condition.key().values(payload);
        if (values.isEmpty()) {
            return matchesNoValue(condition);
        }
        return values.stream().anyMatch(value -> matchesValue(condition, value));
    }

    /**
     * Qdrant intends a missing field to count 0 values; its field-condition path forgets to (qdrant#9065,
     * open), and we follow the intent and the documentation rather than the bug.
     */
    private static boolean matchesNoValue(FieldCondition condition) {
        if (condition.isEmpty() != null) {
            return condition.isEmpty();
        }
        if (condition.isNull() != null) {
            return !condition.isNull();
        }
        return condition.valuesCount() != null && condition.valuesCount().test(0);
    }

    private static boolean matchesValue(FieldCondition condition, PayloadValue value) {
        if (condition.valuesCount() != null) {
            return condition.valuesCount().test(ValuesCount.countOf(value));
        }
        if (condition.isEmpty() != null) {
            return isEmptyValue(value) == condition.isEmpty();
        }
        if (condition.isNull() != null) {
            return holdsNull(value) == condition.isNull();
        }
        if (value instanceof ArrayValue array) {
            return array.values().stream().anyMatch(element -> matchesSingle(condition, element));
        }
        return matchesSingle(condition, value);
    }

    private static boolean isEmptyValue(PayloadValue value) {
        return value instanceof NullValue || value instanceof ArrayValue array && array.values().isEmpty();
    }

    private static boolean holdsNull(PayloadValue value) {
        return value instanceof NullValue
                || value instanceof ArrayValue array && array.values().stream().anyMatch(PayloadValue::isNull);
    }

    private static boolean matchesSingle(FieldCondition condition, PayloadValue value) {
        return condition.match() != null && condition.match().test(value)
                || condition.range() != null && condition.range().test(value)
                || condition.datetimeRange() != null && condition.datetimeRange().test(value)
                || condition.geoBoundingBox() != null && condition.geoBoundingBox().test(value)
                || condition.geoRadius() != null && condition.geoRadius().test(value)
                || condition.geoPolygon() != null && condition.geoPolygon().test(value);
    }
}
