package io.quiver.adapter.out.storage.payloadindex;

import io.quiver.domain.filter.AnyValues;
import io.quiver.domain.filter.Match;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import io.quiver.domain.point.PointId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * UUID index: string values that spell a UUID (hyphenated, simple, braced or urn, any case) → ids, by the
 * UUID they name. {@code match.value} and {@code match.any} compare UUIDs, not spellings, as Qdrant's
 * uuid index does; a query string that is not a UUID is left to the evaluator. Facet values are the
 * canonical lowercase hyphenated form.
 */
final class UuidIndex extends AbstractPayloadIndex<Set<UUID>> {

    private final Postings<UUID> postings = Postings.sortedKeys();

    UuidIndex(PayloadFieldSchema schema) {
        super(schema);
    }

    /** The UUID a string spells, or empty; surrounding whitespace is not accepted. */
    static Optional<UUID> parse(String text) {
        if (text.isEmpty() || Character.isWhitespace(text.charAt(0))
                || Character.isWhitespace(text.charAt(text.length() - 1))) {
            return Optional.empty();
        }
        try {
            return Optional.of(((PointId.UuidId) PointId.parseUuid(text)).value());
        } catch (RuntimeException notAUuid) {
            return Optional.empty();
        }
    }

    @Override
    protected Set<UUID> extract(List<PayloadValue> values) {
        Set<UUID> uuids = new LinkedHashSet<>();
        for (PayloadValue value : values) {
            if (value instanceof StringValue s) {
                parse(s.value()).ifPresent(uuids::add);
            }
        }
        return compact(uuids);
    }

    @Override
    protected void add(PointId id, Set<UUID> data) {
        postings.addAll(data, id);
    }

    @Override
    protected void drop(PointId id, Set<UUID> data) {
        postings.removeAll(data, id);
    }

    /** The UUIDs a match asks for, or null when it is not a UUID lookup. */
    private static List<UUID> wanted(Match match) {
        switch (match) {
            case Match.Value(StringValue s) -> {
                return parse(s.value()).map(List::of).orElse(null);
            }
            case Match.Any(AnyValues any) when any.isEmpty() -> {
                return List.of();
            }
            case Match.Any(AnyValues.Strings strings) -> {
                List<UUID> uuids = new ArrayList<>();
                for (String text : strings.values()) {
                    Optional<UUID> uuid = parse(text);
                    if (uuid.isEmpty()) {
                        return null;
                    }
                    uuids.add(uuid.get());
                }
                return uuids;
            }
            default -> {
                return null;
            }
        }
    }

    @Override
    protected Set<PointId> answerMatch(Match match) {
        List<UUID> uuids = wanted(match);
        return uuids == null ? null : union(postings, uuids);
    }

    @Override
    protected long estimateMatch(Match match) {
        List<UUID> uuids = wanted(match);
        return uuids == null ? -1 : sizeSum(postings, uuids);
    }

    @Override
    protected Map<PayloadValue, Long> countValues(Predicate<PointId> accept) {
        return counts(postings, uuid -> PayloadValue.of(uuid.toString()), accept);
    }
}
