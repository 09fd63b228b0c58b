package io.quiver.domain.query;

import io.quiver.domain.error.Validations;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.SearchParams;
import io.quiver.domain.point.WithPayload;
import io.quiver.domain.point.WithVector;
import java.util.List;

/** A universal query ({@code POST /points/query}) as the engine runs it. */
public record QueryRequest(List<Prefetch> prefetch, Query query, String using, Filter filter, SearchParams params,
                           Float scoreThreshold, int limit, int offset, WithPayload withPayload, WithVector withVector,
                           LookupFrom lookupFrom) {
    public QueryRequest {
        prefetch = prefetch == null ? List.of() : List.copyOf(prefetch);
        params = params == null ? SearchParams.DEFAULT : params;
        new Validations().range("limit", limit, 1, null).range("offset", offset, 0, null).throwIfAny();
        withPayload = withPayload == null ? WithPayload.NONE : withPayload;
        withVector = withVector == null ? WithVector.NONE : withVector;
    }

    /** This request as a prefetch level (what the engine executes recursively). */
    public Prefetch asPrefetch() {
        // limit and offset are each up to Integer.MAX_VALUE: their sum saturates instead of turning negative
        int depth = (int) Math.min((long) limit + offset, Integer.MAX_VALUE);
        return new Prefetch(prefetch, query, using, filter, params, scoreThreshold, depth, lookupFrom);
    }
}
