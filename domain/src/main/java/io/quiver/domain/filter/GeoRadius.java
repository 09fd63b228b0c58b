package io.quiver.domain.filter;

import java.util.Objects;

/**
 * A circle on the sphere: points strictly closer than {@code radius} metres to the centre, by the
 * haversine great-circle distance on the mean Earth radius (what Qdrant's geo library uses).
 */
public record GeoRadius(GeoPoint center, double radius) implements GeoShape {

    /** The IUGG mean Earth radius, in metres. */
    public static final double EARTH_RADIUS_METRES = 6_371_008.8;

    public GeoRadius {
        Objects.requireNonNull(center, "center");
    }

    @Override
    public boolean contains(double lon, double lat) {
        return distanceMetres(center.lon(), center.lat(), lon, lat) < radius;
    }

    /** Great-circle distance between two lon/lat points, in metres. */
    public static double distanceMetres(double lon1, double lat1, double lon2, double lat2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double halfDeltaPhi = Math.toRadians(lat2 - lat1) / 2;
        double halfDeltaLambda = Math.toRadians(lon2 - lon1) / 2;
        double h = Math.sin(halfDeltaPhi) * Math.sin(halfDeltaPhi)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(halfDeltaLambda) * Math.sin(halfDeltaLambda);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.sqrt(Math.min(1, h)));
    }
}
