package io.quiver.application.service;

import io.quiver.application.port.out.PayloadIndex;
import io.quiver.domain.filter.Condition;
import io.quiver.domain.filter.FieldCondition;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The filter planner for reads: conditions in a filter's top-level {@code must} that a payload index
 * (or a {@code has_id}) answers exactly become a candidate set; only candidates are read and checked
 * against the rest of the filter. Without such conditions every point is read.
 */
final class FilteredPoints {

    /** Candidates (null = every point) and what is left to check on each. */
    record Plan(NavigableSet<PointId> candidates, Filter residual) {
        boolean needsCheck() {
            return residual != null;
        }
    }

    private FilteredPoints() {
    }

    static Plan plan(LiveCollection collection, Filter filter) {
        if (filter == null) {
            return new Plan(null, null);
        }
        if (filter.must() == null || filter.must().isEmpty()) {
            return new Plan(null, filter);
        }
        Map<String, PayloadIndex> indexes = collection.payloadIndexes();
        List<Condition> residualMust = new ArrayList<>();
        Set<PointId> candidates = null;
        for (Condition c : filter.must()) {
            Optional<Set<PointId>> answered = answer(c, indexes);
            if (answered.isEmpty()) {
                residualMust.add(c);
                continue;
            }
            candidates = candidates == null ? new TreeSet<>(answered.get()) : intersect(candidates, answered.get());
        }
        if (candidates == null) {
            return new Plan(null, filter);
        }
        boolean nothingLeft = residualMust.isEmpty() && filter.should() == null && filter.mustNot() == null
                && filter.minShould() == null;
        Filter residual = nothingLeft ? null
                : new Filter(residualMust, filter.should(), filter.mustNot(), filter.minShould());
        return new Plan(candidates instanceof NavigableSet<PointId> n ? n : new TreeSet<>(candidates), residual);
    }

    private static Optional<Set<PointId>> answer(Condition c, Map<String, PayloadIndex> indexes) {
        if (c instanceof Condition.HasId has) {
            return Optional.of(has.ids());
        }
        if (c instanceof FieldCondition fc) {
            for (PayloadIndex index : indexes.values()) {
                if (index.schema().path().equals(fc.key())) {
                    Optional<Set<PointId>> m = index.matching(fc);
                    if (m.isPresent()) {
                        return m;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Set<PointId> intersect(Set<PointId> a, Set<PointId> b) {
        TreeSet<PointId> out = new TreeSet<>();
        Set<PointId> small = a.size() <= b.size() ? a : b;
        Set<PointId> large = small == a ? b : a;
        for (PointId id : small) {
            if (large.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** Visits the points passing {@code filter} in id order from {@code from} (inclusive), until false. */
    static void visit(LiveCollection collection, Filter filter, PointId from, Predicate<Point> visitor) {
        Plan plan = plan(collection, filter);
        if (plan.candidates() == null) {
            collection.points().scan(from, p -> !PointViews.matches(plan.residual(), p) || visitor.test(p));
            return;
        }
        for (PointId id : from == null ? plan.candidates() : plan.candidates().tailSet(from, true)) {
            Optional<Point> p = collection.points().get(id);
            if (p.isPresent() && PointViews.matches(plan.residual(), p.get()) && !visitor.test(p.get())) {
                return;
            }
        }
    }

    /** The number of points passing {@code filter}, reading points only where the indexes cannot tell. */
    static long count(LiveCollection collection, Filter filter) {
        Plan plan = plan(collection, filter);
        if (plan.candidates() == null && plan.residual() == null) {
            return collection.points().count();
        }
        if (plan.candidates() != null && !plan.needsCheck()) {
            long n = 0;
            for (PointId id : plan.candidates()) {
                if (collection.points().get(id).isPresent()) {
                    n++;
                }
            }
            return n;
        }
        long[] n = {0};
        visit(collection, filter, null, p -> {
            n[0]++;
            return true;
        });
        return n[0];
    }
}
