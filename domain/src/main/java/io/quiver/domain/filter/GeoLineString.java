package io.quiver.domain.filter;

import io.quiver.domain.error.ValidationException;
import java.util.List;

/** An ordered list of points; as a polygon ring it must be closed and have at least four points. */
public record GeoLineString(List<GeoPoint> points) {

    /** Closure is judged per coordinate within machine epsilon, as Qdrant judges it. */
    private static final double CLOSURE_TOLERANCE = Math.ulp(1.0);

    public GeoLineString {
        points = List.copyOf(points);
    }

    public static GeoLineString of(GeoPoint... points) {
        return new GeoLineString(List.of(points));
    }

    /** @throws ValidationException when this line cannot bound a polygon; {@code path} names it */
    void requireRing(String path) {
        if (points.size() < 4) {
            throw ValidationException.of(path,
                    "polygon invalid, the size must be at least 4, got " + points.size());
        }
        GeoPoint first = points.getFirst();
        GeoPoint last = points.getLast();
        if (Math.abs(first.lat() - last.lat()) > CLOSURE_TOLERANCE
                || Math.abs(first.lon() - last.lon()) > CLOSURE_TOLERANCE) {
            throw ValidationException.of(path,
                    "polygon invalid, the first and the last points should be the same to form a closed line");
        }
    }

    /** Where a point lies relative to this closed ring, treating lon/lat as plane coordinates. */
    RingPosition locate(double lon, double lat) {
        boolean inside = false;
        int n = points.size();
        for (int i = 0, j = n - 1; i < n; j = i++) {
            GeoPoint a = points.get(j);
            GeoPoint b = points.get(i);
            if (onSegment(a, b, lon, lat)) {
                return RingPosition.BOUNDARY;
            }
            if ((b.lat() > lat) != (a.lat() > lat)
                    && lon < (a.lon() - b.lon()) * (lat - b.lat()) / (a.lat() - b.lat()) + b.lon()) {
                inside = !inside;
            }
        }
        return inside ? RingPosition.INSIDE : RingPosition.OUTSIDE;
    }

    private static boolean onSegment(GeoPoint a, GeoPoint b, double lon, double lat) {
        double cross = (b.lon() - a.lon()) * (lat - a.lat()) - (b.lat() - a.lat()) * (lon - a.lon());
        return cross == 0
                && lon >= Math.min(a.lon(), b.lon()) && lon <= Math.max(a.lon(), b.lon())
                && lat >= Math.min(a.lat(), b.lat()) && lat <= Math.max(a.lat(), b.lat());
    }

    enum RingPosition { INSIDE, BOUNDARY, OUTSIDE }
}
