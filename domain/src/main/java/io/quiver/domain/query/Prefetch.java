package io.quiver.domain.query;

import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.SearchParams;
import java.util.List;

/**
 * A sub-query whose results feed the query above it. Nested to any depth; {@code query} null means
 * "the union of my own prefetches". {@code limit} defaults to 10, as in Qdrant.
 */
public record Prefetch(List<Prefetch> prefetch, Query query, String using, Filter filter, SearchParams params,
                       Float scoreThreshold, int limit, LookupFrom lookupFrom) {
    public Prefetch {
        prefetch = prefetch == null ? List.of() : List.copyOf(prefetch);
        params = params == null ? SearchParams.DEFAULT : params;
    }
}
