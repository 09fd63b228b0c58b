package io.quiver.application.service;

import io.quiver.application.port.in.SearchPointsUseCase;
import io.quiver.domain.collection.VectorParams;
import io.quiver.domain.error.BadInputException;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointRecord;
import io.quiver.domain.point.ScoredPoint;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.Scoring;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Exact search: scores every stored point that passes the filter and keeps the best. Correct for any
 * collection size; the graph index (a later step) makes large collections fast.
 */
final class ExactSearchService implements SearchPointsUseCase {

    private record Hit(Point point, float score) {
    }

    private final CollectionRegistry registry;
    private final Scoring scoring;

    ExactSearchService(CollectionRegistry registry, Scoring scoring) {
        this.registry = registry;
        this.scoring = scoring;
    }

    @Override
    public List<ScoredPoint> search(SearchQuery query) {
        LiveCollection collection = registry.resolve(query.collection());
        VectorParams params = collection.config().params().vectors().find(query.using()).orElseThrow(() ->
                new BadInputException("Not existing vector name error: " + query.using()));
        if (params.multivector() != null) {
            throw new BadInputException("Vector `" + query.using()
                    + "` is a multivector: query it with a multivector, which this endpoint does not take yet");
        }
        if (query.vector().length != params.size()) {
            throw new BadInputException("Vector dimension error: expected dim: " + params.size() + ", got "
                    + query.vector().length);
        }
        Distance distance = params.distance();
        float[] q = scoring.preprocess(distance, query.vector());
        Comparator<Hit> bestFirst = (a, b) -> {
            int byScore = Scoring.compareBestFirst(distance, a.score(), b.score());
            return byScore != 0 ? byScore : a.point().id().compareTo(b.point().id());
        };
        int keep = query.limit() + query.offset();
        PriorityQueue<Hit> worstOnTop = new PriorityQueue<>(keep + 1, bestFirst.reversed());
        collection.points().scan(null, p -> {
            if (p.vectors().get(query.using()) instanceof VectorData.Dense d && PointViews.matches(query.filter(), p)) {
                float score = scoring.score(distance, q, d.values());
                if (query.scoreThreshold() == null || Scoring.passesThreshold(distance, score, query.scoreThreshold())) {
                    worstOnTop.add(new Hit(p, score));
                    if (worstOnTop.size() > keep) {
                        worstOnTop.poll();
                    }
                }
            }
            return true;
        });
        List<Hit> ranked = new ArrayList<>(worstOnTop);
        ranked.sort(bestFirst);
        List<ScoredPoint> result = new ArrayList<>();
        for (int i = query.offset(); i < ranked.size(); i++) {
            Hit h = ranked.get(i);
            result.add(new ScoredPoint(PointRecord.of(h.point(), query.withPayload(), query.withVector()), h.score(), 0));
        }
        return result;
    }
}
