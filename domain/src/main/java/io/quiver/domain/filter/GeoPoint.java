package io.quiver.domain.filter;

import io.quiver.domain.error.ValidationException;

/** A point on Earth given in a filter, in degrees; longitude first, as Qdrant's payload spells it. */
public record GeoPoint(double lon, double lat) {

    public GeoPoint {
        if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) {
            throw ValidationException.of("", "Wrong format of GeoPoint payload: expected `lat` = " + lat
                    + " within [-90;90] and `lon` = " + lon + " within [-180;180]");
        }
    }
}
