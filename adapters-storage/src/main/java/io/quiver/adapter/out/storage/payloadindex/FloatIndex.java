package io.quiver.adapter.out.storage.payloadindex;

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

/**
 * Float index: every number (integers too) as a double, sorted; {@code -0.0} is kept as {@code 0.0},
 * which every range treats alike. Answers numeric ranges; orders as {@link DoubleValue}.
 */
final class FloatIndex extends AbstractPayloadIndex<Set<Double>> {

    private final Postings<Double> postings = Postings.sorted();

    FloatIndex(PayloadFieldSchema schema) {
        super(schema);
    }

    @Override
    protected Set<Double> extract(List<PayloadValue> values) {
        Set<Double> numbers = new LinkedHashSet<>();
        for (PayloadValue value : values) {
            if (value instanceof IntegerValue || value instanceof DoubleValue) {
                numbers.add(Bounds.normalize(value.asNumber()));
            }
        }
        return compact(numbers);
    }

    @Override
    protected void add(PointId id, Set<Double> data) {
        postings.addAll(data, id);
    }

    @Override
    protected void drop(PointId id, Set<Double> data) {
        postings.removeAll(data, id);
    }

    @Override
    protected Set<PointId> answerRange(Range range) {
        Set<PointId> ids = new HashSet<>();
        for (Map.Entry<Double, Set<PointId>> e : Bounds.numeric(postings.navigable(), range).entrySet()) {
            if (range.test(e.getKey())) {
                ids.addAll(e.getValue());
            }
        }
        return ids;
    }

    @Override
    protected long estimateRange(Range range) {
        long total = 0;
        for (Set<PointId> ids : Bounds.numeric(postings.navigable(), range).values()) {
            total += ids.size();
        }
        return total;
    }

    @Override
    protected void visit(boolean descending, Double startFrom, OrderedVisitor visitor) {
        visitEntries(Bounds.fromDouble(postings.navigable(), descending, startFrom), PayloadValue::of, visitor);
    }
}
