package io.quiver.application.port.out;

import io.quiver.domain.point.PointId;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Nearest-neighbour search over one dense vector space. Vectors arrive already preprocessed (Cosine
 * vectors normalised). A vector is searchable — exactly — as soon as {@link #upsert} returns; the graph
 * catches up in the background, and {@link #indexedCount()} tells how far it has got.
 * Safe for one writer and many concurrent searchers.
 */
public interface VectorIndex extends AutoCloseable {

    /** A search hit with Qdrant's score for the space's distance. */
    record ScoredId(PointId id, float score) {
    }

    /**
     * How a graph search uses quantized vectors, when the index has them (Qdrant's
     * {@code params.quantization} with its defaults applied): {@code ignore} them as far as the index can,
     * {@code rescore} the candidates with the original vectors, and pre-select {@code oversampling} times
     * the limit by quantized score before rescoring. Whatever the choice, reported scores are exact.
     */
    record QuantizedSearch(boolean ignore, boolean rescore, double oversampling) {

        /** Qdrant's defaults: use the quantized vectors, rescore, no oversampling. */
        public static final QuantizedSearch DEFAULT = new QuantizedSearch(false, true, 1.0);

        public QuantizedSearch {
            if (!(oversampling >= 1)) {
                throw new IllegalArgumentException("oversampling must be at least 1, got " + oversampling);
            }
        }

        /** How many candidates to pre-select by quantized score for {@code limit} hits: at least {@code limit}. */
        public int candidates(int limit) {
            if (!rescore) {
                return limit;
            }
            double wanted = Math.ceil(limit * oversampling);
            return wanted >= Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.max(limit, (int) wanted);
        }
    }

    /** Adds or replaces the point's vector. */
    void upsert(PointId id, float[] vector, long version);

    void remove(PointId id);

    /** The vector stored for {@code id}, or null. */
    float[] vector(PointId id);

    /** Number of vectors held. */
    int size();

    /** Number of vectors reachable through the graph (the rest are found by exact scan). */
    int indexedCount();

    /** False while background work (graph building, compaction) is pending: the collection reports yellow. */
    boolean upToDate();

    /**
     * The best {@code limit} vectors by exact scoring among those {@code accept} lets through (null: all),
     * or among {@code candidates} when given. Best first; ties by id.
     */
    List<ScoredId> searchExact(float[] query, int limit, Set<PointId> candidates, Predicate<PointId> accept);

    /**
     * Approximate search through the graph with beam width {@code ef}, plus an exact scan of vectors the
     * graph does not hold yet. {@code accept} (null: all) filters results; fewer than {@code limit} come back
     * only when fewer vectors pass it (the index widens its search, down to an exact scan, until enough
     * pass). Best first; ties by id.
     */
    List<ScoredId> searchGraph(float[] query, int limit, int ef, Predicate<PointId> accept);

    /**
     * {@link #searchGraph}, but over the vectors this index has indexed only (Qdrant's
     * {@code indexed_only}): vectors still waiting for the graph are skipped rather than scanned, so a
     * search never slows down behind a delayed index, at the price of missing the newest writes. An index
     * that indexes synchronously (no background work) is always fully indexed: the default searches
     * everything, as {@link #searchGraph} does.
     */
    default List<ScoredId> searchIndexed(float[] query, int limit, int ef, Predicate<PointId> accept) {
        return searchGraph(query, limit, ef, accept);
    }

    /**
     * {@link #searchGraph(float[], int, int, Predicate)} within {@code candidates} (null: every vector), the
     * ids the payload indexes let through, then {@code accept} (null: all). An index that can filter inside
     * its graph walk uses the candidate set directly; the default folds it into the predicate.
     */
    default List<ScoredId> searchGraph(float[] query, int limit, int ef, Set<PointId> candidates,
                                       Predicate<PointId> accept) {
        return searchGraph(query, limit, ef, within(candidates, accept));
    }

    /** {@link #searchIndexed(float[], int, int, Predicate)} within {@code candidates}, as {@link #searchGraph}. */
    default List<ScoredId> searchIndexed(float[] query, int limit, int ef, Set<PointId> candidates,
                                         Predicate<PointId> accept) {
        return searchIndexed(query, limit, ef, within(candidates, accept));
    }

    /**
     * {@link #searchGraph(float[], int, int, Set, Predicate)} using quantized vectors as {@code quantized}
     * says. An index without quantized vectors searches as it always does (the default).
     */
    default List<ScoredId> searchGraph(float[] query, int limit, int ef, Set<PointId> candidates,
                                       Predicate<PointId> accept, QuantizedSearch quantized) {
        return searchGraph(query, limit, ef, candidates, accept);
    }

    /** {@link #searchIndexed(float[], int, int, Set, Predicate)} using quantized vectors as {@code quantized} says. */
    default List<ScoredId> searchIndexed(float[] query, int limit, int ef, Set<PointId> candidates,
                                         Predicate<PointId> accept, QuantizedSearch quantized) {
        return searchIndexed(query, limit, ef, candidates, accept);
    }

    private static Predicate<PointId> within(Set<PointId> candidates, Predicate<PointId> accept) {
        if (candidates == null) {
            return accept;
        }
        return accept == null ? candidates::contains : id -> candidates.contains(id) && accept.test(id);
    }

    /**
     * Reconciles with the stored points after opening: {@code versions} gives each stored point's version
     * for this space; vectors the index lacks or holds at an older version are fetched from
     * {@code loader} and indexed, vectors of points no longer stored are removed.
     */
    void sync(java.util.Map<PointId, Long> versions, java.util.function.Function<PointId, float[]> loader);

    /** Persists the structure so that the next open need not rebuild it. */
    void persist();

    @Override
    void close();
}
