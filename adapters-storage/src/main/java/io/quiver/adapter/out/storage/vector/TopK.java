package io.quiver.adapter.out.storage.vector;

import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.Scoring;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Keeps the best {@code k} (id, score) pairs seen, best first on the way out; ties go to the smaller id. */
public final class TopK {

    private final Comparator<ScoredId> bestFirst;
    private final PriorityQueue<ScoredId> worstOnTop;
    private final int k;
    private final Distance distance;

    public TopK(Distance distance, int k) {
        this.k = k;
        this.distance = distance;
        this.bestFirst = (a, b) -> {
            int byScore = Scoring.compareBestFirst(distance, a.score(), b.score());
            return byScore != 0 ? byScore : a.id().compareTo(b.id());
        };
        // a huge limit (a client's) must not allocate up front: the queue grows with what is offered
        this.worstOnTop = new PriorityQueue<>(Math.max(1, Math.min(k, 1024) + 1), bestFirst.reversed());
    }

    public void offer(PointId id, float score) {
        if (k <= 0) {
            return;
        }
        if (worstOnTop.size() < k) {
            worstOnTop.add(new ScoredId(id, score));
            return;
        }
        ScoredId worst = worstOnTop.peek();
        if (Scoring.compareBestFirst(distance, score, worst.score()) > 0) {
            return; // strictly worse than the worst kept: the common case of a scan, decided without allocating
        }
        ScoredId candidate = new ScoredId(id, score);
        if (bestFirst.compare(candidate, worst) < 0) {
            worstOnTop.poll();
            worstOnTop.add(candidate);
        }
    }

    public List<ScoredId> best() {
        List<ScoredId> out = new ArrayList<>(worstOnTop);
        out.sort(bestFirst);
        return out;
    }

    public Comparator<ScoredId> order() {
        return bestFirst;
    }
}
