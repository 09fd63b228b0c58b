package io.quiver.application.port.in;

import io.quiver.domain.error.Validations;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.ScoredPoint;
import io.quiver.domain.point.SearchParams;
import io.quiver.domain.point.WithPayload;
import io.quiver.domain.point.WithVector;
import java.util.List;
import java.util.Objects;

/** Nearest neighbours of a dense query vector in one named vector space, best first. */
public interface SearchPointsUseCase {

    record SearchQuery(String collection, String using, float[] vector, Filter filter, int limit, int offset,
                       Float scoreThreshold, WithPayload withPayload, WithVector withVector, SearchParams params) {
        public SearchQuery {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(vector, "vector");
            using = using == null ? "" : using;
            new Validations().range("limit", limit, 1, null).range("offset", offset, 0, null).throwIfAny();
            withPayload = withPayload == null ? WithPayload.NONE : withPayload;
            withVector = withVector == null ? WithVector.NONE : withVector;
            params = params == null ? SearchParams.DEFAULT : params;
        }
    }

    List<ScoredPoint> search(SearchQuery query);
}
