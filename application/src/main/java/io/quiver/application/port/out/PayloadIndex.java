package io.quiver.application.port.out;

import io.quiver.domain.filter.FieldCondition;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.point.PointId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One indexed payload field of one collection. Values are read at the schema's path with arrays opened
 * one level ({@code JsonPath.flattenedValues}), exactly as filter conditions read them; values of the
 * wrong kind for the index are not indexed (as in Qdrant). Safe for one writer and many readers.
 */
public interface PayloadIndex {

    PayloadFieldSchema schema();

    /** Indexes the point's current payload, replacing whatever was indexed for it before. */
    void put(PointId id, ObjectValue payload);

    void remove(PointId id);

    /** How many points have at least one indexed value. */
    long indexedPoints();

    /**
     * The ids of exactly the points this index says satisfy {@code condition} (whose key is this
     * index's field), or empty when this kind of index cannot answer that kind of condition.
     * For a text index, text/text_any/phrase use the index's tokenizer, as Qdrant does.
     */
    Optional<Set<PointId>> matching(FieldCondition condition);

    /** Upper bound of the points {@code condition} could match, for planning; -1 when unknown. */
    long estimate(FieldCondition condition);

    /**
     * For facets: each distinct value among the points {@code accept} lets through, with the number
     * of such points holding it (a point counts once per distinct value). Only keyword, integer,
     * bool and uuid indexes answer; others return an empty map.
     */
    Map<PayloadValue, Long> valueCounts(Predicate<PointId> accept);

    /**
     * For {@code order_by}: visits (value, id) pairs in value order — a point with several values is
     * visited once per value — starting at {@code startFrom} (inclusive; null = from the first), until
     * the visitor returns false. Ties keep id order. Only integer, float and datetime indexes answer:
     * integers as IntegerValue, floats as DoubleValue, datetimes as IntegerValue microseconds since the
     * epoch (UTC), which is what Qdrant reports as {@code order_value}. {@code startFrom} is in the same
     * unit.
     */
    void visitOrdered(boolean descending, Double startFrom, OrderedVisitor visitor);

    @FunctionalInterface
    interface OrderedVisitor {
        boolean visit(PayloadValue value, PointId id);
    }
}
