package io.quiver.application.service;

import io.quiver.application.port.in.QueryPointsUseCase;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.PointRecord;
import io.quiver.domain.point.ScoredPoint;
import io.quiver.domain.query.QueryRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

final class QueryPointsService implements QueryPointsUseCase {

    private final CollectionRegistry registry;
    private final QueryEngine engine;

    QueryPointsService(CollectionRegistry registry, QueryEngine engine) {
        this.registry = registry;
        this.engine = engine;
    }

    @Override
    public List<ScoredPoint> query(String collectionName, QueryRequest request) {
        LiveCollection collection = registry.resolve(collectionName);
        List<ScoredId> hits = engine.run(collection, request.asPrefetch(), null).hits();
        int from = Math.min(request.offset(), hits.size());
        int to = Math.min(request.offset() + request.limit(), hits.size());
        List<ScoredId> page = hits.subList(from, to);
        Map<PointId, Point> points = QueryEngine.load(collection, page);
        List<ScoredPoint> result = new ArrayList<>(page.size());
        for (ScoredId hit : page) {
            Point p = points.get(hit.id());
            if (p != null) {
                result.add(new ScoredPoint(PointRecord.of(p, request.withPayload(), request.withVector()), hit.score(),
                        p.version()));
            }
        }
        return result;
    }
}
