package io.quiver.domain.vector;

import java.util.Arrays;
import java.util.Optional;

/** How two vectors are compared, with Qdrant's names and score directions. */
public enum Distance {
    COSINE("Cosine", true),
    EUCLID("Euclid", false),
    DOT("Dot", true),
    MANHATTAN("Manhattan", false);

    private final String label;
    private final boolean higherIsBetter;

    Distance(String label, boolean higherIsBetter) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    public String label() {
        return label;
    }

    /** Similarity metrics rank descending; distance metrics (Euclid, Manhattan) rank ascending. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public static Optional<Distance> fromLabel(String label) {
        return Arrays.stream(values()).filter(d -> d.label.equals(label)).findFirst();
    }
}
