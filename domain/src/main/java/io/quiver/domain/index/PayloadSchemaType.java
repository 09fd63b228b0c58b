package io.quiver.domain.index;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of payload index Qdrant offers, each with the conditions it can answer. */
public enum PayloadSchemaType {
    KEYWORD("keyword"), INTEGER("integer"), FLOAT("float"), GEO("geo"), TEXT("text"), BOOL("bool"),
    DATETIME("datetime"), UUID("uuid");

    private final String label;

    PayloadSchemaType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<PayloadSchemaType> fromLabel(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
    }

    /** Whether {@code order_by} may use an index of this kind. */
    public boolean supportsOrdering() {
        return this == INTEGER || this == FLOAT || this == DATETIME;
    }

    /** Whether {@code facet} may use an index of this kind. */
    public boolean supportsFacet() {
        return this == KEYWORD || this == INTEGER || this == BOOL || this == UUID;
    }
}
