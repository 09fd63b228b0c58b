package io.quiver.application.service;

import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.collection.VectorParams;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.query.Prefetch;
import io.quiver.domain.query.Query;
import io.quiver.domain.query.Similarity;
import io.quiver.domain.vector.Distance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maximal marginal relevance: take the nearest {@code candidates_limit} points, then pick greedily the
 * one that best balances relevance to the query against similarity to those already picked.
 */
final class Mmr {

    private static final float DEFAULT_DIVERSITY = 0.5f;

    private final QueryEngine engine;
    private final Similarity similarity;

    Mmr(QueryEngine engine, Similarity similarity) {
        this.engine = engine;
        this.similarity = similarity;
    }

    QueryEngine.Ranked rerank(LiveCollection collection, Prefetch level, Filter filter, Set<PointId> restrictTo,
                              Query.Nearest nearest, int limit) {
        String using = QueryEngine.using(level);
        VectorParams params = collection.config().params().vectors().byName().get(using);
        if (params == null || params.multivector() != null) {
            throw new BadRequestException("mmr is supported on single dense vectors only");
        }
        Distance distance = params.distance();
        VectorData query = engine.vectors().resolve(nearest.vector(), collection, using, level.lookupFrom());
        int candidatesLimit = nearest.mmr().candidatesLimit() == null ? limit
                : Math.max(limit, nearest.mmr().candidatesLimit());
        float diversity = nearest.mmr().diversity() == null ? DEFAULT_DIVERSITY : nearest.mmr().diversity();
        QueryEngine.Ranked candidates = engine.nearestTo(collection, using, query, filter, level.params(), restrictTo,
                QueryVectors.referencedIds(List.of(nearest.vector()), level.lookupFrom()), candidatesLimit);
        Map<PointId, Point> points = QueryEngine.load(collection, candidates.hits());
        List<ScoredId> remaining = new ArrayList<>(candidates.hits());
        remaining.removeIf(c -> !(points.get(c.id()) != null && points.get(c.id()).vectors().get(using) instanceof VectorData.Dense));
        List<float[]> picked = new ArrayList<>();
        List<ScoredId> result = new ArrayList<>();
        while (!remaining.isEmpty() && result.size() < limit) {
            ScoredId best = null;
            float bestScore = Float.NEGATIVE_INFINITY;
            float[] bestVector = null;
            for (ScoredId c : remaining) {
                float[] v = ((VectorData.Dense) points.get(c.id()).vectors().get(using)).values();
                float relevance = similarity.internal(distance, v, queryVector(query, distance));
                float redundancy = Float.NEGATIVE_INFINITY;
                for (float[] p : picked) {
                    redundancy = Math.max(redundancy, similarity.internal(distance, v, p));
                }
                float score = picked.isEmpty() ? (1 - diversity) * relevance
                        : (1 - diversity) * relevance - diversity * redundancy;
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                    bestVector = v;
                }
            }
            remaining.remove(best);
            picked.add(bestVector);
            result.add(best);
        }
        return new QueryEngine.Ranked(result, candidates.higherIsBetter());
    }

    private float[] queryVector(VectorData query, Distance distance) {
        return similarity.scoring().preprocess(distance, ((VectorData.Dense) query).values());
    }
}
