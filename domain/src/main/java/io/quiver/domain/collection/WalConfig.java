package io.quiver.domain.collection;

import io.quiver.domain.error.Validations;

/** Write-ahead-log sizing, kept for compatibility: Quiver's durability comes from its store's commits. */
public record WalConfig(long walCapacityMb, long walSegmentsAhead, long walRetainClosed) {

    public static final WalConfig DEFAULT = new WalConfig(32, 0, 1);

    public WalConfig {
        new Validations()
                .range("wal_capacity_mb", walCapacityMb, 1, null)
                .range("wal_segments_ahead", walSegmentsAhead, 0, null)
                .range("wal_retain_closed", walRetainClosed, 0, null)
                .throwIfAny();
    }

    public WalConfig with(WalConfigDiff diff) {
        if (diff == null) {
            return this;
        }
        return new WalConfig(
                diff.walCapacityMb() != null ? diff.walCapacityMb() : walCapacityMb,
                diff.walSegmentsAhead() != null ? diff.walSegmentsAhead() : walSegmentsAhead,
                diff.walRetainClosed() != null ? diff.walRetainClosed() : walRetainClosed);
    }
}
