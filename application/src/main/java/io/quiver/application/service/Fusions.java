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
     * Reciprocal rank fusion as Qdrant computes it (segment {@code reciprocal_rank_fusion.rs}): the hit at
     * 0-based position {@code p} of a list with weight {@code w} adds {@code 1 / ((p + 1) / w + k - 1)},
     * which is {@code 1 / (p + k)} for the default weight 1 — so the top hit of one list scores 0.5 with the
     * default k = 2. A weight of 0 or less contributes nothing. Only the order of each list counts.
     */
    List<ScoredId> rrf(List<QueryEngine.Ranked> inputs, Integer k, List<Float> weights, int limit) {
        if (weights != null && weights.size() != inputs.size()) {
            throw new BadRequestException("Number of weights in RRF should match number of pre-fetches: got "
                    + weights.size() + ", expected " + inputs.size());
        }
        int kk = k == null ? DEFAULT_RRF_K : k;
        Map<PointId, Float> scores = new LinkedHashMap<>();
        for (int list = 0; list < inputs.size(); list++) {
            float weight = weights == null ? 1f : weights.get(list);
            List<ScoredId> hits = inputs.get(list).hits();
            for (int position = 0; position < hits.size(); position++) {
                scores.merge(hits.get(position).id(), rrfScore(position, kk, weight), Float::sum);
            }
        }
        return best(scores, limit);
    }

    static float rrfScore(int position, int k, float weight) {
        if (weight <= 0f) {
            return 0f;
        }
        return 1f / ((position + 1) / weight + k - 1f);
    }

    /**
     * Distribution-based score fusion as Qdrant computes it (segment {@code score_fusion.rs}): each list's
     * scores are mapped linearly so that mean - 3σ → 0 and mean + 3σ → 1 (σ from the sample variance,
     * Welford in f32; not clamped, so outliers fall outside [0, 1]); a one-hit list scores 0.5, and so does
     * every hit of a list whose bounds coincide. The normalised scores are summed per point.
     *
     * <p>Like Qdrant 1.19, lists of distances (Euclid, Manhattan) are normalised as they are, smaller
     * distances getting smaller scores — qdrant/qdrant#10611 reports this as a bug; it is kept here so that
     * fused rankings match Qdrant's.
     */
    List<ScoredId> dbsf(List<QueryEngine.Ranked> inputs, int limit) {
        Map<PointId, Float> scores = new LinkedHashMap<>();
        for (QueryEngine.Ranked input : inputs) {
            List<ScoredId> hits = input.hits();
            if (hits.size() == 1) {
                scores.merge(hits.getFirst().id(), 0.5f, Float::sum);
                continue;
            }
            if (hits.isEmpty()) {
                continue;
            }
            float mean = 0f;
            float aggregate = 0f;
            int k = 0;
            for (ScoredId h : hits) {
                k++;
                float oldDelta = h.score() - mean;
                mean += oldDelta / k;
                aggregate += oldDelta * (h.score() - mean);
            }
            float std = (float) Math.sqrt(aggregate / (hits.size() - 1f));
            float low = mean - 3f * std;
            float high = mean + 3f * std;
            for (ScoredId h : hits) {
                float normalised = low == high ? 0.5f : (h.score() - low) / (high - low);
                scores.merge(h.id(), normalised, Float::sum);
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
