package io.quiver.application.port.in;

import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.error.Validations;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.OrderBy;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.PointRecord;
import io.quiver.domain.point.WithPayload;
import io.quiver.domain.point.WithVector;
import java.util.List;
import java.util.Objects;

/** Pages through the points that pass a filter, in id order. */
public interface ScrollPointsUseCase {

    /** {@code orderBy} may be null; with it, points come in the key's order and {@code offset} must be null. */
    record ScrollQuery(String collection, PointId offset, int limit, Filter filter,
                       WithPayload withPayload, WithVector withVector, OrderBy orderBy) {
        public ScrollQuery {
            Objects.requireNonNull(collection, "collection");
            new Validations().range("limit", limit, 1, null).throwIfAny();
            withPayload = withPayload == null ? WithPayload.ALL : withPayload;
            withVector = withVector == null ? WithVector.NONE : withVector;
            if (orderBy != null && offset != null) {
                throw new BadRequestException("Cannot use an `offset` when using `order_by`. The alternative for paging is"
                        + " to use `order_by.start_from` and a filter to exclude the IDs that you've already seen"
                        + " for the `order_by.start_from` value");
            }
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
