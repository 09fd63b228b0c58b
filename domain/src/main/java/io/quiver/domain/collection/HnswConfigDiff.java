package io.quiver.domain.collection;

import io.quiver.domain.error.Validations;

/** A partial HNSW configuration: only the fields a client set; null means "keep what is there". */
public record HnswConfigDiff(Integer m, Integer efConstruct, Integer fullScanThreshold, Integer maxIndexingThreads,
                             Boolean onDisk, Memory memory, Integer payloadM, Boolean inlineStorage) {

    public static final HnswConfigDiff EMPTY = new HnswConfigDiff(null, null, null, null, null, null, null, null);

    public HnswConfigDiff {
        new Validations()
                .range("m", m, 0, null)
                .range("ef_construct", efConstruct, 4, null)
                .range("full_scan_threshold", fullScanThreshold, 10, null)
                .range("max_indexing_threads", maxIndexingThreads, 0, null)
                .range("payload_m", payloadM, 0, null)
                .throwIfAny();
    }

    /** This diff with {@code later}'s set fields taking precedence. */
    public HnswConfigDiff merge(HnswConfigDiff later) {
        if (later == null) {
            return this;
        }
        return new HnswConfigDiff(
                later.m != null ? later.m : m,
                later.efConstruct != null ? later.efConstruct : efConstruct,
                later.fullScanThreshold != null ? later.fullScanThreshold : fullScanThreshold,
                later.maxIndexingThreads != null ? later.maxIndexingThreads : maxIndexingThreads,
                later.onDisk != null ? later.onDisk : onDisk,
                later.memory != null ? later.memory : memory,
                later.payloadM != null ? later.payloadM : payloadM,
                later.inlineStorage != null ? later.inlineStorage : inlineStorage);
    }
}
