package io.quiver.domain.filter;

import io.quiver.domain.error.ValidationException;
import java.util.List;

/**
 * At least {@code minCount} of {@code conditions} must match. With fewer conditions than that, nothing
 * matches (including an empty list, which Qdrant once mistakenly treated as match-all).
 */
public record MinShould(List<Condition> conditions, int minCount) {

    public MinShould {
        conditions = List.copyOf(conditions);
        if (minCount < 1) {
            throw ValidationException.of("min_count", "value " + minCount + " invalid, must be 1 or larger");
        }
    }
}
