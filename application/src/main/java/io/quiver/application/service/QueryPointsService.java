package io.quiver.application.service;

import io.quiver.application.port.in.QueryPointsUseCase;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.payload.PayloadValue;
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
        QueryEngine.Ranked ranked = engine.run(collection, request.asPrefetch());
        List<ScoredId> hits = ranked.hits();
        // Qdrant ignores the offset of a random sample without prefetches: its output is not stable anyway.
        int offset = request.query() instanceof Query.Sample && request.prefetch().isEmpty() ? 0 : request.offset();
        int from = Math.min(offset, hits.size());
        int to = (int) Math.min((long) offset + request.limit(), hits.size());
        List<PayloadValue> orderValues = ranked.orderValues() == null ? null : ranked.orderValues().subList(from, to);
        return hydrate(collection, hits.subList(from, to), orderValues, request);
    }

    /**
     * The hits as scored points with the request's payload and vector selection, and each hit's
     * {@code order_value} when {@code orderValues} (position by position) is not null.
     */
    static List<ScoredPoint> hydrate(LiveCollection collection, List<ScoredId> page, List<PayloadValue> orderValues,
                                     QueryRequest request) {
        Map<PointId, Point> points = QueryEngine.load(collection, page);
        boolean scrolled = scrollLike(request.query());
        List<ScoredPoint> result = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            ScoredId hit = page.get(i);
            Point p = points.get(hit.id());
            if (p != null) {
                PointRecord record = PointRecord.of(p, request.withPayload(), request.withVector());
                if (orderValues != null) {
                    record = record.withOrderValue(orderValues.get(i));
                }
                result.add(new ScoredPoint(record, hit.score(), scrolled ? 0 : p.version()));
            }
        }
        return result;
    }

    /** Qdrant serves these by scrolling, and a scrolled hit carries version 0 (and score 1.0). */
    static boolean scrollLike(Query query) {
        return query == null || query instanceof Query.Sample || query instanceof Query.OrderByQuery;
    }
}
