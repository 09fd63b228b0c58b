package io.quiver.domain.filter;

import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.point.PointId;

/** What a filter may look at in a stored point, whatever the storage keeps it in. */
public interface PointView {

    PointId id();

    /** The point's payload; an empty object when it has none. */
    ObjectValue payload();

    /** Whether the point carries the named vector; {@code ""} names the default (unnamed) vector. */
    boolean hasVector(String name);
}
