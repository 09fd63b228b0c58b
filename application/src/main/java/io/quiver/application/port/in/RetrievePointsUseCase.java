package io.quiver.application.port.in;

import io.quiver.domain.point.PointId;
import io.quiver.domain.point.PointRecord;
import io.quiver.domain.point.WithPayload;
import io.quiver.domain.point.WithVector;
import java.util.List;
import java.util.Objects;

/** Reads points by id; ids that do not exist are left out. */
public interface RetrievePointsUseCase {

    record RetrievePointsQuery(String collection, List<PointId> ids, WithPayload withPayload, WithVector withVector) {
        public RetrievePointsQuery {
            Objects.requireNonNull(collection, "collection");
            ids = List.copyOf(ids);
            withPayload = withPayload == null ? WithPayload.ALL : withPayload;
            withVector = withVector == null ? WithVector.NONE : withVector;
        }
    }

    List<PointRecord> retrieve(RetrievePointsQuery query);

    /** One point, or a not-found error naming its id. */
    PointRecord retrieveOne(String collection, PointId id);
}
