package io.quiver.domain.collection;

import io.quiver.domain.error.Validations;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.BoolValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits a collection may impose on requests. Settings are kept as given (unknown keys are dropped, as
 * Qdrant drops them) and each known key is checked against its rule.
 */
public record StrictModeConfig(ObjectValue settings) {

    private enum Rule { BOOL, UINT, UINT_MIN1, NUMBER, OBJECT, PERCENT }

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("enabled", Rule.BOOL),
            Map.entry("max_query_limit", Rule.UINT_MIN1),
            Map.entry("max_timeout", Rule.UINT_MIN1),
            Map.entry("unindexed_filtering_retrieve", Rule.BOOL),
            Map.entry("unindexed_filtering_update", Rule.BOOL),
            Map.entry("search_max_hnsw_ef", Rule.UINT),
            Map.entry("search_allow_exact", Rule.BOOL),
            Map.entry("search_max_oversampling", Rule.NUMBER),
            Map.entry("upsert_max_batchsize", Rule.UINT),
            Map.entry("search_max_batchsize", Rule.UINT),
            Map.entry("max_collection_vector_size_bytes", Rule.UINT),
            Map.entry("read_rate_limit", Rule.UINT_MIN1),
            Map.entry("write_rate_limit", Rule.UINT_MIN1),
            Map.entry("max_collection_payload_size_bytes", Rule.UINT),
            Map.entry("max_points_count", Rule.UINT_MIN1),
            Map.entry("filter_max_conditions", Rule.UINT),
            Map.entry("condition_max_size", Rule.UINT),
            Map.entry("multivector_config", Rule.OBJECT),
            Map.entry("sparse_config", Rule.OBJECT),
            Map.entry("max_payload_index_count", Rule.UINT),
            Map.entry("max_resident_memory_percent", Rule.PERCENT));

    /** What Qdrant reports for a collection created without strict mode settings. */
    public static final StrictModeConfig DEFAULT = new StrictModeConfig(new ObjectValue(Map.of("enabled", BoolValue.FALSE)));

    public StrictModeConfig {
        Map<String, PayloadValue> kept = new LinkedHashMap<>();
        Validations v = new Validations();
        settings.fields().forEach((key, value) -> {
            Rule rule = RULES.get(key);
            if (rule == null) {
                return;
            }
            kept.put(key, value);
            if (value.isNull()) {
                return;
            }
            switch (rule) {
                case BOOL -> v.check(value instanceof BoolValue, key, "must be a boolean");
                case OBJECT -> v.check(value instanceof ObjectValue, key, "must be an object");
                case NUMBER -> v.check(value.asNumber() != null, key, "must be a number");
                case UINT, UINT_MIN1, PERCENT -> {
                    if (value instanceof PayloadValue.IntegerValue i) {
                        long min = rule == Rule.UINT ? 0 : 1;
                        v.range(key, i.value(), min, rule == Rule.PERCENT ? 100L : null);
                    } else {
                        v.check(false, key, "must be a non-negative integer");
                    }
                }
            }
        });
        v.throwIfAny();
        settings = new ObjectValue(kept);
    }

    /** These settings with {@code update}'s keys laid over them. */
    public StrictModeConfig merge(StrictModeConfig update) {
        Map<String, PayloadValue> merged = new LinkedHashMap<>(settings.fields());
        update.settings.fields().forEach((k, val) -> {
            if (val.isNull()) {
                merged.remove(k);
            } else {
                merged.put(k, val);
            }
        });
        return new StrictModeConfig(new ObjectValue(merged));
    }
}
