package io.quiver.adapter.out.storage.payloadindex;

import io.quiver.domain.filter.Match;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.BoolValue;
import io.quiver.domain.point.PointId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Bool index: which points hold {@code true}, which {@code false} (a point may hold both). Answers {@code match.value} with a boolean. */
final class BoolIndex extends AbstractPayloadIndex<BoolIndex.Flags> {

    /** Which of the two values a point holds; at least one. */
    record Flags(boolean hasTrue, boolean hasFalse) {
    }

    private final Postings<Boolean> postings = Postings.sortedKeys();

    BoolIndex(PayloadFieldSchema schema) {
        super(schema);
    }

    @Override
    protected Flags extract(List<PayloadValue> values) {
        boolean hasTrue = false;
        boolean hasFalse = false;
        for (PayloadValue value : values) {
            if (value instanceof BoolValue b) {
                hasTrue |= b.value();
                hasFalse |= !b.value();
            }
        }
        return hasTrue || hasFalse ? new Flags(hasTrue, hasFalse) : null;
    }

    @Override
    protected void add(PointId id, Flags data) {
        if (data.hasTrue()) {
            postings.add(true, id);
        }
        if (data.hasFalse()) {
            postings.add(false, id);
        }
    }

    @Override
    protected void drop(PointId id, Flags data) {
        postings.remove(true, id);
        postings.remove(false, id);
    }

    @Override
    protected Set<PointId> answerMatch(Match match) {
        if (match instanceof Match.Value(BoolValue b)) {
            return new HashSet<>(postings.get(b.value()));
        }
        return null;
    }

    @Override
    protected long estimateMatch(Match match) {
        if (match instanceof Match.Value(BoolValue b)) {
            return postings.get(b.value()).size();
        }
        return -1;
    }

    @Override
    protected Map<PayloadValue, Long> countValues(Predicate<PointId> accept) {
        return counts(postings, PayloadValue::of, accept);
    }
}
