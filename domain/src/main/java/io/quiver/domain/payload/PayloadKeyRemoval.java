package io.quiver.domain.payload;

import io.quiver.domain.payload.JsonPath.Segment;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.List;

/**
 * Qdrant's "delete payload keys". A path that does not fit the payload's shape removes nothing. A path
 * ending in {@code []} empties the array (keeping the key), and a path ending in an index removes
 * nothing, because deleting by position would not be idempotent when an operation is replayed.
 */
final class PayloadKeyRemoval {

    private PayloadKeyRemoval() {
    }

    static ObjectValue remove(ObjectValue payload, JsonPath path) {
        String firstKey = path.firstKey();
        if (path.rest().isEmpty()) {
            return PayloadTrees.withoutField(payload, firstKey);
        }
        PayloadValue child = payload.get(firstKey);
        if (child == null) {
            return payload;
        }
        return PayloadTrees.withField(payload, firstKey, removeIn(child, path.rest(), 0));
    }

    private static PayloadValue removeIn(PayloadValue value, List<Segment> steps, int step) {
        boolean last = step == steps.size() - 1;
        return switch (steps.get(step)) {
            case Segment.Key key when value instanceof ObjectValue object -> {
                PayloadValue child = object.get(key.name());
                if (child == null) {
                    yield object;
                }
                yield last ? PayloadTrees.withoutField(object, key.name())
                        : PayloadTrees.withField(object, key.name(), removeIn(child, steps, step + 1));
            }
            case Segment.Index index when value instanceof ArrayValue array -> {
                int position = index.position();
                if (last || position >= array.values().size()) {
                    yield array;
                }
                yield PayloadTrees.withElement(array, position, removeIn(array.values().get(position), steps, step + 1));
            }
            case Segment.Wildcard ignored when value instanceof ArrayValue array -> last ? ArrayValue.EMPTY
                    : PayloadTrees.mapElements(array, element -> removeIn(element, steps, step + 1));
            default -> value;
        };
    }
}
