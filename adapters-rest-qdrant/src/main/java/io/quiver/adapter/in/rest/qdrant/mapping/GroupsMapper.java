package io.quiver.adapter.in.rest.qdrant.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import io.quiver.application.port.in.GroupPointsUseCase;
import io.quiver.application.port.in.GroupPointsUseCase.GroupRequest;
import io.quiver.application.port.in.GroupPointsUseCase.PointGroup;
import io.quiver.application.port.in.GroupPointsUseCase.WithLookup;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.IntegerValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import io.quiver.domain.payload.TreeReader;
import io.quiver.domain.point.WithPayload;
import io.quiver.domain.point.WithVector;
import io.quiver.domain.query.Query;
import io.quiver.domain.query.QueryRequest;
import java.io.IOException;
import java.util.List;

/**
 * Reads the groups requests — {@code QueryGroupsRequest} (1.19) and the legacy {@code SearchGroupsRequest}
 * and {@code RecommendGroupsRequest} — and writes {@code GroupsResult}.
 */
public final class GroupsMapper {

    private GroupsMapper() {
    }

    /** {@code QueryGroupsRequest}: a universal query plus group_by, group_size (default 3), limit (default 10). */
    public static GroupRequest query(ObjectValue body) {
        TreeReader r = TreeReader.of(body, "");
        JsonPath groupBy = groupBy(r);
        QueryRequest source = QueryMapper.request(body, "");
        return group(source, groupBy, LegacyMapper.count(r, "group_size", GroupPointsUseCase.DEFAULT_GROUP_SIZE),
                LegacyMapper.count(r, "limit", GroupPointsUseCase.DEFAULT_GROUPS), withLookup(r));
    }

    /** {@code SearchGroupsRequest}: a {@code NamedVectorStruct} search; group_by, group_size and limit required. */
    public static GroupRequest search(ObjectValue body) {
        TreeReader r = TreeReader.of(body, "");
        JsonPath groupBy = groupBy(r);
        int groupSize = LegacyMapper.required(r, "group_size");
        int limit = LegacyMapper.required(r, "limit");
        LegacyMapper.NamedQuery named = LegacyMapper.namedVector(r);
        QueryRequest source = LegacyMapper.request(r, "", new Query.Nearest(named.vector(), null), named.using(),
                Math.max(1, limit), 0, true, null);
        return group(source, groupBy, groupSize, limit, withLookup(r));
    }

    /** {@code RecommendGroupsRequest}: a legacy recommend; group_by, group_size and limit required. */
    public static GroupRequest recommend(ObjectValue body) {
        TreeReader r = TreeReader.of(body, "");
        JsonPath groupBy = groupBy(r);
        int groupSize = LegacyMapper.required(r, "group_size");
        int limit = LegacyMapper.required(r, "limit");
        QueryRequest source = LegacyMapper.request(r, "", LegacyMapper.recommendQuery(r), r.optString("using"),
                Math.max(1, limit), 0, true, LegacyMapper.lookupFrom(r));
        return group(source, groupBy, groupSize, limit, withLookup(r));
    }

    private static GroupRequest group(QueryRequest source, JsonPath groupBy, int groupSize, int limit,
                                      WithLookup withLookup) {
        return new GroupRequest(source, groupBy, groupSize, limit, withLookup);
    }

    private static JsonPath groupBy(TreeReader r) {
        String key = r.reqString("group_by");
        if (key.isEmpty()) {
            throw ValidationException.of("group_by", "value must not be empty");
        }
        return JsonPath.parse(key);
    }

    /** {@code WithLookupInterface}: a collection name, or {@code {collection, with_payload (true), with_vectors (false)}}. */
    private static WithLookup withLookup(TreeReader r) {
        PayloadValue v = r.raw("with_lookup");
        if (v == null || v.isNull()) {
            return null;
        }
        if (v instanceof StringValue s) {
            return new WithLookup(s.value(), WithPayload.ALL, WithVector.NONE);
        }
        if (!(v instanceof ObjectValue)) {
            throw TreeReader.mismatch(r.pathOf("with_lookup"), v, "a collection name or {collection, ...}");
        }
        TreeReader l = TreeReader.of(v, r.pathOf("with_lookup"));
        PayloadValue withVectors = l.has("with_vectors") ? l.raw("with_vectors") : l.raw("with_vector");
        return new WithLookup(l.reqString("collection"),
                PointsMapper.withPayload(l.raw("with_payload"), l.pathOf("with_payload"), WithPayload.ALL),
                PointsMapper.withVector(withVectors, l.pathOf("with_vectors"), WithVector.NONE));
    }

    /** {@code GroupsResult}: {@code {"groups": [{"id", "hits", "lookup"?}]}}. */
    public static void writeGroups(JsonGenerator g, List<PointGroup> groups) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("groups");
        for (PointGroup group : groups) {
            g.writeStartObject();
            g.writeFieldName("id");
            switch (group.id()) {
                case IntegerValue i -> g.writeNumber(i.value());
                case StringValue s -> g.writeString(s.value());
                default -> JsonTrees.write(g, group.id());
            }
            g.writeFieldName("hits");
            PointsMapper.writeScoredPoints(g, group.hits());
            if (group.lookup() != null) {
                g.writeFieldName("lookup");
                PointsMapper.writeRecord(g, group.lookup());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
