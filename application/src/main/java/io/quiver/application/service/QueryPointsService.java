package io.quiver.application.service;

import io.quiver.application.port.in.QueryPointsUseCase;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.PointRecord;
import io.quiver.domain.point.ScoredPoint;
import io.quiver.domain.query.Query;
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
        List<ScoredId> hits = engine.run(collection, request.asPrefetch()).hits();
        // Qdrant ignores the offset of a random sample without prefetches: its output is not stable anyway.
        int offset = request.query() instanceof Query.Sample && request.prefetch().isEmpty() ? 0 : request.offset();
        int from = Math.min(offset, hits.size());
        int to = Math.min(offset + request.limit(), hits.size());
        return hydrate(collection, hits.subList(from, to), request);
    }

    /** The hits as scored points with the request's payload and vector selection. */
    static List<ScoredPoint> hydrate(LiveCollection collection, List<ScoredId> page, QueryRequest request) {
        Map<PointId, Point> points = QueryEngine.load(collection, page);
        boolean scrolled = scrollLike(request.query());
        List<ScoredPoint> result = new ArrayList<>(page.size());
        for (ScoredId hit : page) {
            Point p = points.get(hit.id());
            if (p != null) {
                result.add(new ScoredPoint(PointRecord.of(p, request.withPayload(), request.withVector()), hit.score(),
                        scrolled ? 0 : p.version()));
            }
        }
        return result;
    }

    /** Qdrant serves these by scrolling, and a scrolled hit carries version 0 (and score 1.0). */
    static boolean scrollLike(Query query) {
        return query == null || query instanceof Query.Sample || query instanceof Query.OrderByQuery;
    }
}
