package io.quiver.application.port.in;

import io.quiver.domain.error.Validations;
import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.point.PointRecord;
import io.quiver.domain.point.ScoredPoint;
import io.quiver.domain.point.WithPayload;
import io.quiver.domain.point.WithVector;
import io.quiver.domain.query.QueryRequest;
import java.util.List;
import java.util.Objects;

/**
 * Query results grouped by a payload key ({@code /points/query/groups} and the legacy
 * {@code /search/groups}, {@code /recommend/groups}): the best {@code limit} groups, each with its best
 * {@code groupSize} hits. A point whose key holds several values belongs to each of their groups.
 */
public interface GroupPointsUseCase {

    /** Qdrant's defaults for the universal groups request. */
    int DEFAULT_GROUP_SIZE = 3;
    int DEFAULT_GROUPS = 10;

    /** Where to look up a record per group: the point of the other collection whose id is the group id. */
    record WithLookup(String collection, WithPayload withPayload, WithVector withVector) {
        public WithLookup {
            Objects.requireNonNull(collection, "collection");
            withPayload = withPayload == null ? WithPayload.ALL : withPayload;
            withVector = withVector == null ? WithVector.NONE : withVector;
        }
    }

    /**
     * {@code source} supplies the query, filter, payload and vector selection; its limit and offset are not
     * used.
     */
    record GroupRequest(QueryRequest source, JsonPath groupBy, int groupSize, int limit, WithLookup withLookup) {
        public GroupRequest {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(groupBy, "groupBy");
            new Validations().range("group_size", groupSize, 1, null).range("limit", limit, 1, null).throwIfAny();
        }
    }

    /** One group: its id (a string or an integer value of the key), its hits best first, the looked-up record. */
    record PointGroup(PayloadValue id, List<ScoredPoint> hits, PointRecord lookup) {
        public PointGroup {
            Objects.requireNonNull(id, "id");
            hits = List.copyOf(hits);
        }
    }

    /** The groups, best first (by their best hit). */
    List<PointGroup> groups(String collection, GroupRequest request);
}
