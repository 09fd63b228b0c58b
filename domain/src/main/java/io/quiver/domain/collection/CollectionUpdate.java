package io.quiver.domain.collection;

import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.Map;

/** A PATCH of a collection: each null part is left unchanged. */
public record CollectionUpdate(Map<String, VectorUpdate> vectors, OptimizersConfigDiff optimizersConfig,
                               CollectionParamsDiff params, HnswConfigDiff hnswConfig,
                               QuantizationUpdate quantization, Map<String, SparseVectorParams> sparseVectors,
                               StrictModeConfig strictModeConfig, ObjectValue metadata) {

    /** The per-vector settings a PATCH may change. */
    public record VectorUpdate(HnswConfigDiff hnswConfig, QuantizationUpdate quantization, Boolean onDisk, Memory memory) {
    }
}
