package io.quiver.domain.filter;

import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.List;

/**
 * Evaluates filters without indexes. Inside a nested condition the subject is an array element, which
 * has a payload but no id and no vectors, so id and vector conditions never match there (as in Qdrant).
 */
final class FilterEvaluator {

    private FilterEvaluator() {
    }

    static boolean matches(Filter filter, PointView point) {
        return matches(filter, point.payload(), point);
    }

    /** @param point the whole point, or null when the payload is a nested array element */
    private static boolean matches(Filter filter, ObjectValue payload, PointView point) {
        return shouldHolds(filter.should(), payload, point)
                && minShouldHolds(filter.minShould(), payload, point)
                && allMatch(filter.must(), payload, point)
                && noneMatch(filter.mustNot(), payload, point);
    }

    private static boolean shouldHolds(List<Condition> should, ObjectValue payload, PointView point) {
        return should == null || should.stream().anyMatch(c -> matches(c, payload, point));
    }

    private static boolean minShouldHolds(MinShould minShould, ObjectValue payload, PointView point) {
        if (minShould == null) {
            return true;
        }
        long matching = minShould.conditions().stream()
                .filter(c -> matches(c, payload, point))
                .limit(minShould.minCount())
                .count();
        return matching == minShould.minCount();
    }

    private static boolean allMatch(List<Condition> must, ObjectValue payload, PointView point) {
        return must == null || must.stream().allMatch(c -> matches(c, payload, point));
    }

    private static boolean noneMatch(List<Condition> mustNot, ObjectValue payload, PointView point) {
        return mustNot == null || mustNot.stream().noneMatch(c -> matches(c, payload, point));
    }

    private static boolean matches(Condition condition, ObjectValue payload, PointView point) {
        return switch (condition) {
            case FieldCondition field -> FieldConditionCheck.matches(field, payload);
            case Condition.IsEmpty isEmpty -> isEmpty.key().values(payload).stream()
                    .allMatch(value -> value.isNull() || value instanceof ArrayValue array && array.values().isEmpty());
            case Condition.IsNull isNull -> isNull.key().values(payload).stream().anyMatch(PayloadValue::isNull);
            case Condition.HasId hasId -> point != null && hasId.ids().contains(point.id());
            case Condition.HasVector hasVector -> point != null && point.hasVector(hasVector.name());
            case Condition.Nested nested -> nested.key().arrayKey().values(payload).stream()
                    .filter(ObjectValue.class::isInstance)
                    .anyMatch(element -> matches(nested.filter(), (ObjectValue) element, null));
            case Condition.NestedFilter group -> matches(group.filter(), payload, point);
        };
    }
}
