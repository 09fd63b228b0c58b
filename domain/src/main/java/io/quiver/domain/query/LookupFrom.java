package io.quiver.domain.query;

import java.util.Objects;

/** Where ids in a query take their vectors from: another collection and optionally another vector name. */
public record LookupFrom(String collection, String vector) {
    public LookupFrom {
        Objects.requireNonNull(collection, "collection");
    }
}
