package io.quiver.application.service;

import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Scores stored points one by one with any scoring function: for vector kinds without a graph (sparse,
 * multivector) and for query kinds a graph cannot answer (best_score, discover, context).
 */
final class ExactScan {

    /** A point's score, or null when the point cannot be scored (it lacks the vector). */
    @FunctionalInterface
    interface PointScorer {
        Float score(Point point);
    }

    private ExactScan() {
    }

    static List<ScoredId> top(LiveCollection collection, Filter filter, Set<PointId> restrictTo, Set<PointId> exclude,
                              PointScorer scorer, int want, boolean higherIsBetter) {
        Comparator<ScoredId> bestFirst = (a, b) -> {
            int byScore = higherIsBetter ? Float.compare(b.score(), a.score()) : Float.compare(a.score(), b.score());
            return byScore != 0 ? byScore : a.id().compareTo(b.id());
        };
        PriorityQueue<ScoredId> worstOnTop = new PriorityQueue<>(Math.max(1, want + 1), bestFirst.reversed());
        java.util.function.Consumer<Point> consider = p -> {
            if (exclude != null && exclude.contains(p.id())) {
                return;
            }
            Float score = scorer.score(p);
            if (score == null || score.isNaN()) {
                return;
            }
            worstOnTop.add(new ScoredId(p.id(), score));
            if (worstOnTop.size() > want) {
                worstOnTop.poll();
            }
        };
        if (restrictTo != null) {
            for (PointId id : restrictTo) {
                Optional<Point> p = collection.points().get(id);
                if (p.isPresent() && PointViews.matches(filter, p.get())) {
                    consider.accept(p.get());
                }
            }
        } else {
            FilteredPoints.visit(collection, filter, null, p -> {
                consider.accept(p);
                return true;
            });
        }
        List<ScoredId> out = new ArrayList<>(worstOnTop);
        out.sort(bestFirst);
        return out;
    }
}
