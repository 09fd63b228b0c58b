package io.quiver.domain.vector;

import java.util.Arrays;
import java.util.Optional;

/** The element type vectors are stored in. */
public enum Datatype {
    FLOAT32("float32"), UINT8("uint8"), FLOAT16("float16"), TURBO4("turbo4");

    private final String label;

    Datatype(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<Datatype> fromLabel(String label) {
        return Arrays.stream(values()).filter(d -> d.label.equals(label)).findFirst();
    }
}
