package io.quiver.application.service;

import static org.mockito.Mockito.mock;

import io.quiver.application.Application;
import io.quiver.application.port.in.CreateCollectionUseCase.CreateCollectionCommand;
import io.quiver.application.port.in.UpdatePointsUseCase.UpdatePointsCommand;
import io.quiver.application.port.out.FakeCollectionCatalog;
import io.quiver.application.port.out.PayloadIndexPort;
import io.quiver.application.port.out.PointStore;
import io.quiver.application.port.out.PointStorePort;
import io.quiver.application.port.out.ReferenceSparseIndexPort;
import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndexPort;
import io.quiver.domain.collection.CollectionConfigReader;
import io.quiver.domain.collection.CollectionName;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.update.UpdateOperation;
import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.ScalarVectorMath;
import io.quiver.domain.vector.Scoring;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The application core over in-memory ports — a map for points, brute-force vector indexes — so that
 * query tests run the real engine on a handful of hand-made points.
 */
final class QueryTestBed implements AutoCloseable {

    final Application app;

    QueryTestBed() {
        app = UseCaseFactory.create(new Application.Ports(new FakeCollectionCatalog(), new MemoryPointStores(),
                mock(PayloadIndexPort.class), new BruteForceIndexes(), new ScalarVectorMath(),
                new ReferenceSparseIndexPort()));
    }

    QueryTestBed collection(String name, String configJson) {
        app.createCollection().create(new CreateCollectionCommand(new CollectionName(name),
                CollectionConfigReader.readCreate(PayloadMother.json(configJson))));
        return this;
    }

    QueryTestBed upsert(String collection, Point... points) {
        app.updatePoints().update(new UpdatePointsCommand(collection,
                List.of(new UpdateOperation.Upsert(List.of(points), null, null)), true));
        return this;
    }

    static Point point(long id, float[] vector, String payloadJson) {
        return point(id, Map.of("", new VectorData.Dense(vector)), payloadJson);
    }

    static Point point(long id, Map<String, VectorData> vectors, String payloadJson) {
        ObjectValue payload = payloadJson == null ? null : PayloadMother.json(payloadJson);
        return new Point(PointId.of(id), vectors, payload);
    }

    static float[] v(float... values) {
        return values;
    }

    @Override
    public void close() {
        app.close();
    }

    /** Point stores as sorted maps. */
    static final class MemoryPointStores implements PointStorePort {
        private final Map<String, MemoryPointStore> stores = new ConcurrentHashMap<>();

        @Override
        public PointStore open(String collection) {
            return stores.computeIfAbsent(collection, c -> new MemoryPointStore());
        }

        @Override
        public void drop(String collection) {
            stores.remove(collection);
        }
    }

    static final class MemoryPointStore implements PointStore {
        private final TreeMap<PointId, Point> points = new TreeMap<>();
        private long lastOperation;
        private List<PayloadFieldSchema> indexes = List.of();

        @Override
        public synchronized Optional<Point> get(PointId id) {
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
            lastOperation = operationId;
        }

        @Override
        public synchronized long lastOperationId() {
            return lastOperation;
        }

        @Override
        public synchronized long count() {
            return points.size();
        }

        @Override
        public void scan(PointId from, Predicate<Point> visitor) {
            List<Point> snapshot;
            synchronized (this) {
                snapshot = new ArrayList<>((from == null ? points : points.tailMap(from, true)).values());
            }
            for (Point p : snapshot) {
                if (!visitor.test(p)) {
                    return;
                }
            }
        }

        @Override
        public List<PayloadFieldSchema> payloadIndexes() {
            return indexes;
        }

        @Override
        public void savePayloadIndexes(List<PayloadFieldSchema> schemas, long operationId) {
            indexes = List.copyOf(schemas);
        }

        @Override
        public void close() {
        }
    }

    /** Exact scoring only; the "graph" search is the exact search. */
    static final class BruteForceIndexes implements VectorIndexPort {
        @Override
        public VectorIndex open(String collection, String vectorName, VectorIndexSpec spec) {
            return new BruteForceIndex(spec.distance());
        }

        @Override
        public void drop(String collection, String vectorName) {
        }
    }

    static final class BruteForceIndex implements VectorIndex {
        private final Distance distance;
        private final Scoring scoring = new Scoring(new ScalarVectorMath());
        private final Map<PointId, float[]> vectors = new LinkedHashMap<>();

        BruteForceIndex(Distance distance) {
            this.distance = distance;
        }

        @Override
        public synchronized void upsert(PointId id, float[] vector, long version) {
            vectors.put(id, vector);
        }

        @Override
        public synchronized void remove(PointId id) {
            vectors.remove(id);
        }

        @Override
        public synchronized float[] vector(PointId id) {
            return vectors.get(id);
        }

        @Override
        public synchronized int size() {
            return vectors.size();
        }

        @Override
        public int indexedCount() {
            return size();
        }

        @Override
        public boolean upToDate() {
            return true;
        }

        @Override
        public synchronized List<ScoredId> searchExact(float[] query, int limit, Set<PointId> candidates,
                                                       Predicate<PointId> accept) {
            List<ScoredId> hits = new ArrayList<>();
            vectors.forEach((id, v) -> {
                if ((candidates == null || candidates.contains(id)) && (accept == null || accept.test(id))) {
                    hits.add(new ScoredId(id, scoring.score(distance, query, v)));
                }
            });
            Comparator<ScoredId> byScore = Comparator.comparing(ScoredId::score);
            hits.sort((distance.higherIsBetter() ? byScore.reversed() : byScore).thenComparing(ScoredId::id));
            return hits.size() > limit ? hits.subList(0, limit) : hits;
        }

        @Override
        public List<ScoredId> searchGraph(float[] query, int limit, int ef, Predicate<PointId> accept) {
            return searchExact(query, limit, null, accept);
        }

        @Override
        public synchronized void sync(Map<PointId, Long> versions, Function<PointId, float[]> loader) {
            versions.keySet().forEach(id -> vectors.put(id, loader.apply(id)));
        }

        @Override
        public void persist() {
        }

        @Override
        public void close() {
        }
    }
}
