package io.quiver.application.service;

import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.PointId;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Where a nearest-neighbour search may look, as the filter planner ({@link FilteredPoints#plan}) sees it:
 * candidate ids from payload indexes and {@code has_id} (null: every point), narrowed to a level's
 * prefetch results, and a residual check on each id — what the indexes could not answer, plus the
 * query's own examples left out (null: nothing to check).
 */
record SearchScope(Set<PointId> candidates, Predicate<PointId> residual) {

    static SearchScope of(LiveCollection collection, Filter filter, Set<PointId> restrictTo, Set<PointId> exclude) {
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
        return new SearchScope(candidates, residual);
    }

    /** Candidates and residual as one predicate (null: every point passes). */
    Predicate<PointId> accept() {
        if (candidates == null) {
            return residual;
        }
        Set<PointId> ids = candidates;
        return residual == null ? ids::contains : id -> ids.contains(id) && residual.test(id);
    }

    private static Set<PointId> intersect(Set<PointId> a, Set<PointId> b) {
        Set<PointId> small = a.size() <= b.size() ? a : b;
        Set<PointId> large = small == a ? b : a;
        TreeSet<PointId> out = new TreeSet<>();
        for (PointId id : small) {
            if (large.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
