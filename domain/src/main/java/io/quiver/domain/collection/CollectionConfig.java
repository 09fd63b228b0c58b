package io.quiver.domain.collection;

import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a collection was configured with, defaults filled in. {@code metadata} and
 * {@code quantizationConfig} may be null (not set).
 */
public record CollectionConfig(CollectionParams params, HnswConfig hnswConfig, OptimizersConfig optimizerConfig,
                               WalConfig walConfig, QuantizationConfig quantizationConfig,
                               StrictModeConfig strictModeConfig, ObjectValue metadata) {

    public CollectionConfig {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(hnswConfig, "hnswConfig");
        Objects.requireNonNull(optimizerConfig, "optimizerConfig");
        Objects.requireNonNull(walConfig, "walConfig");
        Objects.requireNonNull(strictModeConfig, "strictModeConfig");
    }

    public CollectionConfig withParams(CollectionParams newParams) {
        return new CollectionConfig(newParams, hnswConfig, optimizerConfig, walConfig, quantizationConfig,
                strictModeConfig, metadata);
    }

    /** Applies a PATCH; each part left null is kept as it is. */
    public CollectionConfig update(CollectionUpdate update) {
        CollectionParams p = params.with(update.params());
        if (update.vectors() != null) {
            VectorsConfig vectors = p.vectors();
            for (Map.Entry<String, CollectionUpdate.VectorUpdate> e : update.vectors().entrySet()) {
                CollectionUpdate.VectorUpdate u = e.getValue();
                vectors = vectors.update(e.getKey(), vp -> vp.with(u.hnswConfig(), u.quantization(), u.onDisk(), u.memory()));
            }
            p = p.withVectors(vectors);
        }
        if (update.sparseVectors() != null) {
            Map<String, SparseVectorParams> sparse = new LinkedHashMap<>(p.sparseVectorsOrEmpty());
            for (Map.Entry<String, SparseVectorParams> e : update.sparseVectors().entrySet()) {
                SparseVectorParams current = sparse.get(e.getKey());
                if (current == null) {
                    throw new io.quiver.domain.error.BadInputException(
                            "Not existing vector name error: " + e.getKey());
                }
                sparse.put(e.getKey(), current.merge(e.getValue()));
            }
            p = p.withSparseVectors(sparse);
        }
        QuantizationConfig quantization = update.quantization() == null ? quantizationConfig
                : update.quantization().config();
        StrictModeConfig strict = update.strictModeConfig() == null ? strictModeConfig
                : strictModeConfig.merge(update.strictModeConfig());
        return new CollectionConfig(p, hnswConfig.with(update.hnswConfig()), optimizerConfig.with(update.optimizersConfig()),
                walConfig, quantization, strict, mergeMetadata(metadata, update.metadata()));
    }

    private static ObjectValue mergeMetadata(ObjectValue current, ObjectValue update) {
        if (update == null) {
            return current;
        }
        Map<String, PayloadValue> merged = new LinkedHashMap<>(current == null ? Map.of() : current.fields());
        update.fields().forEach((k, v) -> {
            if (v.isNull()) {
                merged.remove(k);
            } else {
                merged.put(k, v);
            }
        });
        return new ObjectValue(merged);
    }
}
