package io.quiver.application.service;

import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.collection.HnswConfig;
import io.quiver.domain.collection.VectorParams;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.SearchParams;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The dense search planner: a small collection or a small filtered candidate set is scored exactly;
 * otherwise the graph is searched with the filter applied to its results, falling back to an exact scan
 * when too few pass.
 */
final class DenseSearch {

    private DenseSearch() {
    }

    static HnswConfig hnswOf(LiveCollection collection, VectorParams params) {
        HnswConfig base = collection.config().hnswConfig();
        return params.hnswConfig() == null ? base : base.with(params.hnswConfig());
    }

    /**
     * Best {@code want} ids by the preprocessed query {@code q}. {@code restrictTo} (nullable) limits the
     * search to those ids (prefetch results); {@code exclude} drops ids (the query's own examples).
     */
    static List<ScoredId> nearest(LiveCollection collection, VectorIndex index, HnswConfig hnsw, float[] q, int want,
                                  Filter filter, SearchParams params, Set<PointId> restrictTo, Set<PointId> exclude) {
        FilteredPoints.Plan plan = FilteredPoints.plan(collection, filter);
        Set<PointId> candidates = plan.candidates();
        if (restrictTo != null) {
            candidates = candidates == null ? restrictTo : intersect(candidates, restrictTo);
        }
        Predicate<PointId> residual = plan.needsCheck()
                ? id -> collection.points().get(id).map(p -> PointViews.matches(plan.residual(), p)).orElse(false)
                : null;
        if (exclude != null && !exclude.isEmpty()) {
            Predicate<PointId> notExcluded = id -> !exclude.contains(id);
            residual = residual == null ? notExcluded : residual.and(notExcluded);
        }
        long fullScanPoints = Math.max(1, (long) hnsw.fullScanThreshold() * 1024 / (4L * q.length));
        boolean small = index.size() <= fullScanPoints || (candidates != null && candidates.size() <= fullScanPoints);
        if (params.exact() || small) {
            return index.searchExact(q, want, candidates, residual);
        }
        Set<PointId> finalCandidates = candidates;
        Predicate<PointId> finalResidual = residual;
        Predicate<PointId> accept = candidates == null ? residual
                : residual == null ? candidates::contains
                : id -> finalCandidates.contains(id) && finalResidual.test(id);
        int ef = Math.max(params.hnswEf() != null ? params.hnswEf() : hnsw.efConstruct(), want);
        List<ScoredId> hits = index.searchGraph(q, want, ef, accept);
        if (accept != null && hits.size() < want) {
            return index.searchExact(q, want, finalCandidates, finalResidual);
        }
        return hits;
    }

    private static Set<PointId> intersect(Set<PointId> a, Set<PointId> b) {
        Set<PointId> small = a.size() <= b.size() ? a : b;
        Set<PointId> large = small == a ? b : a;
        java.util.TreeSet<PointId> out = new java.util.TreeSet<>();
        for (PointId id : small) {
            if (large.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
