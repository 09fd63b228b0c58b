package io.quiver.adapter.out.storage.payloadindex;

import io.quiver.domain.filter.AnyValues;
import io.quiver.domain.filter.Match;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import io.quiver.domain.point.PointId;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Keyword index: string values → ids, keys kept sorted. Answers {@code match.value} and {@code match.any}
 * with strings, and {@code match.prefix} by scanning the sorted keys (whether or not the schema enabled
 * {@code prefix}: the answer is exact either way). {@code match.except} and the text matches are left
 * to the evaluator.
 */
final class KeywordIndex extends AbstractPayloadIndex<Set<String>> {

    private final Postings<String> postings = Postings.sortedKeys();

    KeywordIndex(PayloadFieldSchema schema) {
        super(schema);
    }

    @Override
    protected Set<String> extract(List<PayloadValue> values) {
        Set<String> keywords = new LinkedHashSet<>();
        for (PayloadValue value : values) {
            if (value instanceof StringValue s) {
                keywords.add(s.value());
            }
        }
        return compact(keywords);
    }

    @Override
    protected void add(PointId id, Set<String> data) {
        postings.addAll(data, id);
    }

    @Override
    protected void drop(PointId id, Set<String> data) {
        postings.removeAll(data, id);
    }

    @Override
    protected Set<PointId> answerMatch(Match match) {
        return switch (match) {
            case Match.Value(StringValue s) -> new HashSet<>(postings.get(s.value()));
            case Match.Any(AnyValues.Strings strings) -> union(postings, strings.values());
            case Match.Any(AnyValues any) when any.isEmpty() -> new HashSet<>();
            case Match.Prefix(String prefix) -> {
                Set<PointId> ids = new HashSet<>();
                for (Map.Entry<String, Set<PointId>> e : postings.navigable().tailMap(prefix, true).entrySet()) {
                    if (!e.getKey().startsWith(prefix)) {
                        break;
                    }
                    ids.addAll(e.getValue());
                }
                yield ids;
            }
            default -> null;
        };
    }

    @Override
    protected long estimateMatch(Match match) {
        return switch (match) {
            case Match.Value(StringValue s) -> postings.get(s.value()).size();
            case Match.Any(AnyValues.Strings strings) -> sizeSum(postings, strings.values());
            case Match.Any(AnyValues any) when any.isEmpty() -> 0;
            case Match.Prefix(String prefix) -> prefix.isEmpty() ? pointsWithData() : prefixSizeSum(prefix);
            default -> -1;
        };
    }

    private long prefixSizeSum(String prefix) {
        long total = 0;
        for (Map.Entry<String, Set<PointId>> e : postings.navigable().tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            total += e.getValue().size();
        }
        return total;
    }

    @Override
    protected Map<PayloadValue, Long> countValues(Predicate<PointId> accept) {
        return counts(postings, PayloadValue::of, accept);
    }
}
