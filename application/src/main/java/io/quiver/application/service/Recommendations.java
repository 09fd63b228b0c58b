package io.quiver.application.service;

import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.query.ContextPair;
import io.quiver.domain.query.Prefetch;
import io.quiver.domain.query.Query;
import io.quiver.domain.query.QueryVector;
import io.quiver.domain.query.Similarity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Example-based queries on every vector kind — dense, sparse and multivector (see {@link ExampleSpace} for
 * each kind's similarity): recommend (average vector, best score, sum of scores), discovery (a target steered
 * by context pairs) and context search. Except for the average-vector strategy, which is a plain nearest
 * search, points are scored exactly with Qdrant's formulas over internal similarities (higher is better).
 */
final class Recommendations {

    private final QueryEngine engine;
    private final Similarity similarity;

    Recommendations(QueryEngine engine, Similarity similarity) {
        this.engine = engine;
        this.similarity = similarity;
    }

    /**
     * {@code exclude}: the ids the whole query reads vectors from, left out of the results.
     *
     * <p>Qdrant's strategies (collection {@code recommendations.rs}, segment {@code reco_query.rs}), over the
     * internal similarity of the space ({@link ExampleSpace}) — returned as is, never turned back into a distance:
     * <ul>
     *   <li>average_vector: a plain nearest search for {@code avg(pos) + (avg(pos) - avg(neg))} (just
     *       {@code avg(pos)} without negatives), averaging the examples as given — literal vectors raw, stored
     *       ones as stored — and normalising only the result; its scores are ordinary nearest scores. Sparse
     *       examples average over the union of their indices; multivectors are concatenated instead (negatives
     *       negated), as Qdrant does;</li>
     *   <li>best_score: with p and n the best similarity to any positive and to any negative (-inf when there
     *       are none), {@code sigmoid(p)} when {@code p > n}, else {@code -sigmoid(n)}, where
     *       {@code sigmoid(x) = 0.5 * (x / (1 + |x|) + 1)};</li>
     *   <li>sum_scores: the sum of the similarities to the positives minus the sum of those to the negatives.</li>
     * </ul>
     */
    QueryEngine.Ranked recommend(LiveCollection collection, Prefetch level, Filter filter, Set<PointId> restrictTo,
                                 Set<PointId> exclude, Query.Recommend r, int limit) {
        String using = QueryEngine.using(level);
        ExampleSpace space = ExampleSpace.of(collection, using, similarity);
        if (r.strategy() == Query.RecommendStrategy.AVERAGE_VECTOR) {
            if (r.positive().isEmpty()) {
                throw new BadRequestException("At least one positive vector ID required with this strategy");
            }
            VectorData query = space.averageQuery(resolveAll(collection, level, using, space, r.positive(), false),
                    resolveAll(collection, level, using, space, r.negative(), false));
            return engine.nearestTo(collection, using, query, filter, level.params(), restrictTo, exclude, limit);
        }
        List<VectorData> positives = resolveAll(collection, level, using, space, r.positive(), true);
        List<VectorData> negatives = resolveAll(collection, level, using, space, r.negative(), true);
        return switch (r.strategy()) {
            case AVERAGE_VECTOR -> throw new IllegalStateException("handled above");
            case BEST_SCORE -> scan(collection, filter, restrictTo, exclude, limit, using, space, v -> {
                float bestPositive = max(space, v, positives);
                float bestNegative = max(space, v, negatives);
                return bestScore(bestPositive, bestNegative);
            });
            case SUM_SCORES -> scan(collection, filter, restrictTo, exclude, limit, using, space, v -> {
                float positive = 0;
                for (VectorData p : positives) {
                    positive += space.similarity(p, v);
                }
                float negative = 0;
                for (VectorData n : negatives) {
                    negative += space.similarity(n, v);
                }
                return positive - negative;
            });
        };
    }

    /** best_score from the best positive and best negative similarity. */
    static float bestScore(float bestPositive, float bestNegative) {
        return bestPositive > bestNegative ? scaledFastSigmoid(bestPositive) : -scaledFastSigmoid(bestNegative);
    }

    /**
     * Qdrant's discovery score (segment {@code discovery_query.rs}): the rank — +1 for each context pair
     * whose positive is more similar than its negative, -1 otherwise (ties count -1) — plus
     * {@code sigmoid(similarity to the target)}, sigmoid as for best_score, so the integer part is the rank.
     */
    QueryEngine.Ranked discover(LiveCollection collection, Prefetch level, Filter filter, Set<PointId> restrictTo,
                                Set<PointId> exclude, Query.Discover d, int limit) {
        String using = QueryEngine.using(level);
        ExampleSpace space = ExampleSpace.of(collection, using, similarity);
        VectorData target = resolve(collection, level, using, space, d.target(), true);
        List<VectorData[]> pairs = pairs(collection, level, using, space, d.context());
        return scan(collection, filter, restrictTo, exclude, limit, using, space, v -> {
            int rank = 0;
            for (VectorData[] pair : pairs) {
                rank += space.similarity(pair[0], v) > space.similarity(pair[1], v) ? 1 : -1;
            }
            return discoveryScore(rank, space.similarity(target, v));
        });
    }

    static float discoveryScore(int rank, float targetSimilarity) {
        return rank + scaledFastSigmoid(targetSimilarity);
    }

    /**
     * Qdrant's context score (segment {@code context_query.rs}): per pair, {@code d = sim(positive) -
     * sim(negative) - f32::EPSILON} and a loss of {@code fast_sigmoid(min(d, 0))} (0 when the point is
     * clearly on the positive side, towards -1 otherwise), summed over the pairs; the best score is 0.
     */
    QueryEngine.Ranked context(LiveCollection collection, Prefetch level, Filter filter, Set<PointId> restrictTo,
                               Set<PointId> exclude, Query.Context c, int limit) {
        String using = QueryEngine.using(level);
        ExampleSpace space = ExampleSpace.of(collection, using, similarity);
        List<VectorData[]> pairs = pairs(collection, level, using, space, c.pairs());
        return scan(collection, filter, restrictTo, exclude, limit, using, space, v -> {
            float loss = 0;
            for (VectorData[] pair : pairs) {
                loss += contextLoss(space.similarity(pair[0], v), space.similarity(pair[1], v));
            }
            return loss;
        });
    }

    static float contextLoss(float positiveSimilarity, float negativeSimilarity) {
        float difference = positiveSimilarity - negativeSimilarity - Math.ulp(1f);
        return fastSigmoid(Math.min(difference, 0f));
    }

    private interface Scorer {
        float score(VectorData stored);
    }

    private static QueryEngine.Ranked scan(LiveCollection collection, Filter filter, Set<PointId> restrictTo,
                                           Set<PointId> exclude, int limit, String using, ExampleSpace space,
                                           Scorer scorer) {
        return new QueryEngine.Ranked(ExactScan.top(collection, filter, restrictTo, exclude, p -> {
            VectorData stored = p.vectors().get(using);
            return stored != null && space.holds(stored) ? scorer.score(stored) : null;
        }, limit, true), true);
    }

    private static float max(ExampleSpace space, VectorData v, List<VectorData> examples) {
        float best = Float.NEGATIVE_INFINITY;
        for (VectorData e : examples) {
            best = Math.max(best, space.similarity(e, v));
        }
        return best;
    }

    static float fastSigmoid(float x) {
        return x / (1 + Math.abs(x));
    }

    static float scaledFastSigmoid(float x) {
        return 0.5f * (fastSigmoid(x) + 1);
    }

    private List<VectorData[]> pairs(LiveCollection collection, Prefetch level, String using, ExampleSpace space,
                                     List<ContextPair> context) {
        List<VectorData[]> out = new ArrayList<>();
        for (ContextPair p : context) {
            out.add(new VectorData[] {resolve(collection, level, using, space, p.positive(), true),
                    resolve(collection, level, using, space, p.negative(), true)});
        }
        return out;
    }

    private List<VectorData> resolveAll(LiveCollection collection, Prefetch level, String using, ExampleSpace space,
                                        List<QueryVector> examples, boolean preprocess) {
        List<VectorData> out = new ArrayList<>();
        for (QueryVector v : examples) {
            out.add(resolve(collection, level, using, space, v, preprocess));
        }
        return out;
    }

    /** The example checked against the space; {@code preprocess}: in the form the scorers see it. */
    private VectorData resolve(LiveCollection collection, Prefetch level, String using, ExampleSpace space,
                               QueryVector v, boolean preprocess) {
        VectorData data = engine.vectors().resolve(v, collection, using, level.lookupFrom());
        return preprocess ? space.prepare(data) : space.check(data);
    }

    static float[] average(List<float[]> vectors) {
        float[] sum = new float[vectors.getFirst().length];
        for (float[] v : vectors) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= vectors.size();
        }
        return sum;
    }
}
