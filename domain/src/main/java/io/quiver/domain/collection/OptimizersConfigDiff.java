package io.quiver.domain.collection;

import io.quiver.domain.error.Validations;

/**
 * A partial optimizer configuration. {@code maxOptimizationThreadsSet} tells "auto" (set, null value)
 * apart from "not given".
 */
public record OptimizersConfigDiff(Double deletedThreshold, Long vacuumMinVectorNumber, Long defaultSegmentNumber,
                                   Long maxSegmentSize, Long memmapThreshold, Long indexingThreshold,
                                   Long flushIntervalSec, boolean maxOptimizationThreadsSet,
                                   Long maxOptimizationThreads, Boolean preventUnoptimized) {

    public static final OptimizersConfigDiff EMPTY =
            new OptimizersConfigDiff(null, null, null, null, null, null, null, false, null, null);

    public OptimizersConfigDiff {
        new Validations()
                .range("deleted_threshold", deletedThreshold, 0, 1)
                .range("vacuum_min_vector_number", vacuumMinVectorNumber, 100, null)
                .range("default_segment_number", defaultSegmentNumber, 0, null)
                .range("max_segment_size", maxSegmentSize, 1, null)
                .range("memmap_threshold", memmapThreshold, 0, null)
                .range("indexing_threshold", indexingThreshold, 0, null)
                .range("flush_interval_sec", flushIntervalSec, 0, null)
                .range("max_optimization_threads", maxOptimizationThreads, 0, null)
                .throwIfAny();
    }
}
