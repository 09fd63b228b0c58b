package io.quiver.application.service;

import io.quiver.domain.collection.VectorParams;
import io.quiver.domain.error.BadInputException;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.query.ContextPair;
import io.quiver.domain.query.Prefetch;
import io.quiver.domain.query.Query;
import io.quiver.domain.query.QueryVector;
import io.quiver.domain.query.Similarity;
import io.quiver.domain.vector.Distance;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Example-based queries on dense vectors: recommend (average vector, best score, sum of scores),
 * discovery (a target steered by context pairs) and context search. Except for the average-vector
 * strategy, which is a plain nearest search, points are scored exactly with Qdrant's formulas over
 * internal similarities (higher is better).
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
     * internal similarity — the dot product of (Cosine: normalised) vectors, the negated squared Euclidean
     * distance, the negated Manhattan distance — returned as is, never turned back into a distance:
     * <ul>
     *   <li>average_vector: a plain nearest search for {@code avg(pos) + (avg(pos) - avg(neg))} (just
     *       {@code avg(pos)} without negatives), averaging the examples as given — literal vectors raw, stored
     *       ones as stored — and normalising only the result; its scores are ordinary nearest scores;</li>
     *   <li>best_score: with p and n the best similarity to any positive and to any negative (-inf when there
     *       are none), {@code sigmoid(p)} when {@code p > n}, else {@code -sigmoid(n)}, where
     *       {@code sigmoid(x) = 0.5 * (x / (1 + |x|) + 1)};</li>
     *   <li>sum_scores: the sum of the similarities to the positives minus the sum of those to the negatives.</li>
     * </ul>
     */
    QueryEngine.Ranked recommend(LiveCollection collection, Prefetch level, Filter filter, Set<PointId> restrictTo,
                                 Set<PointId> exclude, Query.Recommend r, int limit) {
        String using = QueryEngine.using(level);
        VectorParams params = denseParams(collection, using);
        Distance distance = params.distance();
        if (r.strategy() == Query.RecommendStrategy.AVERAGE_VECTOR) {
            if (r.positive().isEmpty()) {
                throw new BadRequestException("At least one positive vector ID required with this strategy");
            }
            float[] query = average(resolveAll(collection, level, using, params, r.positive(), false));
            if (!r.negative().isEmpty()) {
                float[] negative = average(resolveAll(collection, level, using, params, r.negative(), false));
                for (int i = 0; i < query.length; i++) {
                    query[i] = query[i] + (query[i] - negative[i]);
                }
            }
            return engine.nearestTo(collection, using, new VectorData.Dense(query), filter, level.params(),
                    restrictTo, exclude, limit);
        }
        List<float[]> positives = resolveAll(collection, level, using, params, r.positive(), true);
        List<float[]> negatives = resolveAll(collection, level, using, params, r.negative(), true);
        return switch (r.strategy()) {
            case AVERAGE_VECTOR -> throw new IllegalStateException("handled above");
            case BEST_SCORE -> scan(collection, filter, restrictTo, exclude, limit, using, v -> {
                float bestPositive = max(distance, v, positives);
                float bestNegative = max(distance, v, negatives);
                return bestScore(bestPositive, bestNegative);
            });
            case SUM_SCORES -> scan(collection, filter, restrictTo, exclude, limit, using, v -> {
                float positive = 0;
                for (float[] p : positives) {
                    positive += similarity.internal(distance, v, p);
                }
                float negative = 0;
                for (float[] n : negatives) {
                    negative += similarity.internal(distance, v, n);
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
        VectorParams params = denseParams(collection, using);
        Distance distance = params.distance();
        float[] target = resolve(collection, level, using, params, d.target(), true);
        List<float[][]> pairs = pairs(collection, level, using, params, d.context());
        return scan(collection, filter, restrictTo, exclude, limit, using, v -> {
            int rank = 0;
            for (float[][] pair : pairs) {
                rank += similarity.internal(distance, v, pair[0]) > similarity.internal(distance, v, pair[1]) ? 1 : -1;
            }
            return discoveryScore(rank, similarity.internal(distance, v, target));
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
        VectorParams params = denseParams(collection, using);
        Distance distance = params.distance();
        List<float[][]> pairs = pairs(collection, level, using, params, c.pairs());
        return scan(collection, filter, restrictTo, exclude, limit, using, v -> {
            float loss = 0;
            for (float[][] pair : pairs) {
                loss += contextLoss(similarity.internal(distance, v, pair[0]), similarity.internal(distance, v, pair[1]));
            }
            return loss;
        });
    }

    static float contextLoss(float positiveSimilarity, float negativeSimilarity) {
        float difference = positiveSimilarity - negativeSimilarity - Math.ulp(1f);
        return fastSigmoid(Math.min(difference, 0f));
    }

    private interface DenseScorer {
        float score(float[] vector);
    }

    private static QueryEngine.Ranked scan(LiveCollection collection, Filter filter, Set<PointId> restrictTo,
                                           Set<PointId> exclude, int limit, String using, DenseScorer scorer) {
        return new QueryEngine.Ranked(ExactScan.top(collection, filter, restrictTo, exclude,
                p -> p.vectors().get(using) instanceof VectorData.Dense d ? scorer.score(d.values()) : null,
                limit, true), true);
    }

    private float max(Distance distance, float[] v, List<float[]> examples) {
        float best = Float.NEGATIVE_INFINITY;
        for (float[] e : examples) {
            best = Math.max(best, similarity.internal(distance, v, e));
        }
        return best;
    }

    static float fastSigmoid(float x) {
        return x / (1 + Math.abs(x));
    }

    static float scaledFastSigmoid(float x) {
        return 0.5f * (fastSigmoid(x) + 1);
    }

    private static VectorParams denseParams(LiveCollection collection, String using) {
        VectorParams params = collection.config().params().vectors().byName().get(using);
        if (params == null) {
            if (collection.config().params().sparseVectorsOrEmpty().containsKey(using)) {
                throw new BadRequestException("recommend, discover and context queries on sparse vectors are not"
                        + " supported yet by this server");
            }
            throw new BadInputException("Not existing vector name error: " + using);
        }
        if (params.multivector() != null) {
            throw new BadRequestException("recommend, discover and context queries on multivectors are not"
                    + " supported yet by this server");
        }
        return params;
    }

    private List<float[][]> pairs(LiveCollection collection, Prefetch level, String using, VectorParams params,
                                  List<ContextPair> context) {
        List<float[][]> out = new ArrayList<>();
        for (ContextPair p : context) {
            out.add(new float[][] {resolve(collection, level, using, params, p.positive(), true),
                    resolve(collection, level, using, params, p.negative(), true)});
        }
        return out;
    }

    private List<float[]> resolveAll(LiveCollection collection, Prefetch level, String using, VectorParams params,
                                     List<QueryVector> examples, boolean preprocess) {
        List<float[]> out = new ArrayList<>();
        for (QueryVector v : examples) {
            out.add(resolve(collection, level, using, params, v, preprocess));
        }
        return out;
    }

    /** The example as a dense vector; {@code preprocess}: normalised for Cosine, as the scorers see it. */
    private float[] resolve(LiveCollection collection, Prefetch level, String using, VectorParams params,
                            QueryVector v, boolean preprocess) {
        VectorData data = engine.vectors().resolve(v, collection, using, level.lookupFrom());
        if (!(data instanceof VectorData.Dense d)) {
            throw new BadInputException("Examples for vector `" + using + "` must be single dense vectors");
        }
        QueryEngine.checkDim(d.values().length, params.size());
        return preprocess ? similarity.scoring().preprocess(params.distance(), d.values()) : d.values();
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
