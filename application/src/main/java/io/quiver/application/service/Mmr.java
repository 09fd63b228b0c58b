package io.quiver.application.service;

import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.query.Prefetch;
import io.quiver.domain.query.Query;
import io.quiver.domain.query.Similarity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maximal marginal relevance as Qdrant runs it (collection {@code mmr/maximal_marginal_relevance.rs}), on
 * every vector kind (see {@link ExampleSpace} for each kind's similarity):
 * <ul>
 *   <li>candidates: the nearest {@code candidates_limit} points (default: the level's {@code limit}, taken
 *       as given even when smaller than the limit);</li>
 *   <li>relevance: the internal similarity of the query to a candidate (dense: dot product of normalised
 *       vectors, negated squared Euclidean or negated Manhattan distance; sparse: plain dot product, no IDF;
 *       multivector: max-sim with the query's rows), likewise between candidates — the similarity of
 *       candidate {@code i} to pick {@code j} taking {@code i} as the query side (collection
 *       {@code mmr/lazy_matrix.rs});</li>
 *   <li>the first pick is the most relevant candidate; each next pick maximises
 *       {@code λ * relevance - (1 - λ) * max similarity to the picks so far}, with {@code λ = 1 - diversity}
 *       (diversity defaults to 0.5);</li>
 *   <li>results come in pick order with their original nearest-search score (not the MMR score).</li>
 * </ul>
 */
final class Mmr {

    static final float DEFAULT_DIVERSITY = 0.5f;

    private final QueryEngine engine;
    private final Similarity similarity;

    Mmr(QueryEngine engine, Similarity similarity) {
        this.engine = engine;
        this.similarity = similarity;
    }

    QueryEngine.Ranked rerank(LiveCollection collection, Prefetch level, Filter filter, Set<PointId> restrictTo,
                              Set<PointId> exclude, Query.Nearest nearest, int limit) {
        String using = QueryEngine.using(level);
        ExampleSpace space = ExampleSpace.of(collection, using, similarity);
        VectorData query = engine.vectors().resolve(nearest.vector(), collection, using, level.lookupFrom());
        int candidatesLimit = nearest.mmr().candidatesLimit() == null ? limit : nearest.mmr().candidatesLimit();
        float diversity = nearest.mmr().diversity() == null ? DEFAULT_DIVERSITY : nearest.mmr().diversity();
        QueryEngine.Ranked candidates = engine.nearestTo(collection, using, query, filter, level.params(), restrictTo,
                exclude, candidatesLimit);
        Map<PointId, Point> points = QueryEngine.load(collection, candidates.hits());
        List<ScoredId> hits = new ArrayList<>();
        List<VectorData> vectors = new ArrayList<>();
        for (ScoredId c : candidates.hits()) {
            Point p = points.get(c.id());
            VectorData v = p == null ? null : p.vectors().get(using);
            if (v != null && space.holds(v)) {
                hits.add(c);
                vectors.add(v);
            }
        }
        if (hits.size() < 2) {
            return new QueryEngine.Ranked(hits, candidates.higherIsBetter());
        }
        VectorData q = space.prepare(query);
        float[] relevance = new float[hits.size()];
        for (int i = 0; i < relevance.length; i++) {
            relevance[i] = space.similarity(q, vectors.get(i));
        }
        List<ScoredId> result = new ArrayList<>();
        for (int pick : select(relevance, (i, j) -> space.similarity(vectors.get(i), vectors.get(j)),
                1 - diversity, limit)) {
            result.add(hits.get(pick));
        }
        return new QueryEngine.Ranked(result, candidates.higherIsBetter());
    }

    /** Similarity between candidates {@code i} and {@code j}. */
    @FunctionalInterface
    interface PairSimilarity {
        float between(int i, int j);
    }

    /** The greedy MMR selection: candidate indexes in pick order, at most {@code limit}. */
    static List<Integer> select(float[] relevance, PairSimilarity pairs, float lambda, int limit) {
        List<Integer> picked = new ArrayList<>();
        boolean[] taken = new boolean[relevance.length];
        float[] maxSimilarity = new float[relevance.length];
        while (picked.size() < Math.min(limit, relevance.length)) {
            int best = -1;
            float bestScore = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < relevance.length; i++) {
                if (taken[i]) {
                    continue;
                }
                float score = picked.isEmpty() ? relevance[i]
                        : lambda * relevance[i] - (1 - lambda) * maxSimilarity[i];
                if (best < 0 || score > bestScore) {
                    best = i;
                    bestScore = score;
                }
            }
            taken[best] = true;
            for (int i = 0; i < relevance.length; i++) {
                if (!taken[i]) {
                    float s = pairs.between(i, best);
                    maxSimilarity[i] = picked.isEmpty() ? s : Math.max(maxSimilarity[i], s);
                }
            }
            picked.add(best);
        }
        return picked;
    }
}
