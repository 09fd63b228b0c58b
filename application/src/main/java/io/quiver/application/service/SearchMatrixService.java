package io.quiver.application.service;

import io.quiver.application.port.in.SearchMatrixUseCase;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.collection.CollectionParams;
import io.quiver.domain.error.BadInputException;
import io.quiver.domain.filter.Condition;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.SearchParams;
import io.quiver.domain.point.VectorData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The distance matrix as Qdrant computes it (collection {@code distance_matrix.rs}): a random sample of the
 * points that pass the filter and carry the vector, sorted by id; for each sampled point a nearest search
 * among the sampled points for {@code limit + 1} hits, from which the point itself is removed (or, when it
 * is not among them, the last hit). Fewer than two sampled points give an empty matrix.
 */
final class SearchMatrixService implements SearchMatrixUseCase {

    private final CollectionRegistry registry;
    private final QueryEngine engine;

    SearchMatrixService(CollectionRegistry registry, QueryEngine engine) {
        this.registry = registry;
        this.engine = engine;
    }

    @Override
    public Matrix matrix(String collectionName, MatrixRequest request) {
        LiveCollection collection = registry.resolve(collectionName);
        String using = request.using();
        CollectionParams params = collection.config().params();
        if (!params.vectors().byName().containsKey(using) && !params.sparseVectorsOrEmpty().containsKey(using)) {
            throw new BadInputException("Not existing vector name error: " + using);
        }
        Filter filter = QueryEngine.and(request.filter(), Filter.must(new Condition.HasVector(using)));
        List<Point> sample = sample(collection, filter, request.sample());
        if (sample.size() < 2) {
            return Matrix.EMPTY;
        }
        sample.sort((a, b) -> a.id().compareTo(b.id()));
        List<PointId> ids = sample.stream().map(Point::id).toList();
        Set<PointId> sampled = new LinkedHashSet<>(ids);
        Filter onlySampled = new Filter(List.of(new Condition.HasId(sampled)), null, null, null);
        List<List<Neighbour>> nearest = new ArrayList<>(sample.size());
        int limitAndSelf = (int) Math.min((long) request.limit() + 1, Integer.MAX_VALUE);
        for (Point point : sample) {
            VectorData vector = point.vectors().get(using);
            List<ScoredId> hits = engine.nearestTo(collection, using, vector, onlySampled, SearchParams.DEFAULT,
                    null, null, limitAndSelf).hits();
            List<Neighbour> row = new ArrayList<>(hits.size());
            for (ScoredId hit : hits) {
                if (!hit.id().equals(point.id())) {
                    row.add(new Neighbour(hit.id(), hit.score()));
                }
            }
            if (row.size() == limitAndSelf) {
                row.removeLast();
            }
            nearest.add(row);
        }
        return new Matrix(ids, nearest);
    }

    /** Up to {@code size} points drawn uniformly at random among those passing {@code filter}. */
    private static List<Point> sample(LiveCollection collection, Filter filter, int size) {
        List<Point> reservoir = new ArrayList<>(Math.min(size, 1024)); // a client's size; grows as points come
        long[] seen = {0};
        ThreadLocalRandom random = ThreadLocalRandom.current();
        FilteredPoints.visit(collection, filter, null, p -> {
            seen[0]++;
            if (reservoir.size() < size) {
                reservoir.add(p);
            } else {
                long j = random.nextLong(seen[0]);
                if (j < size) {
                    reservoir.set((int) j, p);
                }
            }
            return true;
        });
        Collections.shuffle(reservoir, random);
        return reservoir;
    }
}
