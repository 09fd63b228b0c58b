package io.quiver.domain.query;

import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;

/** A vector given in a query: literal (dense, sparse, multi) or by reference to a stored point's vector. */
public sealed interface QueryVector {

    record Literal(VectorData vector) implements QueryVector {
    }

    /** "Use this point's vector"; the point itself is then left out of the results, as in Qdrant. */
    record ById(PointId id) implements QueryVector {
    }
}
