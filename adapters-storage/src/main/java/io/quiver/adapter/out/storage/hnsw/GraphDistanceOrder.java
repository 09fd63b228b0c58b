package io.quiver.adapter.out.storage.hnsw;

import java.io.Serial;
import java.io.Serializable;
import java.util.Comparator;

/** Orders graph distances (smaller is closer); a named class so that the saved graph names only our types. */
final class GraphDistanceOrder implements Comparator<Float>, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final GraphDistanceOrder INSTANCE = new GraphDistanceOrder();

    private GraphDistanceOrder() {
    }

    @Override
    public int compare(Float a, Float b) {
        return Float.compare(a, b);
    }

    @Serial
    private Object readResolve() {
        return INSTANCE;
    }
}
