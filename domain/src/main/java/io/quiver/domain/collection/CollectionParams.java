package io.quiver.domain.collection;

import io.quiver.domain.error.Validations;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The data layout of a collection: its vector spaces and the (single-node) sharding parameters a client
 * may set and read back. {@code sparseVectors} is null when the client never declared any.
 */
public record CollectionParams(VectorsConfig vectors, int shardNumber, String shardingMethod,
                               int replicationFactor, int writeConsistencyFactor,
                               Long readFanOutFactor, Long readFanOutDelayMs,
                               Boolean onDiskPayload, Memory payloadMemory,
                               Map<String, SparseVectorParams> sparseVectors) {

    public CollectionParams {
        Objects.requireNonNull(vectors, "vectors");
        new Validations()
                .range("shard_number", shardNumber, 1, null)
                .range("replication_factor", replicationFactor, 1, null)
                .range("write_consistency_factor", writeConsistencyFactor, 1, null)
                .check(shardingMethod == null || shardingMethod.equals("auto") || shardingMethod.equals("custom"),
                        "sharding_method", "must be \"auto\" or \"custom\"")
                .throwIfAny();
        sparseVectors = sparseVectors == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(sparseVectors));
    }

    public Map<String, SparseVectorParams> sparseVectorsOrEmpty() {
        return sparseVectors == null ? Map.of() : sparseVectors;
    }

    public boolean hasVectorName(String name) {
        return vectors.byName().containsKey(name) || sparseVectorsOrEmpty().containsKey(name);
    }

    public CollectionParams withVectors(VectorsConfig newVectors) {
        return new CollectionParams(newVectors, shardNumber, shardingMethod, replicationFactor, writeConsistencyFactor,
                readFanOutFactor, readFanOutDelayMs, onDiskPayload, payloadMemory, sparseVectors);
    }

    public CollectionParams withSparseVectors(Map<String, SparseVectorParams> newSparse) {
        return new CollectionParams(vectors, shardNumber, shardingMethod, replicationFactor, writeConsistencyFactor,
                readFanOutFactor, readFanOutDelayMs, onDiskPayload, payloadMemory, newSparse);
    }

    public CollectionParams with(CollectionParamsDiff diff) {
        if (diff == null) {
            return this;
        }
        return new CollectionParams(vectors, shardNumber, shardingMethod,
                diff.replicationFactor() != null ? diff.replicationFactor() : replicationFactor,
                diff.writeConsistencyFactor() != null ? diff.writeConsistencyFactor() : writeConsistencyFactor,
                diff.readFanOutFactor() != null ? diff.readFanOutFactor() : readFanOutFactor,
                diff.readFanOutDelayMs() != null ? diff.readFanOutDelayMs() : readFanOutDelayMs,
                diff.onDiskPayload() != null ? diff.onDiskPayload() : onDiskPayload,
                diff.payloadMemory() != null ? diff.payloadMemory() : payloadMemory,
                sparseVectors);
    }
}
