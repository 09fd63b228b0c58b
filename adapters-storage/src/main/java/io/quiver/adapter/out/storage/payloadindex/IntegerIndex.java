package io.quiver.adapter.out.storage.payloadindex;

import io.quiver.domain.filter.AnyValues;
import io.quiver.domain.filter.Match;
import io.quiver.domain.filter.Range;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.DoubleValue;
import io.quiver.domain.payload.PayloadValue.IntegerValue;
import io.quiver.domain.point.PointId;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Integer index: integer values → ids, sorted. Answers {@code match.value} / {@code match.any} with
 * integers when {@code lookup} is on (default) and numeric ranges when {@code range} is on (default).
 *
 * <p>Only integers are indexed (they alone count in {@link #indexedPoints}, facets and ordering), but a
 * range must also see the floats the evaluator would accept ({@code gte: 1} matches a stored
 * {@code 1.5}), so with {@code range} on the index keeps every number of the field, as a double exactly
 * as {@link PayloadValue#asNumber} reads it, in a side structure that only ranges use.
 */
final class IntegerIndex extends AbstractPayloadIndex<IntegerIndex.Numbers> {

    /** A point's distinct integers, and (with range on) its distinct numbers as normalized doubles. */
    record Numbers(Set<Long> integers, Set<Double> numbers) {
    }

    private final boolean lookup;
    private final boolean range;
    private final Postings<Long> integers = Postings.sorted();
    private final Postings<Double> numbers = Postings.sortedKeys();

    IntegerIndex(PayloadFieldSchema schema) {
        super(schema);
        this.lookup = schema.flag("lookup", true);
        this.range = schema.flag("range", true);
    }

    @Override
    protected Numbers extract(List<PayloadValue> values) {
        Set<Long> ints = new LinkedHashSet<>();
        Set<Double> nums = new LinkedHashSet<>();
        for (PayloadValue value : values) {
            if (value instanceof IntegerValue i) {
                ints.add(i.value());
            }
            if (range && (value instanceof IntegerValue || value instanceof DoubleValue)) {
                nums.add(Bounds.normalize(value.asNumber()));
            }
        }
        return ints.isEmpty() && nums.isEmpty() ? null : new Numbers(orEmpty(compact(ints)), orEmpty(compact(nums)));
    }

    @Override
    protected boolean holdsIndexedValue(Numbers data) {
        return !data.integers().isEmpty();
    }

    @Override
    protected void add(PointId id, Numbers data) {
        integers.addAll(data.integers(), id);
        numbers.addAll(data.numbers(), id);
    }

    @Override
    protected void drop(PointId id, Numbers data) {
        integers.removeAll(data.integers(), id);
        numbers.removeAll(data.numbers(), id);
    }

    @Override
    protected Set<PointId> answerMatch(Match match) {
        if (!lookup) {
            return null;
        }
        return switch (match) {
            case Match.Value(IntegerValue i) -> new HashSet<>(integers.get(i.value()));
            case Match.Any(AnyValues.Integers list) -> union(integers, list.values());
            case Match.Any(AnyValues any) when any.isEmpty() -> new HashSet<>();
            default -> null;
        };
    }

    @Override
    protected long estimateMatch(Match match) {
        if (!lookup) {
            return -1;
        }
        return switch (match) {
            case Match.Value(IntegerValue i) -> integers.get(i.value()).size();
            case Match.Any(AnyValues.Integers list) -> sizeSum(integers, list.values());
            case Match.Any(AnyValues any) when any.isEmpty() -> 0;
            default -> -1;
        };
    }

    @Override
    protected Set<PointId> answerRange(Range condition) {
        if (!range) {
            return null;
        }
        Set<PointId> ids = new HashSet<>();
        for (Map.Entry<Double, Set<PointId>> e : Bounds.numeric(numbers.navigable(), condition).entrySet()) {
            if (condition.test(e.getKey())) {
                ids.addAll(e.getValue());
            }
        }
        return ids;
    }

    @Override
    protected long estimateRange(Range condition) {
        if (!range) {
            return -1;
        }
        long total = 0;
        for (Set<PointId> ids : Bounds.numeric(numbers.navigable(), condition).values()) {
            total += ids.size();
        }
        return total;
    }

    @Override
    protected Map<PayloadValue, Long> countValues(Predicate<PointId> accept) {
        return counts(integers, PayloadValue::of, accept);
    }

    @Override
    protected void visit(boolean descending, Double startFrom, OrderedVisitor visitor) {
        visitEntries(Bounds.fromLong(integers.navigable(), descending, startFrom), PayloadValue::of, visitor);
    }

    private static <T> Set<T> orEmpty(Set<T> set) {
        return set == null ? Set.of() : set;
    }
}
