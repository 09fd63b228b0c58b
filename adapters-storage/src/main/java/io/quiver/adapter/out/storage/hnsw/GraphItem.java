package io.quiver.adapter.out.storage.hnsw;

import com.github.jelmerk.hnswlib.core.Item;
import io.quiver.domain.point.PointId;

/**
 * One node's payload in the graph: the point, its (preprocessed) vector and the graph's own write
 * sequence number as hnswlib's version. That sequence only ever grows, so hnswlib never rejects an
 * overwrite or a removal as "older than what it holds", whatever versions the caller uses.
 * Never Java-serialized: {@link GraphItemSerializer} writes it field by field.
 */
record GraphItem(PointId id, float[] vector, long version) implements Item<PointId, float[]> {

    @Override
    public int dimensions() {
        return vector.length;
    }
}
