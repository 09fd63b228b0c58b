package io.quiver.domain.point;

/** A search hit: the point as requested (payload/vectors per the query's selectors) and its score. */
public record ScoredPoint(PointRecord record, float score, long version) {
}
