package io.quiver.domain.collection;

import io.quiver.domain.error.Validations;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.Map;

/**
 * What a create request asks for. Everything but {@code vectors} may be null, meaning "Qdrant's default";
 * {@link #toConfig()} fills the defaults in.
 */
public record NewCollection(VectorsConfig vectors, Integer shardNumber, String shardingMethod,
                            Integer replicationFactor, Integer writeConsistencyFactor,
                            Boolean onDiskPayload, Memory payloadMemory,
                            HnswConfigDiff hnswConfig, WalConfigDiff walConfig, OptimizersConfigDiff optimizersConfig,
                            QuantizationConfig quantizationConfig, Map<String, SparseVectorParams> sparseVectors,
                            StrictModeConfig strictModeConfig, ObjectValue metadata) {

    public NewCollection {
        vectors = vectors == null ? VectorsConfig.NONE : vectors;
        Validations v = new Validations()
                .range("shard_number", shardNumber, 1, null)
                .range("replication_factor", replicationFactor, 1, null)
                .range("write_consistency_factor", writeConsistencyFactor, 1, null);
        if (sparseVectors != null) {
            for (String name : sparseVectors.keySet()) {
                v.check(!vectors.byName().containsKey(name), "sparse_vectors",
                        "vector name " + name + " is used by both a dense and a sparse vector");
            }
        }
        v.throwIfAny();
    }

    public static NewCollection of(VectorsConfig vectors) {
        return new NewCollection(vectors, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public CollectionConfig toConfig() {
        CollectionParams params = new CollectionParams(vectors,
                shardNumber == null ? 1 : shardNumber,
                shardingMethod,
                replicationFactor == null ? 1 : replicationFactor,
                writeConsistencyFactor == null ? 1 : writeConsistencyFactor,
                null, null,
                onDiskPayload == null ? Boolean.TRUE : onDiskPayload,
                payloadMemory,
                sparseVectors);
        return new CollectionConfig(params,
                HnswConfig.DEFAULT.with(hnswConfig),
                OptimizersConfig.DEFAULT.with(optimizersConfig),
                WalConfig.DEFAULT.with(walConfig),
                quantizationConfig,
                strictModeConfig == null ? StrictModeConfig.DEFAULT : StrictModeConfig.DEFAULT.merge(strictModeConfig),
                metadata);
    }
}
