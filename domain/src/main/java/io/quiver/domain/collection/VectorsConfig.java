package io.quiver.domain.collection;

import io.quiver.domain.error.BadInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The dense vector spaces of a collection, in the form the client chose: one unnamed vector, or a map of
 * named ones (where {@code ""} names the default vector). The form is kept so it is reported back as given.
 */
public sealed interface VectorsConfig {

    /** The name under which the unnamed vector is addressed. */
    String DEFAULT_NAME = "";

    record Single(VectorParams params) implements VectorsConfig {
    }

    record Named(Map<String, VectorParams> vectors) implements VectorsConfig {
        public Named {
            vectors = Collections.unmodifiableMap(new LinkedHashMap<>(vectors));
        }
    }

    Named NONE = new Named(Map.of());

    /** Every dense vector space by name; the single form is named {@code ""}. */
    default Map<String, VectorParams> byName() {
        return switch (this) {
            case Single s -> Map.of(DEFAULT_NAME, s.params());
            case Named n -> n.vectors();
        };
    }

    default Optional<VectorParams> find(String name) {
        return Optional.ofNullable(byName().get(name));
    }

    /** A copy where {@code name}'s params are replaced by {@code change}'s result. */
    default VectorsConfig update(String name, UnaryOperator<VectorParams> change) {
        VectorParams current = find(name).orElseThrow(() ->
                new BadInputException("Not existing vector name error: " + name));
        return switch (this) {
            case Single s -> new Single(change.apply(current));
            case Named n -> {
                Map<String, VectorParams> copy = new LinkedHashMap<>(n.vectors());
                copy.put(name, change.apply(current));
                yield new Named(copy);
            }
        };
    }
}
