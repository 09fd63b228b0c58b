package io.quiver.adapter.out.storage.payloadindex;

import io.quiver.domain.filter.GeoBoundingBox;
import io.quiver.domain.filter.GeoPoint;
import io.quiver.domain.filter.GeoPolygon;
import io.quiver.domain.filter.GeoRadius;
import io.quiver.domain.filter.GeoShape;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.point.PointId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Geo index: the {@code {lon, lat}} objects of a field (numbers read as {@link PayloadValue#asNumber},
 * without range checks, as {@link GeoShape#test} reads them) in a one-degree grid. A query visits the
 * cells a superset of the shape covers and keeps the points the shape's own {@link GeoShape#contains}
 * accepts, so the answer is the evaluator's. Points outside the valid lon/lat ranges (or NaN) are kept
 * aside and always tested.
 */
final class GeoIndex extends AbstractPayloadIndex<GeoIndex.Locations> {

    /** A point's distinct locations as lon/lat pairs. */
    record Locations(double[] lonLat) {
        int size() {
            return lonLat.length / 2;
        }

        double lon(int i) {
            return lonLat[2 * i];
        }

        double lat(int i) {
            return lonLat[2 * i + 1];
        }
    }

    /** Degrees added around computed bounds to absorb rounding; the exact test follows anyway. */
    private static final double MARGIN = 1e-3;

    /** lat cell → lon cell → point → its locations in that cell. */
    private final NavigableMap<Integer, NavigableMap<Integer, Map<PointId, List<double[]>>>> grid = new TreeMap<>();
    /** Points with a location outside [-180, 180] × [-90, 90]: those locations only. */
    private final Map<PointId, List<double[]>> outliers = new HashMap<>();

    GeoIndex(PayloadFieldSchema schema) {
        super(schema);
    }

    @Override
    protected Locations extract(List<PayloadValue> values) {
        List<double[]> found = new ArrayList<>();
        for (PayloadValue value : values) {
            if (!(value instanceof ObjectValue object)) {
                continue;
            }
            PayloadValue lon = object.get("lon");
            PayloadValue lat = object.get("lat");
            if (lon == null || lat == null || lon.asNumber() == null || lat.asNumber() == null) {
                continue;
            }
            double x = lon.asNumber();
            double y = lat.asNumber();
            boolean seen = found.stream().anyMatch(p -> Double.compare(p[0], x) == 0 && Double.compare(p[1], y) == 0);
            if (!seen) {
                found.add(new double[] {x, y});
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        double[] pairs = new double[found.size() * 2];
        for (int i = 0; i < found.size(); i++) {
            pairs[2 * i] = found.get(i)[0];
            pairs[2 * i + 1] = found.get(i)[1];
        }
        return new Locations(pairs);
    }

    private static boolean onEarth(double lon, double lat) {
        return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
    }

    private static int latCell(double lat) {
        return (int) Math.max(-90, Math.min(89, Math.floor(lat)));
    }

    private static int lonCell(double lon) {
        return (int) Math.max(-180, Math.min(179, Math.floor(lon)));
    }

    @Override
    protected void add(PointId id, Locations data) {
        for (int i = 0; i < data.size(); i++) {
            double lon = data.lon(i);
            double lat = data.lat(i);
            double[] location = {lon, lat};
            if (onEarth(lon, lat)) {
                grid.computeIfAbsent(latCell(lat), k -> new TreeMap<>())
                        .computeIfAbsent(lonCell(lon), k -> new HashMap<>())
                        .computeIfAbsent(id, k -> new ArrayList<>(1))
                        .add(location);
            } else {
                outliers.computeIfAbsent(id, k -> new ArrayList<>(1)).add(location);
            }
        }
    }

    @Override
    protected void drop(PointId id, Locations data) {
        outliers.remove(id);
        for (int i = 0; i < data.size(); i++) {
            double lon = data.lon(i);
            double lat = data.lat(i);
            if (!onEarth(lon, lat)) {
                continue;
            }
            NavigableMap<Integer, Map<PointId, List<double[]>>> row = grid.get(latCell(lat));
            if (row == null) {
                continue;
            }
            Map<PointId, List<double[]>> cell = row.get(lonCell(lon));
            if (cell != null && cell.remove(id) != null && cell.isEmpty()) {
                row.remove(lonCell(lon));
                if (row.isEmpty()) {
                    grid.remove(latCell(lat));
                }
            }
        }
    }

    @Override
    protected Set<PointId> answerGeo(GeoShape shape) {
        Set<PointId> ids = new HashSet<>();
        Area area = area(shape);
        if (area != null) {
            for (NavigableMap<Integer, Map<PointId, List<double[]>>> row : grid.subMap(latCell(area.minLat()), true,
                    latCell(area.maxLat()), true).values()) {
                for (double[] lons : area.lonIntervals()) {
                    for (Map<PointId, List<double[]>> cell : row.subMap(lonCell(lons[0]), true,
                            lonCell(lons[1]), true).values()) {
                        collect(cell, shape, ids);
                    }
                }
            }
        }
        collect(outliers, shape, ids);
        return ids;
    }

    private static void collect(Map<PointId, List<double[]>> locations, GeoShape shape, Set<PointId> ids) {
        for (Map.Entry<PointId, List<double[]>> e : locations.entrySet()) {
            if (ids.contains(e.getKey())) {
                continue;
            }
            for (double[] location : e.getValue()) {
                if (shape.contains(location[0], location[1])) {
                    ids.add(e.getKey());
                    break;
                }
            }
        }
    }

    @Override
    protected long estimateGeo(GeoShape shape) {
        return pointsWithData();
    }

    /** A lat band and lon intervals (each within [-180, 180], low ≤ high) covering a shape; null when empty. */
    private record Area(double minLat, double maxLat, List<double[]> lonIntervals) {
    }

    private static final List<double[]> ALL_LONGITUDES = List.of(new double[] {-180, 180});

    private static Area area(GeoShape shape) {
        return switch (shape) {
            case GeoBoundingBox box -> boxArea(box);
            case GeoRadius radius -> radiusArea(radius);
            case GeoPolygon polygon -> polygonArea(polygon);
        };
    }

    private static Area boxArea(GeoBoundingBox box) {
        double minLat = box.bottomRight().lat();
        double maxLat = box.topLeft().lat();
        if (!(minLat <= maxLat)) {
            return null;
        }
        double west = box.topLeft().lon();
        double east = box.bottomRight().lon();
        List<double[]> lons = west > east
                ? List.of(new double[] {west, 180}, new double[] {-180, east})
                : List.of(new double[] {west, east});
        return new Area(minLat, maxLat, lons);
    }

    private static Area radiusArea(GeoRadius circle) {
        double radius = circle.radius();
        if (!(radius > 0)) {
            return null;
        }
        double angle = radius / GeoRadius.EARTH_RADIUS_METRES;
        if (angle >= Math.PI) {
            return new Area(-90, 90, ALL_LONGITUDES);
        }
        GeoPoint center = circle.center();
        double degrees = Math.toDegrees(angle) + MARGIN;
        double minLat = center.lat() - degrees;
        double maxLat = center.lat() + degrees;
        if (minLat <= -90 || maxLat >= 90) {
            // the circle may reach a pole, and then every longitude
            return new Area(Math.max(-90, minLat), Math.min(90, maxLat), ALL_LONGITUDES);
        }
        double sine = Math.sin(angle) / Math.cos(Math.toRadians(center.lat()));
        if (sine >= 1) {
            return new Area(minLat, maxLat, ALL_LONGITUDES);
        }
        double halfWidth = Math.toDegrees(Math.asin(sine)) + MARGIN;
        if (halfWidth >= 180) {
            return new Area(minLat, maxLat, ALL_LONGITUDES);
        }
        double west = center.lon() - halfWidth;
        double east = center.lon() + halfWidth;
        List<double[]> lons;
        if (west < -180) {
            lons = List.of(new double[] {west + 360, 180}, new double[] {-180, east});
        } else if (east > 180) {
            lons = List.of(new double[] {west, 180}, new double[] {-180, east - 360});
        } else {
            lons = List.of(new double[] {west, east});
        }
        return new Area(minLat, maxLat, lons);
    }

    private static Area polygonArea(GeoPolygon polygon) {
        double minLon = Double.POSITIVE_INFINITY;
        double maxLon = Double.NEGATIVE_INFINITY;
        double minLat = Double.POSITIVE_INFINITY;
        double maxLat = Double.NEGATIVE_INFINITY;
        for (GeoPoint p : polygon.exterior().points()) {
            minLon = Math.min(minLon, p.lon());
            maxLon = Math.max(maxLon, p.lon());
            minLat = Math.min(minLat, p.lat());
            maxLat = Math.max(maxLat, p.lat());
        }
        return new Area(minLat, maxLat, List.of(new double[] {minLon, maxLon}));
    }
}
