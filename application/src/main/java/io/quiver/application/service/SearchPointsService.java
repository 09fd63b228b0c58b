package io.quiver.application.service;

import io.quiver.application.port.in.SearchPointsUseCase;
import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.collection.HnswConfig;
import io.quiver.domain.collection.VectorParams;
import io.quiver.domain.error.BadInputException;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointRecord;
import io.quiver.domain.point.ScoredPoint;
import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.Scoring;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Dense nearest-neighbour search for the legacy search endpoints, planned by {@link DenseSearch}. */
final class SearchPointsService implements SearchPointsUseCase {

    private final CollectionRegistry registry;
    private final Scoring scoring;

    SearchPointsService(CollectionRegistry registry, Scoring scoring) {
        this.registry = registry;
        this.scoring = scoring;
    }

    @Override
    public List<ScoredPoint> search(SearchQuery query) {
        LiveCollection collection = registry.resolve(query.collection());
        VectorParams params = collection.config().params().vectors().find(query.using()).orElseThrow(() ->
                new BadInputException("Not existing vector name error: " + query.using()));
        VectorIndex index = collection.vectorIndexes().get(query.using());
        if (index == null) {
            throw new BadInputException("Vector `" + query.using()
                    + "` is a multivector: query it with a multivector, which this endpoint does not take yet");
        }
        if (query.vector().length != params.size()) {
            throw new BadInputException("Vector dimension error: expected dim: " + params.size() + ", got "
                    + query.vector().length);
        }
        Distance distance = params.distance();
        float[] q = scoring.preprocess(distance, query.vector());
        HnswConfig hnsw = DenseSearch.hnswOf(collection, params);
        int want = (int) Math.min((long) query.limit() + query.offset(), Integer.MAX_VALUE);
        List<ScoredId> hits = nearest(collection, index, q, want, query, hnsw);
        List<ScoredPoint> result = new ArrayList<>(Math.min(query.limit(), hits.size()));
        int skipped = 0;
        for (ScoredId hit : hits) {
            if (query.scoreThreshold() != null && !Scoring.passesThreshold(distance, hit.score(), query.scoreThreshold())) {
                break;
            }
            if (skipped++ < query.offset()) {
                continue;
            }
            Optional<Point> point = collection.points().get(hit.id());
            point.ifPresent(p -> result.add(new ScoredPoint(
                    PointRecord.of(p, query.withPayload(), query.withVector()), hit.score(), p.version())));
            if (result.size() == query.limit()) {
                break;
            }
        }
        return result;
    }

    private static List<ScoredId> nearest(LiveCollection collection, VectorIndex index, float[] q, int want,
                                          SearchQuery query, HnswConfig hnsw) {
        return DenseSearch.nearest(collection, index, hnsw, q, want, query.filter(), query.params(), null, null);
    }
}
