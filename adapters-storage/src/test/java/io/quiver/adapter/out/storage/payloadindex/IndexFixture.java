package io.quiver.adapter.out.storage.payloadindex;

import io.quiver.application.port.out.PayloadIndex;
import io.quiver.domain.filter.FieldCondition;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.index.PayloadSchemaType;
import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.point.PointId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Small helpers for the per-kind index tests: indexes from JSON, points by number. */
final class IndexFixture {

    private IndexFixture() {
    }

    /** An index on {@code field}; {@code params} is the field_schema object as JSON, or null. */
    static PayloadIndex index(String field, PayloadSchemaType type, String params) {
        return new InMemoryPayloadIndexPort().create(new PayloadFieldSchema(field, JsonPath.parse(field), type,
                params == null ? null : PayloadMother.json(params)));
    }

    static PayloadIndex index(String field, PayloadSchemaType type) {
        return index(field, type, null);
    }

    /** Puts points 1, 2, 3, … with the given payloads (JSON). */
    static PayloadIndex with(PayloadIndex index, String... payloads) {
        for (int i = 0; i < payloads.length; i++) {
            index.put(PointId.of(i + 1), PayloadMother.json(payloads[i]));
        }
        return index;
    }

    static Set<PointId> ids(long... ids) {
        return Arrays.stream(ids).mapToObj(PointId::of).collect(Collectors.toSet());
    }

    static Optional<Set<PointId>> answer(long... ids) {
        return Optional.of(ids(ids));
    }

    /** The point numbers the index answers, sorted; fails when it declines. */
    static List<Long> matching(PayloadIndex index, FieldCondition condition) {
        return index.matching(condition).orElseThrow(() -> new AssertionError("declined " + condition)).stream()
                .map(id -> ((PointId.NumericId) id).value()).sorted().toList();
    }

    /** All (value, point number) pairs an ordered visit reports. */
    static List<String> visits(PayloadIndex index, boolean descending, Double startFrom) {
        List<String> visits = new ArrayList<>();
        index.visitOrdered(descending, startFrom, (value, id) -> visits.add(render(value) + "@" + id));
        return visits;
    }

    private static String render(PayloadValue value) {
        return switch (value) {
            case PayloadValue.IntegerValue i -> Long.toString(i.value());
            case PayloadValue.DoubleValue d -> Double.toString(d.value());
            default -> value.toString();
        };
    }
}
