package io.quiver.domain.collection;

import io.quiver.domain.error.Validations;

/** The HNSW graph parameters of a collection, with Qdrant's defaults filled in. */
public record HnswConfig(int m, int efConstruct, int fullScanThreshold, int maxIndexingThreads,
                         Boolean onDisk, Memory memory, Integer payloadM, Boolean inlineStorage) {

    public static final HnswConfig DEFAULT = new HnswConfig(16, 100, 10_000, 0, false, null, null, null);

    public HnswConfig {
        new Validations()
                .range("m", m, 0, null)
                .range("ef_construct", efConstruct, 4, null)
                .range("full_scan_threshold", fullScanThreshold, 0, null)
                .range("max_indexing_threads", maxIndexingThreads, 0, null)
                .range("payload_m", payloadM, 0, null)
                .throwIfAny();
    }

    public HnswConfig with(HnswConfigDiff diff) {
        if (diff == null) {
            return this;
        }
        return new HnswConfig(
                diff.m() != null ? diff.m() : m,
                diff.efConstruct() != null ? diff.efConstruct() : efConstruct,
                diff.fullScanThreshold() != null ? diff.fullScanThreshold() : fullScanThreshold,
                diff.maxIndexingThreads() != null ? diff.maxIndexingThreads() : maxIndexingThreads,
                diff.onDisk() != null ? diff.onDisk() : onDisk,
                diff.memory() != null ? diff.memory() : memory,
                diff.payloadM() != null ? diff.payloadM() : payloadM,
                diff.inlineStorage() != null ? diff.inlineStorage() : inlineStorage);
    }
}
