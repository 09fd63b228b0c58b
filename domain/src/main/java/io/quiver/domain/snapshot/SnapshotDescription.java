package io.quiver.domain.snapshot;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A snapshot file as Qdrant describes it: its name, when it was written (UTC, to the second; null when
 * unknown), its size in bytes and the SHA-256 of its content in hex (null when no checksum was recorded).
 */
public record SnapshotDescription(String name, LocalDateTime creationTime, long size, String checksum) {

    public SnapshotDescription {
        Objects.requireNonNull(name, "name");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
    }
}
