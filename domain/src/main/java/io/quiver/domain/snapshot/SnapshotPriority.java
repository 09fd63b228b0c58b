package io.quiver.domain.snapshot;

import io.quiver.domain.payload.TreeReader;
import java.util.Arrays;

/**
 * Qdrant's source of truth for a recovery when other replicas exist. A single node has no other replica,
 * so every priority recovers the same way; the value is read and checked, and otherwise ignored.
 */
public enum SnapshotPriority {
    NO_SYNC("no_sync"), SNAPSHOT("snapshot"), REPLICA("replica");

    private final String label;

    SnapshotPriority(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The priority named {@code label}; an unknown name is a format error reported under {@code path}. */
    public static SnapshotPriority of(String label, String path) {
        for (SnapshotPriority p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw TreeReader.unknownVariant(path, label, Arrays.stream(values()).map(SnapshotPriority::label).toList());
    }
}
