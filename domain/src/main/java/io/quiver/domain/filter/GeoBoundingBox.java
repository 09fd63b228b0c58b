package io.quiver.domain.filter;

import java.util.Objects;

/**
 * A longitude/latitude rectangle. Edges are excluded. When the top-left longitude lies east of the
 * bottom-right one, the box crosses the antimeridian and wraps around it.
 */
public record GeoBoundingBox(GeoPoint topLeft, GeoPoint bottomRight) implements GeoShape {

    public GeoBoundingBox {
        Objects.requireNonNull(topLeft, "topLeft");
        Objects.requireNonNull(bottomRight, "bottomRight");
    }

    @Override
    public boolean contains(double lon, double lat) {
        boolean withinLongitude = topLeft.lon() > bottomRight.lon()
                ? lon > topLeft.lon() || lon < bottomRight.lon()
                : topLeft.lon() < lon && lon < bottomRight.lon();
        boolean withinLatitude = bottomRight.lat() < lat && lat < topLeft.lat();
        return withinLongitude && withinLatitude;
    }
}
