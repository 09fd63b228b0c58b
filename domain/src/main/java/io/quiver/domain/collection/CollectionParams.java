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

    /** These params with one more dense vector space; an unnamed single vector becomes the named {@code ""}. */
    public CollectionParams withDenseVector(String name, VectorParams params) {
        requireNewName(name);
        java.util.Map<String, VectorParams> named = new LinkedHashMap<>(vectors.byName());
        named.put(name, params);
        return withVectors(new VectorsConfig.Named(named));
    }

    public CollectionParams withSparseVector(String name, SparseVectorParams params) {
        requireNewName(name);
        Map<String, SparseVectorParams> sparse = new LinkedHashMap<>(sparseVectorsOrEmpty());
        sparse.put(name, params);
        return withSparseVectors(sparse);
    }

    /** These params without the named vector space (dense or sparse). */
    public CollectionParams withoutVector(String name) {
        if (!hasVectorName(name)) {
            throw new io.quiver.domain.error.NotFoundException("Vector with name `" + name + "` does not exist");
        }
        if (vectors.byName().containsKey(name)) {
            Map<String, VectorParams> named = new LinkedHashMap<>(vectors.byName());
            named.remove(name);
            return withVectors(new VectorsConfig.Named(named));
        }
        Map<String, SparseVectorParams> sparse = new LinkedHashMap<>(sparseVectorsOrEmpty());
        sparse.remove(name);
        return withSparseVectors(sparse);
    }

    private void requireNewName(String name) {
        if (hasVectorName(name)) {
            throw new io.quiver.domain.error.BadInputException("Vector with name `" + name + "` already exists");
        }
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
