package io.quiver.application.service;

import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.point.PointId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Combines the ranked results of several prefetches into one ranking (hybrid search). */
final class Fusions {

    /** Qdrant's default rank constant for reciprocal rank fusion. */
    static final int DEFAULT_RRF_K = 2;

    /**
     * Reciprocal rank fusion: each list adds {@code weight / (k + rank)} for the points it holds, rank
     * counted from 1 in the list's own order.
     */
    List<ScoredId> rrf(List<QueryEngine.Ranked> inputs, Integer k, List<Float> weights, int limit) {
        if (weights != null && weights.size() != inputs.size()) {
            throw new BadRequestException("rrf weights must have one entry per prefetch: got " + weights.size()
                    + " weights for " + inputs.size() + " prefetches");
        }
        int kk = k == null ? DEFAULT_RRF_K : k;
        Map<PointId, Float> scores = new LinkedHashMap<>();
        for (int list = 0; list < inputs.size(); list++) {
            float weight = weights == null ? 1f : weights.get(list);
            List<ScoredId> hits = inputs.get(list).hits();
            for (int rank = 0; rank < hits.size(); rank++) {
                scores.merge(hits.get(rank).id(), weight / (kk + rank + 1f), Float::sum);
            }
        }
        return best(scores, limit);
    }

    /**
     * Distribution-based score fusion: each list's scores are normalised by its mean ± 3 standard
     * deviations into [0, 1] (higher better, distance lists turned around), then summed per point.
     */
    List<ScoredId> dbsf(List<QueryEngine.Ranked> inputs, int limit) {
        Map<PointId, Float> scores = new LinkedHashMap<>();
        for (QueryEngine.Ranked input : inputs) {
            List<ScoredId> hits = input.hits();
            if (hits.isEmpty()) {
                continue;
            }
            double mean = hits.stream().mapToDouble(ScoredId::score).average().orElse(0);
            double variance = hits.stream().mapToDouble(h -> (h.score() - mean) * (h.score() - mean)).sum()
                    / Math.max(1, hits.size() - 1);
            double std = Math.sqrt(variance);
            double low = mean - 3 * std;
            double high = mean + 3 * std;
            for (ScoredId h : hits) {
                double normalised = high == low ? 0.5 : (h.score() - low) / (high - low);
                normalised = Math.max(0, Math.min(1, normalised));
                if (!input.higherIsBetter()) {
                    normalised = 1 - normalised;
                }
                scores.merge(h.id(), (float) normalised, Float::sum);
            }
        }
        return best(scores, limit);
    }

    private static List<ScoredId> best(Map<PointId, Float> scores, int limit) {
        List<ScoredId> fused = new ArrayList<>();
        scores.forEach((id, score) -> fused.add(new ScoredId(id, score)));
        fused.sort(Comparator.comparing(ScoredId::score, Comparator.reverseOrder()).thenComparing(ScoredId::id));
        return fused.size() > limit ? fused.subList(0, limit) : fused;
    }
}
