package io.quiver.application.port.out;

import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An inverted index over one sparse vector space: for every dimension, the points holding it with their
 * weights. A point is searchable as soon as {@link #upsert} returns. Safe for one writer and many
 * concurrent searchers.
 */
public interface SparseIndex {

    /** Adds or replaces the point's vector (an empty vector counts: the point holds the space). */
    void upsert(PointId id, VectorData.Sparse vector);

    void remove(PointId id);

    /** Number of points holding a vector in this space. */
    int size();

    /**
     * The best {@code limit} points by dot product with {@code query} over the dimensions they share with
     * it; points sharing no dimension with the query are not returned (as in Qdrant), whatever their score
     * would be. With {@code idf}, each query dimension is weighed by Qdrant's inverse document frequency
     * {@code ln(1 + (N - n + 0.5) / (n + 0.5))}, N being {@link #size()} and n the number of points holding
     * the dimension, both at the time of the search.
     *
     * <p>{@code candidates} (null: all) limits the search to those ids; {@code accept} (null: all) filters
     * the rest. Best first; ties by id ascending. The score of a point is exactly, bit for bit,
     * {@code Similarity.sparseDot(query, vector, weights)} with the IDF weights as floats.
     */
    List<ScoredId> search(VectorData.Sparse query, int limit, boolean idf, Set<PointId> candidates,
                          Predicate<PointId> accept);
}
