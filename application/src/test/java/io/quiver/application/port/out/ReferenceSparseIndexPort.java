package io.quiver.application.port.out;

import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.query.Similarity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Sparse indexes that scan every point with the domain's exact formula ({@link Similarity#sparseDot},
 * IDF recomputed per query): the reference every inverted index is checked against, and the fake the
 * application's tests run on.
 */
public final class ReferenceSparseIndexPort implements SparseIndexPort {

    @Override
    public SparseIndex open(String collection, String vectorName) {
        return new Index();
    }

    @Override
    public void drop(String collection, String vectorName) {
    }

    /** Qdrant's order for search hits: higher score first, ties by id ascending. */
    public static final Comparator<ScoredId> BEST_FIRST = (a, b) -> {
        int byScore = Float.compare(b.score(), a.score());
        return byScore != 0 ? byScore : a.id().compareTo(b.id());
    };

    /**
     * The best {@code limit} of {@code stored} for {@code query}, computed the way the server did before
     * it had a sparse index: every point read, IDF counted over all of them, sparseDot for those sharing a
     * dimension with the query.
     */
    public static List<ScoredId> bruteForce(Map<PointId, VectorData.Sparse> stored, VectorData.Sparse query, int limit,
                                            boolean idf, Set<PointId> candidates, Predicate<PointId> accept) {
        Map<Integer, Float> weights = null;
        if (idf) {
            weights = new HashMap<>();
            for (int dimension : query.indices()) {
                long holding = 0;
                for (VectorData.Sparse s : stored.values()) {
                    if (holds(s, dimension)) {
                        holding++;
                    }
                }
                weights.put(dimension, Similarity.idf(stored.size(), holding));
            }
        }
        List<ScoredId> hits = new ArrayList<>();
        for (Map.Entry<PointId, VectorData.Sparse> e : stored.entrySet()) {
            PointId id = e.getKey();
            if ((candidates != null && !candidates.contains(id)) || (accept != null && !accept.test(id))) {
                continue;
            }
            if (Similarity.overlaps(query, e.getValue())) {
                float score = Similarity.sparseDot(query, e.getValue(), weights);
                if (!Float.isNaN(score)) {
                    hits.add(new ScoredId(id, score));
                }
            }
        }
        hits.sort(BEST_FIRST);
        return hits.size() > limit ? List.copyOf(hits.subList(0, Math.max(0, limit))) : hits;
    }

    private static boolean holds(VectorData.Sparse s, int dimension) {
        for (int i : s.indices()) {
            if (i == dimension) {
                return true;
            }
        }
        return false;
    }

    private static final class Index implements SparseIndex {
        private final Map<PointId, VectorData.Sparse> vectors = new TreeMap<>();

        @Override
        public synchronized void upsert(PointId id, VectorData.Sparse vector) {
            vectors.put(id, vector);
        }

        @Override
        public synchronized void remove(PointId id) {
            vectors.remove(id);
        }

        @Override
        public synchronized int size() {
            return vectors.size();
        }

        @Override
        public List<ScoredId> search(VectorData.Sparse query, int limit, boolean idf, Set<PointId> candidates,
                                     Predicate<PointId> accept) {
            Map<PointId, VectorData.Sparse> snapshot;
            synchronized (this) {
                snapshot = new TreeMap<>(vectors);
            }
            return bruteForce(snapshot, query, limit, idf, candidates, accept);
        }
    }
}
