package io.quiver.domain.collection;

import io.quiver.domain.error.Validations;

/**
 * When the background optimizer (index building, vacuum) acts. {@code maxOptimizationThreads} null means
 * "auto", as in Qdrant.
 */
public record OptimizersConfig(double deletedThreshold, long vacuumMinVectorNumber, long defaultSegmentNumber,
                               Long maxSegmentSize, Long memmapThreshold, Long indexingThreshold,
                               long flushIntervalSec, Long maxOptimizationThreads, Boolean preventUnoptimized) {

    public static final OptimizersConfig DEFAULT =
            new OptimizersConfig(0.2, 1000, 0, null, null, 10_000L, 5, null, null);

    public OptimizersConfig {
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

    public OptimizersConfig with(OptimizersConfigDiff diff) {
        if (diff == null) {
            return this;
        }
        return new OptimizersConfig(
                diff.deletedThreshold() != null ? diff.deletedThreshold() : deletedThreshold,
                diff.vacuumMinVectorNumber() != null ? diff.vacuumMinVectorNumber() : vacuumMinVectorNumber,
                diff.defaultSegmentNumber() != null ? diff.defaultSegmentNumber() : defaultSegmentNumber,
                diff.maxSegmentSize() != null ? diff.maxSegmentSize() : maxSegmentSize,
                diff.memmapThreshold() != null ? diff.memmapThreshold() : memmapThreshold,
                diff.indexingThreshold() != null ? diff.indexingThreshold() : indexingThreshold,
                diff.flushIntervalSec() != null ? diff.flushIntervalSec() : flushIntervalSec,
                diff.maxOptimizationThreadsSet() ? diff.maxOptimizationThreads() : maxOptimizationThreads,
                diff.preventUnoptimized() != null ? diff.preventUnoptimized() : preventUnoptimized);
    }
}
