package io.quiver.application.port.in;

import io.quiver.domain.point.ScoredPoint;
import io.quiver.domain.query.QueryRequest;
import java.util.List;

/**
 * Qdrant's universal query: nearest (dense, sparse, multi, by id), recommend, discover, context,
 * fusion of prefetches, sampling — prefetches nested to any depth, the outer query re-scoring or fusing
 * their union.
 */
public interface QueryPointsUseCase {
    List<ScoredPoint> query(String collection, QueryRequest request);
}
