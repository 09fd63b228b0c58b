package io.quiver.domain.update;

import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.PointId;
import java.util.List;

/** Which points an operation touches: a list of ids, or every point a filter matches. */
public sealed interface PointsSelector {

    record ByIds(List<PointId> ids) implements PointsSelector {
        public ByIds {
            ids = List.copyOf(ids);
        }
    }

    record ByFilter(Filter filter) implements PointsSelector {
    }
}
