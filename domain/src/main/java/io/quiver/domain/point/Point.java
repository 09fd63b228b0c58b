package io.quiver.domain.point;

import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A point: its id, the vectors it carries by name ({@code ""} is the default vector), its payload, and
 * its version — the id of the operation that last wrote it (0 before it is stored).
 */
public record Point(PointId id, Map<String, VectorData> vectors, ObjectValue payload, long version) {

    public Point {
        Objects.requireNonNull(id, "id");
        vectors = Collections.unmodifiableMap(new LinkedHashMap<>(vectors));
        payload = payload == null ? ObjectValue.EMPTY : payload;
    }

    public Point(PointId id, Map<String, VectorData> vectors, ObjectValue payload) {
        this(id, vectors, payload, 0);
    }

    public Point withVersion(long newVersion) {
        return new Point(id, vectors, payload, newVersion);
    }

    public boolean hasVector(String name) {
        return vectors.containsKey(name);
    }

    public Point withPayload(ObjectValue newPayload) {
        return new Point(id, vectors, newPayload, version);
    }

    public Point withVectors(Map<String, VectorData> newVectors) {
        return new Point(id, newVectors, payload, version);
    }
}
