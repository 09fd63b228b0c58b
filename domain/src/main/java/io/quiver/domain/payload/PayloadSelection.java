package io.quiver.domain.payload;

import io.quiver.domain.payload.JsonPath.Segment;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The {@code with_payload} include/exclude selectors, walked the way Qdrant walks them: every node of
 * the payload has a path (array elements get {@code []}, never an index), and a node is kept or
 * dropped by comparing that path with the patterns.
 *
 * <ul>
 *   <li>include keeps a node when its path and a pattern agree on every step they both have, so the
 *       ancestors of a pattern survive and so does everything below it. A scalar where the pattern
 *       expects more depth survives whole; an object whose fields all fall outside becomes {@code {}}.
 *       Patterns with an index ({@code a[0]}) never match an element, because element paths use {@code []}.</li>
 *   <li>exclude drops a node when a pattern is a prefix of its path.</li>
 * </ul>
 */
final class PayloadSelection {

    private interface Rule {
        boolean keeps(String firstKey, List<Segment> trail);
    }

    private PayloadSelection() {
    }

    static ObjectValue include(ObjectValue payload, List<JsonPath> patterns) {
        return select(payload, (firstKey, trail) -> patterns.stream()
                .anyMatch(pattern -> pattern.firstKey().equals(firstKey) && agree(pattern.rest(), trail)));
    }

    static ObjectValue exclude(ObjectValue payload, List<JsonPath> patterns) {
        return select(payload, (firstKey, trail) -> patterns.stream()
                .noneMatch(pattern -> pattern.firstKey().equals(firstKey) && startsWith(trail, pattern.rest())));
    }

    private static boolean agree(List<Segment> a, List<Segment> b) {
        int common = Math.min(a.size(), b.size());
        return a.subList(0, common).equals(b.subList(0, common));
    }

    private static boolean startsWith(List<Segment> path, List<Segment> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    private static ObjectValue select(ObjectValue payload, Rule rule) {
        LinkedHashMap<String, PayloadValue> kept = new LinkedHashMap<>();
        List<Segment> trail = new ArrayList<>();
        payload.fields().forEach((key, value) -> {
            if (rule.keeps(key, trail)) {
                kept.put(key, selectBelow(value, key, trail, rule));
            }
        });
        return new ObjectValue(kept);
    }

    private static PayloadValue selectBelow(PayloadValue value, String firstKey, List<Segment> trail, Rule rule) {
        return switch (value) {
            case ArrayValue array -> {
                List<PayloadValue> kept = new ArrayList<>();
                trail.add(JsonPath.WILDCARD);
                for (PayloadValue element : array.values()) {
                    if (rule.keeps(firstKey, trail)) {
                        kept.add(selectBelow(element, firstKey, trail, rule));
                    }
                }
                trail.removeLast();
                yield new ArrayValue(kept);
            }
            case ObjectValue object -> {
                LinkedHashMap<String, PayloadValue> kept = new LinkedHashMap<>();
                object.fields().forEach((key, child) -> {
                    trail.add(new Segment.Key(key));
                    if (rule.keeps(firstKey, trail)) {
                        kept.put(key, selectBelow(child, firstKey, trail, rule));
                    }
                    trail.removeLast();
                });
                yield new ObjectValue(kept);
            }
            default -> value;
        };
    }
}
