package io.quiver.domain.collection;

import io.quiver.domain.error.Validations;

/** A partial WAL configuration. */
public record WalConfigDiff(Long walCapacityMb, Long walSegmentsAhead, Long walRetainClosed) {

    public WalConfigDiff {
        new Validations()
                .range("wal_capacity_mb", walCapacityMb, 1, null)
                .range("wal_segments_ahead", walSegmentsAhead, 0, null)
                .range("wal_retain_closed", walRetainClosed, 0, null)
                .throwIfAny();
    }
}
