package io.quiver.domain.update;

import io.quiver.domain.filter.Filter;
import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One change to a collection's points; {@code /points/batch} applies a list of them in order. */
public sealed interface UpdateOperation {

    /** Writes whole points. {@code updateFilter}, when set, lets an existing point be replaced only if it matches. */
    record Upsert(List<Point> points, UpdateMode mode, Filter updateFilter) implements UpdateOperation {
        public Upsert {
            points = List.copyOf(points);
            mode = mode == null ? UpdateMode.UPSERT : mode;
        }
    }

    record Delete(PointsSelector selector) implements UpdateOperation {
        public Delete {
            Objects.requireNonNull(selector, "selector");
        }
    }

    /** Merges keys into the payload, at the top level or under {@code key}. */
    record SetPayload(ObjectValue payload, PointsSelector selector, JsonPath key) implements UpdateOperation {
        public SetPayload {
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(selector, "selector");
        }
    }

    record OverwritePayload(ObjectValue payload, PointsSelector selector) implements UpdateOperation {
        public OverwritePayload {
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(selector, "selector");
        }
    }

    record DeletePayload(List<JsonPath> keys, PointsSelector selector) implements UpdateOperation {
        public DeletePayload {
            keys = List.copyOf(keys);
            Objects.requireNonNull(selector, "selector");
        }
    }

    record ClearPayload(PointsSelector selector) implements UpdateOperation {
        public ClearPayload {
            Objects.requireNonNull(selector, "selector");
        }
    }

    /** Sets the given named vectors on existing points, leaving their other vectors and payload alone. */
    record UpdateVectors(Map<PointId, Map<String, VectorData>> vectors, Filter updateFilter) implements UpdateOperation {
        public UpdateVectors {
            vectors = Map.copyOf(vectors);
        }
    }

    record DeleteVectors(PointsSelector selector, List<String> names) implements UpdateOperation {
        public DeleteVectors {
            Objects.requireNonNull(selector, "selector");
            names = List.copyOf(names);
        }
    }
}
