package io.quiver.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.quiver.application.Application;
import io.quiver.application.port.in.CreateCollectionUseCase.CreateCollectionCommand;
import io.quiver.application.port.in.UpdatePointsUseCase.UpdatePointsCommand;
import io.quiver.application.port.out.FakeCollectionCatalog;
import io.quiver.application.port.out.PayloadIndexPort;
import io.quiver.application.port.out.ReferenceSparseIndexPort;
import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndexPort;
import io.quiver.domain.collection.CollectionConfigReader;
import io.quiver.domain.collection.CollectionName;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.SearchParams;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.query.Query;
import io.quiver.domain.query.QueryRequest;
import io.quiver.domain.query.QueryVector;
import io.quiver.domain.update.UpdateOperation;
import io.quiver.domain.vector.ScalarVectorMath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code params.indexed_only} reaches the vector index when the planner searches the graph. */
class IndexedOnlySearchTest {

    /** Brute-force indexes that log which search each call was. */
    static final class LoggingIndexes implements VectorIndexPort {
        final List<String> calls = new ArrayList<>();

        @Override
        public VectorIndex open(String collection, String vectorName, VectorIndexSpec spec) {
            VectorIndex inner = new QueryTestBed.BruteForceIndex(spec.distance());
            return new VectorIndex() {
                @Override
                public void upsert(PointId id, float[] vector, long version) {
                    inner.upsert(id, vector, version);
                }

                @Override
                public void remove(PointId id) {
                    inner.remove(id);
                }

                @Override
                public float[] vector(PointId id) {
                    return inner.vector(id);
                }

                @Override
                public int size() {
                    return inner.size();
                }

                @Override
                public int indexedCount() {
                    return inner.indexedCount();
                }

                @Override
                public boolean upToDate() {
                    return true;
                }

                @Override
                public List<ScoredId> searchExact(float[] query, int limit, Set<PointId> candidates,
                                                  Predicate<PointId> accept) {
                    calls.add("exact");
                    return inner.searchExact(query, limit, candidates, accept);
                }

                @Override
                public List<ScoredId> searchGraph(float[] query, int limit, int ef, Predicate<PointId> accept) {
                    calls.add("graph");
                    return inner.searchGraph(query, limit, ef, accept);
                }

                @Override
                public List<ScoredId> searchIndexed(float[] query, int limit, int ef, Predicate<PointId> accept) {
                    calls.add("indexed");
                    return inner.searchGraph(query, limit, ef, accept);
                }

                @Override
                public void sync(Map<PointId, Long> versions, Function<PointId, float[]> loader) {
                    inner.sync(versions, loader);
                }

                @Override
                public void persist() {
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void drop(String collection, String vectorName) {
        }
    }

    private static final int DIM = 4096;

    private final LoggingIndexes indexes = new LoggingIndexes();
    private final Application app = UseCaseFactory.create(new Application.Ports(new FakeCollectionCatalog(),
            new QueryTestBed.MemoryPointStores(), mock(PayloadIndexPort.class), indexes, new ScalarVectorMath(),
            new ReferenceSparseIndexPort()));

    @AfterEach
    void close() {
        app.close();
    }

    /**
     * The planner scores exactly up to full_scan_threshold KB of vectors: with 4096 dimensions (16 KB a
     * vector) and the smallest threshold (10 KB), one point; with a threshold of 10 000 KB, 625 points.
     */
    private void collection(String name, int fullScanThreshold) {
        app.createCollection().create(new CreateCollectionCommand(new CollectionName(name),
                CollectionConfigReader.readCreate(PayloadMother.json("{\"vectors\": {\"size\": " + DIM
                        + ", \"distance\": \"Dot\"}, \"hnsw_config\": {\"full_scan_threshold\": "
                        + fullScanThreshold + "}}"))));
        List<Point> points = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            float[] v = new float[DIM];
            v[0] = i;
            points.add(new Point(PointId.of(i), Map.of("", new VectorData.Dense(v)), null));
        }
        app.updatePoints().update(new UpdatePointsCommand(name, List.of(new UpdateOperation.Upsert(points, null, null)),
                true));
    }

    private List<String> query(String collection, SearchParams params) {
        indexes.calls.clear();
        app.queryPoints().query(collection, new QueryRequest(List.of(), new Query.Nearest(
                new QueryVector.Literal(new VectorData.Dense(new float[DIM])), null), null, null, params, null, 3, 0,
                null, null, null));
        return List.copyOf(indexes.calls);
    }

    /** The legacy search endpoint runs the same nearest query, read from its own request shape. */
    private List<String> search(String collection, SearchParams params) {
        return query(collection, params);
    }

    @Test
    void theGraphSearchIsIndexedOnlyWhenAsked() {
        collection("big", 10); // every search goes to the graph
        assertThat(query("big", new SearchParams(null, false, true, null))).containsExactly("indexed");
        assertThat(query("big", SearchParams.DEFAULT)).containsExactly("graph");
        assertThat(search("big", new SearchParams(null, false, true, null))).containsExactly("indexed");
        assertThat(search("big", SearchParams.DEFAULT)).containsExactly("graph");
    }

    @Test
    void exactSearchesIgnoreIndexedOnly() {
        collection("big", 10);
        assertThat(query("big", new SearchParams(null, true, true, null))).containsExactly("exact");
        collection("small", 10_000); // below the full-scan threshold: scanned exactly
        assertThat(query("small", new SearchParams(null, false, true, null))).containsExactly("exact");
    }
}
