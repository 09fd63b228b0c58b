package io.quiver.application.port.in;

import io.quiver.domain.error.Validations;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.payload.PayloadValue;
import java.util.List;
import java.util.Objects;

/** Counts the points per distinct value of an indexed key, most frequent first. */
public interface FacetUseCase {

    record FacetQuery(String collection, String key, int limit, Filter filter, boolean exact) {
        public FacetQuery {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(key, "key");
            new Validations().range("limit", limit, 1, null).throwIfAny();
        }
    }

    record FacetHit(PayloadValue value, long count) {
    }

    List<FacetHit> facet(FacetQuery query);
}
