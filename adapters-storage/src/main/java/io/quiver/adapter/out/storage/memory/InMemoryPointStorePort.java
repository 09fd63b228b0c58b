package io.quiver.adapter.out.storage.memory;

import io.quiver.application.port.out.PointStore;
import io.quiver.application.port.out.PointStorePort;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/** Point stores that live in memory only: for tests and throw-away servers. */
public final class InMemoryPointStorePort implements PointStorePort {

    private final Map<String, Store> stores = new ConcurrentHashMap<>();

    @Override
    public PointStore open(String collection) {
        return stores.computeIfAbsent(collection, c -> new Store());
    }

    @Override
    public void drop(String collection) {
        stores.remove(collection);
    }

    @Override
    public void move(String from, String to) {
        Store store = stores.remove(from);
        if (store != null) {
            stores.put(to, store);
        }
    }

    private static final class Store implements PointStore {
        private final ConcurrentSkipListMap<PointId, Point> points = new ConcurrentSkipListMap<>();
        private volatile long lastOperationId;
        private volatile List<PayloadFieldSchema> payloadIndexes = List.of();

        @Override
        public List<PayloadFieldSchema> payloadIndexes() {
            return payloadIndexes;
        }

        @Override
        public synchronized void savePayloadIndexes(List<PayloadFieldSchema> schemas, long operationId) {
            payloadIndexes = List.copyOf(schemas);
            lastOperationId = operationId;
        }

        @Override
        public Optional<Point> get(PointId id) {
            return Optional.ofNullable(points.get(id));
        }

        @Override
        public synchronized void write(List<PointWrite> writes, long operationId) {
            for (PointWrite w : writes) {
                switch (w) {
                    case PointWrite.Put put -> points.put(put.point().id(), put.point().withVersion(operationId));
                    case PointWrite.Remove remove -> points.remove(remove.id());
                }
            }
            lastOperationId = operationId;
        }

        @Override
        public synchronized void restore(List<Point> restored, long operationId) {
            restored.forEach(p -> points.put(p.id(), p));
            lastOperationId = Math.max(lastOperationId, operationId);
        }

        @Override
        public long lastOperationId() {
            return lastOperationId;
        }

        @Override
        public long count() {
            return points.size();
        }

        @Override
        public void scan(PointId from, Predicate<Point> visitor) {
            for (Point p : (from == null ? points : points.tailMap(from, true)).values()) {
                if (!visitor.test(p)) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            // nothing to release: the data lives until the port drops it
        }
    }
}
