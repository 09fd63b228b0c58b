package io.quiver.domain.filter;

import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;

/**
 * An area a geo condition asks about. Stored geo points are objects with numeric {@code lon} and
 * {@code lat}; they are read as stored, without range checks, and any other value is not a point.
 */
public sealed interface GeoShape permits GeoBoundingBox, GeoRadius, GeoPolygon {

    boolean contains(double lon, double lat);

    /** Whether one payload value is a geo point inside this area. */
    default boolean test(PayloadValue value) {
        if (!(value instanceof ObjectValue object)) {
            return false;
        }
        PayloadValue lon = object.get("lon");
        PayloadValue lat = object.get("lat");
        if (lon == null || lat == null || lon.asNumber() == null || lat.asNumber() == null) {
            return false;
        }
        return contains(lon.asNumber(), lat.asNumber());
    }
}
