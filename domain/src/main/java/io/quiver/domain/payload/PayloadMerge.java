package io.quiver.domain.payload;

import io.quiver.domain.payload.JsonPath.Segment;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Qdrant's "set payload": top-level keys of the patch replace those of the payload, and a key set to
 * {@code null} is removed rather than stored (Qdrant's merge drops nulls; only an upsert or an
 * overwrite stores an explicit null).
 *
 * <p>With a key, the walk to the target creates what is missing the way Qdrant does: a key step turns
 * a non-object into an empty object, an index step turns a non-array into an empty array and skips an
 * index past the end, and {@code []} turns a non-array into an empty array. The patch is then merged
 * into the object found there (a non-object there is replaced by one).
 */
final class PayloadMerge {

    private PayloadMerge() {
    }

    static ObjectValue merge(ObjectValue target, ObjectValue patch) {
        LinkedHashMap<String, PayloadValue> fields = new LinkedHashMap<>(target.fields());
        patch.fields().forEach((key, value) -> {
            if (value.isNull()) {
                fields.remove(key);
            } else {
                fields.put(key, value);
            }
        });
        return new ObjectValue(fields);
    }

    static ObjectValue mergeAt(ObjectValue payload, JsonPath path, ObjectValue patch) {
        PayloadValue updated = mergeInto(payload.get(path.firstKey()), path.rest(), 0, patch);
        return PayloadTrees.withField(payload, path.firstKey(), updated);
    }

    /** @param target what is at this point of the walk, or null when nothing is there yet */
    private static PayloadValue mergeInto(PayloadValue target, List<Segment> steps, int step, ObjectValue patch) {
        if (step == steps.size()) {
            return merge(target instanceof ObjectValue object ? object : ObjectValue.EMPTY, patch);
        }
        return switch (steps.get(step)) {
            case Segment.Key key -> {
                ObjectValue object = target instanceof ObjectValue existing ? existing : ObjectValue.EMPTY;
                PayloadValue child = mergeInto(object.get(key.name()), steps, step + 1, patch);
                yield PayloadTrees.withField(object, key.name(), child);
            }
            case Segment.Index index -> {
                ArrayValue array = target instanceof ArrayValue existing ? existing : ArrayValue.EMPTY;
                int position = index.position();
                if (position >= array.values().size()) {
                    yield array;
                }
                yield PayloadTrees.withElement(array, position,
                        mergeInto(array.values().get(position), steps, step + 1, patch));
            }
            case Segment.Wildcard ignored -> target instanceof ArrayValue array
                    ? PayloadTrees.mapElements(array, element -> mergeInto(element, steps, step + 1, patch))
                    : ArrayValue.EMPTY;
        };
    }
}
