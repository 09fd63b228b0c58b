package io.quiver.application.service;

import io.quiver.application.port.out.PayloadIndex;
import io.quiver.application.port.out.SparseIndex;
import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.collection.CollectionParams;
import io.quiver.domain.collection.SparseVectorParams;
import io.quiver.domain.collection.VectorParams;
import io.quiver.domain.error.BadInputException;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.filter.Condition;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.point.OrderBy;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.query.Formula;
import io.quiver.domain.query.Prefetch;
import io.quiver.domain.query.Query;
import io.quiver.domain.query.Similarity;
import io.quiver.domain.vector.Distance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Runs one level of a universal query: its prefetches first (each with the parent's filter added), then
 * its own query over their union — or over the whole collection when there are none. Every level
 * returns at most {@code limit} ids, best first, with the level's scores.
 */
final class QueryEngine {

    /**
     * A level's results and whether a higher score is better for them; {@code orderValues} (null unless the
     * level is an {@code order_by} query) holds each hit's value of the ordering key, position by position.
     */
    record Ranked(List<ScoredId> hits, boolean higherIsBetter, List<PayloadValue> orderValues) {
        Ranked(List<ScoredId> hits, boolean higherIsBetter) {
            this(hits, higherIsBetter, null);
        }
    }

    private final QueryVectors vectors;
    private final Similarity similarity;
    private final Fusions fusions;

    QueryEngine(QueryVectors vectors, Similarity similarity) {
        this.vectors = vectors;
        this.similarity = similarity;
        this.fusions = new Fusions();
    }

    /**
     * Runs a whole query tree. As in Qdrant, every point a query level takes a vector from by id — in this
     * collection, i.e. without {@code lookup_from} or with a {@code lookup_from} naming this collection — is
     * left out of the results of every level, not just of the level that names it.
     */
    Ranked run(LiveCollection collection, Prefetch root) {
        return run(collection, root, null, excludedIds(collection, root));
    }

    private Ranked run(LiveCollection collection, Prefetch level, Filter inherited, Set<PointId> exclude) {
        validate(level);
        Filter filter = and(inherited, level.filter());
        List<Ranked> inputs = new ArrayList<>();
        for (Prefetch child : level.prefetch()) {
            inputs.add(run(collection, child, filter, exclude));
        }
        Ranked result = evaluate(collection, level, filter, inputs, exclude);
        if (level.query() instanceof Query.OrderByQuery) {
            return result; // no threshold (refused above); keeps the order values
        }
        // fused and formula scores equal to the threshold are kept too
        boolean inclusive = level.query() instanceof Query.Fusion || level.query() instanceof Query.Rrf
                || level.query() instanceof Query.FormulaQuery;
        return new Ranked(threshold(result, level.scoreThreshold(), inclusive), result.higherIsBetter());
    }

    /** Qdrant's checks on each level of a universal query. */
    private static void validate(Prefetch level) {
        if (!level.prefetch().isEmpty() && level.query() == null) {
            throw new BadRequestException("A query is needed to merge the prefetches. Can't have prefetches"
                    + " without defining a query.");
        }
        if (level.scoreThreshold() != null && level.query() instanceof Query.OrderByQuery) {
            throw new BadRequestException("Can't use score_threshold with an order_by query.");
        }
        if (level.scoreThreshold() != null && level.query() == null) {
            throw new BadRequestException("A query is needed to use the score_threshold. Can't have"
                    + " score_threshold without defining a query.");
        }
        if ((level.query() instanceof Query.Fusion || level.query() instanceof Query.Rrf)
                && level.using() != null && !level.using().isEmpty()) {
            throw new BadRequestException("Fusion queries cannot be combined with the 'using' field.");
        }
    }

    /** The ids the levels of the tree read vectors from in this collection (see {@link #run(LiveCollection, Prefetch)}). */
    static Set<PointId> excludedIds(LiveCollection collection, Prefetch level) {
        Set<PointId> ids = new HashSet<>();
        collectReferencedIds(collection.name(), level, ids);
        return ids;
    }

    private static void collectReferencedIds(String collectionName, Prefetch level, Set<PointId> ids) {
        boolean otherCollection = level.lookupFrom() != null
                && !level.lookupFrom().collection().equals(collectionName);
        if (!otherCollection && level.query() != null) {
            ids.addAll(QueryVectors.referencedIds(level.query()));
        }
        for (Prefetch child : level.prefetch()) {
            collectReferencedIds(collectionName, child, ids);
        }
    }

    private Ranked evaluate(LiveCollection collection, Prefetch level, Filter filter, List<Ranked> inputs,
                            Set<PointId> exclude) {
        Query query = level.query();
        Set<PointId> restrictTo = inputs.isEmpty() ? null : union(inputs);
        int limit = level.limit();
        if (query == null) {
            // Qdrant answers a level without a query like a scroll: ids ascending, every score 1.0.
            return new Ranked(byId(collection, filter, limit), true);
        }
        return switch (query) {
            case Query.Fusion f -> {
                requirePrefetch(inputs, "Fusion");
                yield new Ranked(f.method() == Query.FusionMethod.RRF ? fusions.rrf(inputs, null, null, limit)
                        : fusions.dbsf(inputs, limit), true);
            }
            case Query.Rrf r -> {
                requirePrefetch(inputs, "Fusion");
                yield new Ranked(fusions.rrf(inputs, r.k(), r.weights(), limit), true);
            }
            case Query.Nearest n -> nearest(collection, level, filter, restrictTo, exclude, n, limit);
            case Query.Recommend r -> new Recommendations(this, similarity).recommend(collection, level, filter,
                    restrictTo, exclude, r, limit);
            case Query.Discover d -> new Recommendations(this, similarity).discover(collection, level, filter,
                    restrictTo, exclude, d, limit);
            case Query.Context c -> new Recommendations(this, similarity).context(collection, level, filter,
                    restrictTo, exclude, c, limit);
            case Query.Sample s -> new Ranked(sample(collection, filter, restrictTo, limit), true);
            case Query.OrderByQuery o -> ordered(collection, o.orderBy(), filter, restrictTo, exclude, limit);
            case Query.FormulaQuery f -> {
                requirePrefetch(inputs, "Formula");
                yield new Ranked(formula(collection, f.formula(), inputs, limit), true);
            }
        };
    }

    private Ranked nearest(LiveCollection collection, Prefetch level, Filter filter, Set<PointId> restrictTo,
                           Set<PointId> exclude, Query.Nearest n, int limit) {
        if (n.mmr() != null) {
            return new Mmr(this, similarity).rerank(collection, level, filter, restrictTo, exclude, n, limit);
        }
        String using = using(level);
        VectorData query = vectors.resolve(n.vector(), collection, using, level.lookupFrom());
        return nearestTo(collection, using, query, filter, level.params(), restrictTo, exclude, limit);
    }

    /** Nearest neighbours of a literal vector in the named space, whatever its kind. */
    Ranked nearestTo(LiveCollection collection, String using, VectorData query, Filter filter,
                     io.quiver.domain.point.SearchParams params, Set<PointId> restrictTo, Set<PointId> exclude,
                     int limit) {
        CollectionParams config = collection.config().params();
        VectorParams dense = config.vectors().byName().get(using);
        if (dense != null) {
            Distance distance = dense.distance();
            if (dense.multivector() != null) {
                float[][] rows = switch (query) {
                    case VectorData.Multi m -> m.vectors();
                    case VectorData.Dense d -> new float[][] {d.values()};
                    case VectorData.Sparse s -> throw sparseIntoDense(using);
                };
                float[][] q = new float[rows.length][];
                for (int i = 0; i < rows.length; i++) {
                    checkDim(rows[i].length, dense.size());
                    q[i] = similarity.scoring().preprocess(distance, rows[i]);
                }
                return new Ranked(ExactScan.top(collection, filter, restrictTo, exclude,
                        p -> p.vectors().get(using) instanceof VectorData.Multi m ? similarity.maxSim(distance, q, m.vectors())
                                : null, limit, distance.higherIsBetter()), distance.higherIsBetter());
            }
            float[] values = switch (query) {
                case VectorData.Dense d -> d.values();
                case VectorData.Multi m -> throw new BadInputException(
                        "Vector `" + using + "` holds single vectors: query it with a single vector, not a multivector");
                case VectorData.Sparse s -> throw sparseIntoDense(using);
            };
            checkDim(values.length, dense.size());
            float[] q = similarity.scoring().preprocess(distance, values);
            VectorIndex index = collection.vectorIndexes().get(using);
            List<ScoredId> hits = DenseSearch.nearest(collection, index, DenseSearch.hnswOf(collection, dense), q, limit,
                    filter, params, restrictTo, exclude);
            return new Ranked(hits, distance.higherIsBetter());
        }
        SparseVectorParams sparse = config.sparseVectorsOrEmpty().get(using);
        if (sparse != null) {
            if (!(query instanceof VectorData.Sparse q)) {
                throw new BadInputException("Vector `" + using + "` is sparse: query it with {\"indices\", \"values\"}");
            }
            SparseIndex index = collection.sparseIndexes().get(using);
            if (index == null) {
                return new Ranked(List.of(), true); // a space being created: no point holds it yet
            }
            // the inverted index scores only points sharing a dimension with the query, as Qdrant does
            SearchScope scope = SearchScope.of(collection, filter, restrictTo, exclude);
            return new Ranked(index.search(q, limit, sparse.usesIdf(), scope.candidates(), scope.residual()), true);
        }
        throw new BadInputException("Not existing vector name error: " + using);
    }

    QueryVectors vectors() {
        return vectors;
    }

    static String using(Prefetch level) {
        return level.using() == null ? "" : level.using();
    }

    static void checkDim(int got, long expected) {
        if (got != expected) {
            throw new BadInputException("Vector dimension error: expected dim: " + expected + ", got " + got);
        }
    }

    private static BadInputException sparseIntoDense(String using) {
        return new BadInputException("Vector `" + using + "` is dense: a sparse query cannot be compared with it");
    }

    /** Fusion and formula levels work on prefetched points only (Qdrant's planner error). */
    private static void requirePrefetch(List<Ranked> inputs, String kind) {
        if (inputs.isEmpty()) {
            throw new BadInputException("Validation failed: cannot apply " + kind + " without prefetches");
        }
    }

    private static List<ScoredId> byId(LiveCollection collection, Filter filter, int limit) {
        List<ScoredId> hits = new ArrayList<>();
        FilteredPoints.visit(collection, filter, null, p -> {
            hits.add(new ScoredId(p.id(), 1.0f));
            return hits.size() < limit;
        });
        return hits;
    }

    /**
     * An {@code order_by} level as Qdrant serves it, by a scroll over the key's range index: values in the
     * index's order from {@code start_from} on, a point once per value it holds, every score 1.0 (the value
     * is the hit's {@code order_value}); over the prefetched points when there are prefetches.
     */
    private static Ranked ordered(LiveCollection collection, OrderBy orderBy, Filter filter, Set<PointId> restrictTo,
                                  Set<PointId> exclude, int limit) {
        PayloadIndex index = ScrollPointsService.rangeIndex(collection, orderBy);
        Predicate<PointId> accept = SearchScope.of(collection, filter, restrictTo, exclude).accept();
        List<ScoredId> hits = new ArrayList<>();
        List<PayloadValue> values = new ArrayList<>();
        if (limit > 0) {
            index.visitOrdered(orderBy.descending(), orderBy.startFrom(), (value, id) -> {
                if ((accept == null || accept.test(id)) && collection.points().get(id).isPresent()) {
                    hits.add(new ScoredId(id, 1.0f));
                    values.add(value);
                }
                return hits.size() < limit;
            });
        }
        return new Ranked(hits, true, values);
    }

    /**
     * A formula level as Qdrant rescores it (segment {@code formula_rescore.rs}): every point of the union of
     * the prefetches' results is scored by the formula, {@code $score[i]} being its score in prefetch i, and
     * the best {@code limit} are kept, highest first (ties by id). One failing point fails the query.
     */
    private static List<ScoredId> formula(LiveCollection collection, Formula formula, List<Ranked> inputs,
                                          int limit) {
        List<Map<PointId, Float>> scores = new ArrayList<>(inputs.size());
        for (Ranked input : inputs) {
            Map<PointId, Float> byId = new HashMap<>();
            input.hits().forEach(h -> byId.put(h.id(), h.score()));
            scores.add(byId);
        }
        List<ScoredId> rescored = new ArrayList<>();
        for (PointId id : union(inputs)) {
            Optional<Point> point = collection.points().get(id);
            if (point.isPresent()) {
                float score = formula.score(PointViews.of(point.get()),
                        i -> i < scores.size() ? scores.get(i).get(id) : null);
                rescored.add(new ScoredId(id, score));
            }
        }
        rescored.sort(Comparator.comparing(ScoredId::score, Comparator.reverseOrder()).thenComparing(ScoredId::id));
        return rescored.size() > limit ? List.copyOf(rescored.subList(0, limit)) : rescored;
    }

    /** Qdrant samples like a random scroll: every score is 1.0. */
    private static List<ScoredId> sample(LiveCollection collection, Filter filter, Set<PointId> restrictTo, int limit) {
        List<PointId> ids = new ArrayList<>();
        if (restrictTo != null) {
            ids.addAll(restrictTo);
        } else {
            FilteredPoints.visit(collection, filter, null, p -> ids.add(p.id()));
        }
        java.util.Collections.shuffle(ids);
        return ids.stream().limit(limit).map(id -> new ScoredId(id, 1.0f)).toList();
    }

    private static Set<PointId> union(List<Ranked> inputs) {
        Set<PointId> ids = new LinkedHashSet<>();
        inputs.forEach(r -> r.hits().forEach(h -> ids.add(h.id())));
        return ids;
    }

    /**
     * Qdrant keeps a score strictly better than the threshold, except after fusion, where a fused score
     * equal to the threshold is kept too.
     */
    private static List<ScoredId> threshold(Ranked ranked, Float threshold, boolean inclusive) {
        if (threshold == null) {
            return ranked.hits();
        }
        return ranked.hits().stream().filter(h -> inclusive && h.score() == threshold
                || (ranked.higherIsBetter() ? h.score() > threshold : h.score() < threshold)).toList();
    }

    /** Both filters at once; plain must-lists are merged so that the planner still sees indexable conditions. */
    static Filter and(Filter a, Filter b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        List<Condition> must = new ArrayList<>();
        for (Filter f : List.of(a, b)) {
            boolean mustOnly = f.should() == null && f.mustNot() == null && f.minShould() == null;
            if (mustOnly) {
                if (f.must() != null) {
                    must.addAll(f.must());
                }
            } else {
                must.add(new Condition.NestedFilter(f));
            }
        }
        return new Filter(must, null, null, null);
    }

    static Map<PointId, Point> load(LiveCollection collection, List<ScoredId> hits) {
        Map<PointId, Point> points = new LinkedHashMap<>();
        for (ScoredId h : hits) {
            collection.points().get(h.id()).ifPresent(p -> points.put(h.id(), p));
        }
        return points;
    }
}
