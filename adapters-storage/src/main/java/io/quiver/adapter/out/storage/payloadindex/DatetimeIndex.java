package io.quiver.adapter.out.storage.payloadindex;

import io.quiver.domain.filter.DatetimeRange;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.payload.PayloadDateTime;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import io.quiver.domain.point.PointId;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Datetime index: string values {@link PayloadDateTime} reads → ids. Ranges are answered on the full
 * instants (nanosecond precision, exactly as {@link DatetimeRange#test} compares); ordering uses
 * microseconds since the epoch, the unit Qdrant reports as {@code order_value}, so values within the
 * same microsecond tie and come out in id order.
 */
final class DatetimeIndex extends AbstractPayloadIndex<Set<Instant>> {

    private final Postings<Instant> instants = Postings.sortedKeys();
    private final Postings<Long> micros = Postings.sorted();

    DatetimeIndex(PayloadFieldSchema schema) {
        super(schema);
    }

    /** Microseconds since the epoch, rounded down. */
    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    @Override
    protected Set<Instant> extract(List<PayloadValue> values) {
        Set<Instant> found = new LinkedHashSet<>();
        for (PayloadValue value : values) {
            if (value instanceof StringValue s) {
                PayloadDateTime.parse(s.value()).ifPresent(found::add);
            }
        }
        return compact(found);
    }

    @Override
    protected void add(PointId id, Set<Instant> data) {
        for (Instant instant : data) {
            instants.add(instant, id);
            micros.add(micros(instant), id);
        }
    }

    @Override
    protected void drop(PointId id, Set<Instant> data) {
        for (Instant instant : data) {
            instants.remove(instant, id);
            micros.remove(micros(instant), id);
        }
    }

    @Override
    protected Set<PointId> answerDatetimeRange(DatetimeRange range) {
        Set<PointId> ids = new HashSet<>();
        for (Map.Entry<Instant, Set<PointId>> e : Bounds.instants(instants.navigable(), range).entrySet()) {
            if (range.test(e.getKey())) {
                ids.addAll(e.getValue());
            }
        }
        return ids;
    }

    @Override
    protected long estimateDatetimeRange(DatetimeRange range) {
        long total = 0;
        for (Set<PointId> ids : Bounds.instants(instants.navigable(), range).values()) {
            total += ids.size();
        }
        return total;
    }

    @Override
    protected void visit(boolean descending, Double startFrom, OrderedVisitor visitor) {
        visitEntries(Bounds.fromLong(micros.navigable(), descending, startFrom), PayloadValue::of, visitor);
    }
}
