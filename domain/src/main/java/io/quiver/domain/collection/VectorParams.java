package io.quiver.domain.collection;

import io.quiver.domain.error.Validations;
import io.quiver.domain.vector.Datatype;
import io.quiver.domain.vector.Distance;
import java.util.Objects;

/**
 * One dense vector space: its size and distance, plus the optional per-vector overrides a client may set.
 * A non-null {@code multivector} makes each point carry a matrix compared by max-sim.
 */
public record VectorParams(long size, Distance distance, HnswConfigDiff hnswConfig,
                           QuantizationConfig quantizationConfig, Boolean onDisk, Memory memory,
                           Datatype datatype, MultiVectorComparator multivector) {

    public static final long MAX_SIZE = 65_536;

    public enum MultiVectorComparator { MAX_SIM }

    public VectorParams {
        Objects.requireNonNull(distance, "distance");
        new Validations().range("size", size, 1, MAX_SIZE).throwIfAny();
    }

    public static VectorParams of(long size, Distance distance) {
        return new VectorParams(size, distance, null, null, null, null, null, null);
    }

    public Datatype effectiveDatatype() {
        return datatype == null ? Datatype.FLOAT32 : datatype;
    }

    /** These params with the tunable parts (hnsw, quantization, placement) updated. */
    public VectorParams with(HnswConfigDiff hnsw, QuantizationUpdate quantization, Boolean newOnDisk, Memory newMemory) {
        HnswConfigDiff mergedHnsw = hnsw == null ? hnswConfig
                : (hnswConfig == null ? hnsw : hnswConfig.merge(hnsw));
        QuantizationConfig q = quantization == null ? quantizationConfig : quantization.config();
        return new VectorParams(size, distance, mergedHnsw, q,
                newOnDisk != null ? newOnDisk : onDisk,
                newMemory != null ? newMemory : memory,
                datatype, multivector);
    }
}
