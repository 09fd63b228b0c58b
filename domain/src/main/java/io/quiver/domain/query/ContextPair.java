package io.quiver.domain.query;

import java.util.Objects;

/** A positive/negative example pair for discovery and context search. */
public record ContextPair(QueryVector positive, QueryVector negative) {
    public ContextPair {
        Objects.requireNonNull(positive, "positive");
        Objects.requireNonNull(negative, "negative");
    }
}
