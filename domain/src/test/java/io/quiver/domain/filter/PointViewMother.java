package io.quiver.domain.filter;

import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.point.PointId;
import java.util.Set;

/** A point for filter tests: an id, a payload and the names of the vectors it carries. */
public record PointViewMother(PointId id, ObjectValue payload, Set<String> vectorNames) implements PointView {

    public PointViewMother {
        vectorNames = Set.copyOf(vectorNames);
    }

    /** A point with a numeric id, a JSON payload and only the default vector. */
    public static PointViewMother point(long id, String payloadJson) {
        return new PointViewMother(PointId.of(id), PayloadMother.json(payloadJson), Set.of(""));
    }

    /** A point whose payload is the given JSON object; id 1. */
    public static PointViewMother payload(String payloadJson) {
        return point(1, payloadJson);
    }

    public static PointViewMother uuidPoint(String uuid, String payloadJson) {
        return new PointViewMother(PointId.parseUuid(uuid), PayloadMother.json(payloadJson), Set.of(""));
    }

    public PointViewMother withVectors(String... names) {
        return new PointViewMother(id, payload, Set.of(names));
    }

    @Override
    public boolean hasVector(String name) {
        return vectorNames.contains(name);
    }
}
