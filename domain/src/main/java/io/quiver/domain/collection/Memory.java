package io.quiver.domain.collection;

import java.util.Arrays;
import java.util.Optional;

/** Where a component's data is held in RAM; data is always persisted on disk. */
public enum Memory {
    COLD("cold"), CACHED("cached"), PINNED("pinned");

    private final String label;

    Memory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<Memory> fromLabel(String label) {
        return Arrays.stream(values()).filter(m -> m.label.equals(label)).findFirst();
    }
}
