package io.quiver.application.service;

import io.quiver.domain.filter.Filter;
import io.quiver.domain.filter.PointView;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;

/** Lets the domain's filters look at stored points. */
final class PointViews {

    private PointViews() {
    }

    static PointView of(Point point) {
        return new PointView() {
            @Override
            public PointId id() {
                return point.id();
            }

            @Override
            public ObjectValue payload() {
                return point.payload();
            }

            @Override
            public boolean hasVector(String name) {
                return point.hasVector(name);
            }
        };
    }

    static boolean matches(Filter filter, Point point) {
        return filter == null || filter.matches(of(point));
    }
}
