package io.quiver.domain.payload;

import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.List;
import java.util.Objects;

/**
 * The payload edits Qdrant offers (set, overwrite, delete keys, clear) and the {@code with_payload}
 * selectors, as pure functions from one immutable payload to the next, so that storage only has to
 * persist the result.
 */
public final class PayloadOperations {

    private PayloadOperations() {
    }

    /**
     * Set payload (merge). Without a key, top-level keys of {@code patch} replace the payload's; with a
     * key, {@code patch} is merged into the object at that path, which is created when missing. In both
     * cases a {@code null} in the patch removes that key instead of storing null, as Qdrant does.
     *
     * @param key where to merge the patch, or null for the top level
     */
    public static ObjectValue set(ObjectValue current, ObjectValue patch, JsonPath key) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(patch, "patch");
        return key == null ? PayloadMerge.merge(current, patch) : PayloadMerge.mergeAt(current, key, patch);
    }

    /**
     * Overwrite payload: the replacement becomes the whole payload, nulls included. Qdrant ignores the
     * request's {@code key} for an overwrite, so this takes none.
     */
    public static ObjectValue overwrite(ObjectValue current, ObjectValue replacement) {
        Objects.requireNonNull(current, "current");
        return Objects.requireNonNull(replacement, "replacement");
    }

    /** Delete payload keys; nested paths and {@code a[].b} reach inside objects and arrays. */
    public static ObjectValue deleteKeys(ObjectValue current, List<JsonPath> keys) {
        ObjectValue result = Objects.requireNonNull(current, "current");
        for (JsonPath key : keys) {
            result = PayloadKeyRemoval.remove(result, key);
        }
        return result;
    }

    /** Clear payload: nothing is left. */
    public static ObjectValue clear(ObjectValue current) {
        Objects.requireNonNull(current, "current");
        return ObjectValue.EMPTY;
    }

    /**
     * Applies {@code with_payload} selectors: keep only what {@code include} names, then drop what
     * {@code exclude} names. Either may be null (absent); Qdrant's API sends at most one of them.
     */
    public static ObjectValue select(ObjectValue payload, List<JsonPath> include, List<JsonPath> exclude) {
        ObjectValue result = Objects.requireNonNull(payload, "payload");
        if (include != null) {
            result = PayloadSelection.include(result, include);
        }
        if (exclude != null) {
            result = PayloadSelection.exclude(result, exclude);
        }
        return result;
    }
}
