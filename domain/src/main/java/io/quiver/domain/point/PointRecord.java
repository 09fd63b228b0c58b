package io.quiver.domain.point;

import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.Map;

/**
 * A point as a read returns it: {@code payload} and {@code vectors} are null when not requested;
 * {@code orderValue} is set only for reads ordered by a payload key.
 */
public record PointRecord(PointId id, ObjectValue payload, Map<String, VectorData> vectors, PayloadValue orderValue) {

    public static PointRecord of(Point point, WithPayload withPayload, WithVector withVector) {
        return new PointRecord(point.id(), withPayload.apply(point.payload()), withVector.apply(point.vectors()), null);
    }

    public PointRecord withOrderValue(PayloadValue value) {
        return new PointRecord(id, payload, vectors, value);
    }
}
