package io.quiver.domain.point;

import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A point: its id, the vectors it carries by name ({@code ""} is the default vector), and its payload. */
public record Point(PointId id, Map<String, VectorData> vectors, ObjectValue payload) {

    public Point {
        Objects.requireNonNull(id, "id");
        vectors = Collections.unmodifiableMap(new LinkedHashMap<>(vectors));
        payload = payload == null ? ObjectValue.EMPTY : payload;
    }

    public boolean hasVector(String name) {
        return vectors.containsKey(name);
    }

    public Point withPayload(ObjectValue newPayload) {
        return new Point(id, vectors, newPayload);
    }

    public Point withVectors(Map<String, VectorData> newVectors) {
        return new Point(id, newVectors, payload);
    }
}
