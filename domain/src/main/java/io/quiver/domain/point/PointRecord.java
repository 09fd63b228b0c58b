package io.quiver.domain.point;

import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.Map;

/** A point as a read returns it: {@code payload} and {@code vectors} are null when not requested. */
public record PointRecord(PointId id, ObjectValue payload, Map<String, VectorData> vectors) {

    public static PointRecord of(Point point, WithPayload withPayload, WithVector withVector) {
        return new PointRecord(point.id(), withPayload.apply(point.payload()), withVector.apply(point.vectors()));
    }
}
