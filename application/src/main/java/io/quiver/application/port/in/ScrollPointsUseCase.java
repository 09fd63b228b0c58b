package io.quiver.application.port.in;

import io.quiver.domain.error.Validations;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.PointRecord;
import io.quiver.domain.point.WithPayload;
import io.quiver.domain.point.WithVector;
import java.util.List;
import java.util.Objects;

/** Pages through the points that pass a filter, in id order. */
public interface ScrollPointsUseCase {

    record ScrollQuery(String collection, PointId offset, int limit, Filter filter,
                       WithPayload withPayload, WithVector withVector) {
        public ScrollQuery {
            Objects.requireNonNull(collection, "collection");
            new Validations().range("limit", limit, 1, null).throwIfAny();
            withPayload = withPayload == null ? WithPayload.ALL : withPayload;
            withVector = withVector == null ? WithVector.NONE : withVector;
        }
    }

    /** A page and the id the next page starts at (null at the end). */
    record ScrollPage(List<PointRecord> points, PointId nextPageOffset) {
        public ScrollPage {
            points = List.copyOf(points);
        }
    }

    ScrollPage scroll(ScrollQuery query);
}
