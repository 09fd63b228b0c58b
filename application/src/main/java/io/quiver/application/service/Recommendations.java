package io.quiver.application.service;

import io.quiver.application.port.out.VectorIndex.ScoredId;
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

    QueryEngine.Ranked recommend(LiveCollection collection, Prefetch level, Filter filter, Set<PointId> restrictTo,
                                 Query.Recommend r, int limit) {
        String using = QueryEngine.using(level);
        VectorParams params = denseParams(collection, using);
        List<float[]> positives = resolveAll(collection, level, using, params, r.positive());
        List<float[]> negatives = resolveAll(collection, level, using, params, r.negative());
        List<QueryVector> all = new ArrayList<>(r.positive());
        all.addAll(r.negative());
        Set<PointId> exclude = QueryVectors.referencedIds(all, level.lookupFrom());
        Distance distance = params.distance();
        return switch (r.strategy()) {
            case AVERAGE_VECTOR -> {
                if (positives.isEmpty()) {
                    throw new BadRequestException("At least one positive vector ID required");
                }
                float[] query = average(positives);
                if (!negatives.isEmpty()) {
                    float[] negative = average(negatives);
                    for (int i = 0; i < query.length; i++) {
                        query[i] = query[i] + (query[i] - negative[i]);
                    }
                }
                yield engine.nearestTo(collection, using, new VectorData.Dense(query), filter, level.params(),
                        restrictTo, exclude, limit);
            }
            case BEST_SCORE -> scan(collection, filter, restrictTo, exclude, limit, using, v -> {
                float bestPositive = max(distance, v, positives);
                float bestNegative = max(distance, v, negatives);
                return bestPositive > bestNegative ? scaledFastSigmoid(bestPositive) : -scaledFastSigmoid(bestNegative);
            });
            case SUM_SCORES -> scan(collection, filter, restrictTo, exclude, limit, using, v -> {
                float sum = 0;
                for (float[] p : positives) {
                    sum += similarity.internal(distance, v, p);
                }
                for (float[] n : negatives) {
                    sum -= similarity.internal(distance, v, n);
                }
                return sum;
            });
        };
    }

    QueryEngine.Ranked discover(LiveCollection collection, Prefetch level, Filter filter, Set<PointId> restrictTo,
                                Query.Discover d, int limit) {
        String using = QueryEngine.using(level);
        VectorParams params = denseParams(collection, using);
        Distance distance = params.distance();
        float[] target = resolve(collection, level, using, params, d.target());
        List<float[][]> pairs = pairs(collection, level, using, params, d.context());
        List<QueryVector> refs = new ArrayList<>(List.of(d.target()));
        d.context().forEach(p -> {
            refs.add(p.positive());
            refs.add(p.negative());
        });
        return scan(collection, filter, restrictTo, QueryVectors.referencedIds(refs, level.lookupFrom()), limit, using,
                v -> {
                    int rank = 0;
                    for (float[][] pair : pairs) {
                        rank += similarity.internal(distance, v, pair[0]) > similarity.internal(distance, v, pair[1])
                                ? 1 : -1;
                    }
                    return rank + scaledFastSigmoid(similarity.internal(distance, v, target));
                });
    }

    QueryEngine.Ranked context(LiveCollection collection, Prefetch level, Filter filter, Set<PointId> restrictTo,
                               Query.Context c, int limit) {
        String using = QueryEngine.using(level);
        VectorParams params = denseParams(collection, using);
        Distance distance = params.distance();
        List<float[][]> pairs = pairs(collection, level, using, params, c.pairs());
        List<QueryVector> refs = new ArrayList<>();
        c.pairs().forEach(p -> {
            refs.add(p.positive());
            refs.add(p.negative());
        });
        return scan(collection, filter, restrictTo, QueryVectors.referencedIds(refs, level.lookupFrom()), limit, using,
                v -> {
                    float loss = 0;
                    for (float[][] pair : pairs) {
                        float difference = similarity.internal(distance, v, pair[0])
                                - similarity.internal(distance, v, pair[1]) - Math.ulp(1f);
                        loss += fastSigmoid(Math.min(difference, 0f));
                    }
                    return loss;
                });
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
            out.add(new float[][] {resolve(collection, level, using, params, p.positive()),
                    resolve(collection, level, using, params, p.negative())});
        }
        return out;
    }

    private List<float[]> resolveAll(LiveCollection collection, Prefetch level, String using, VectorParams params,
                                     List<QueryVector> examples) {
        List<float[]> out = new ArrayList<>();
        for (QueryVector v : examples) {
            out.add(resolve(collection, level, using, params, v));
        }
        return out;
    }

    private float[] resolve(LiveCollection collection, Prefetch level, String using, VectorParams params,
                            QueryVector v) {
        VectorData data = engine.vectors().resolve(v, collection, using, level.lookupFrom());
        if (!(data instanceof VectorData.Dense d)) {
            throw new BadInputException("Examples for vector `" + using + "` must be single dense vectors");
        }
        QueryEngine.checkDim(d.values().length, params.size());
        return similarity.scoring().preprocess(params.distance(), d.values());
    }

    private static float[] average(List<float[]> vectors) {
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
