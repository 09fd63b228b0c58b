package io.quiver.domain.filter;

import io.quiver.domain.filter.GeoLineString.RingPosition;
import java.util.List;
import java.util.Objects;

/**
 * A polygon with optional holes, in plane lon/lat coordinates. A point matches when it lies strictly
 * inside the exterior ring and outside every hole; points on any ring's edge do not match, as with
 * Qdrant's geometry library.
 *
 * @param interiors the holes; empty when none
 */
public record GeoPolygon(GeoLineString exterior, List<GeoLineString> interiors) implements GeoShape {

    public GeoPolygon {
        Objects.requireNonNull(exterior, "exterior");
        interiors = interiors == null ? List.of() : List.copyOf(interiors);
        exterior.requireRing("exterior");
        for (int i = 0; i < interiors.size(); i++) {
            interiors.get(i).requireRing("interiors[" + i + "]");
        }
    }

    public static GeoPolygon of(GeoLineString exterior) {
        return new GeoPolygon(exterior, List.of());
    }

    @Override
    public boolean contains(double lon, double lat) {
        if (exterior.locate(lon, lat) != RingPosition.INSIDE) {
            return false;
        }
        return interiors.stream().allMatch(hole -> hole.locate(lon, lat) == RingPosition.OUTSIDE);
    }
}
