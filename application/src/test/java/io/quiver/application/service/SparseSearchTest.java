package io.quiver.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.quiver.application.Application;
import io.quiver.application.port.in.CreateCollectionUseCase.CreateCollectionCommand;
import io.quiver.application.port.in.ManageVectorNamesUseCase.VectorSpace;
import io.quiver.application.port.in.UpdatePointsUseCase.UpdatePointsCommand;
import io.quiver.application.port.out.FakeCollectionCatalog;
import io.quiver.application.port.out.PayloadIndexPort;
import io.quiver.application.port.out.ReferenceSparseIndexPort;
import io.quiver.application.port.out.SparseIndex;
import io.quiver.application.port.out.SparseIndexPort;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.collection.CollectionConfigReader;
import io.quiver.domain.collection.CollectionName;
import io.quiver.domain.collection.SparseVectorParams;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.filter.FilterReader;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.ScoredPoint;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.query.Prefetch;
import io.quiver.domain.query.Query;
import io.quiver.domain.query.QueryRequest;
import io.quiver.domain.query.QueryVector;
import io.quiver.domain.query.Similarity;
import io.quiver.domain.update.PointsSelector;
import io.quiver.domain.update.UpdateOperation;
import io.quiver.domain.vector.ScalarVectorMath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sparse nearest-neighbour queries through the query use case, answered by the sparse index: its content
 * follows every write, is rebuilt at start, follows vector names created and deleted; the filter reaches
 * it as planned candidates plus a residual check; scores are the exact formula's.
 */
class SparseSearchTest {

    /** Opens reference indexes and remembers them and what they were asked. */
    static final class RecordingSparseIndexes implements SparseIndexPort {
        final ReferenceSparseIndexPort delegate = new ReferenceSparseIndexPort();
        final Map<String, SparseIndex> opened = new LinkedHashMap<>();
        final List<String> dropped = new ArrayList<>();
        Set<PointId> lastCandidates;
        Predicate<PointId> lastAccept;

        @Override
        public SparseIndex open(String collection, String vectorName) {
            SparseIndex inner = delegate.open(collection, vectorName);
            SparseIndex index = new SparseIndex() {
                @Override
                public void upsert(PointId id, VectorData.Sparse vector) {
                    inner.upsert(id, vector);
                }

                @Override
                public void remove(PointId id) {
                    inner.remove(id);
                }

                @Override
                public int size() {
                    return inner.size();
                }

                @Override
                public List<ScoredId> search(VectorData.Sparse query, int limit, boolean idf, Set<PointId> candidates,
                                             Predicate<PointId> accept) {
                    lastCandidates = candidates;
                    lastAccept = accept;
                    return inner.search(query, limit, idf, candidates, accept);
                }
            };
            opened.put(collection + "/" + vectorName, index);
            return index;
        }

        @Override
        public void drop(String collection, String vectorName) {
            dropped.add(collection + "/" + vectorName);
        }
    }

    private final FakeCollectionCatalog catalog = new FakeCollectionCatalog();
    private final QueryTestBed.MemoryPointStores stores = new QueryTestBed.MemoryPointStores();
    private RecordingSparseIndexes sparse = new RecordingSparseIndexes();
    private Application app = start();

    private Application start() {
        return UseCaseFactory.create(new Application.Ports(catalog, stores, mock(PayloadIndexPort.class),
                new QueryTestBed.BruteForceIndexes(), new ScalarVectorMath(), sparse));
    }

    /** A server restart over the same catalog and point stores. */
    private void restart() {
        app.close();
        sparse = new RecordingSparseIndexes();
        app = start();
    }

    @AfterEach
    void close() {
        app.close();
    }

    private void create(String json) {
        app.createCollection().create(new CreateCollectionCommand(new CollectionName("s"),
                CollectionConfigReader.readCreate(PayloadMother.json(json))));
    }

    private void write(UpdateOperation op) {
        app.updatePoints().update(new UpdatePointsCommand("s", List.of(op), true));
    }

    private void upsert(Point... points) {
        write(new UpdateOperation.Upsert(List.of(points), null, null));
    }

    private static Point point(long id, String name, VectorData.Sparse vector, String payloadJson) {
        return new Point(PointId.of(id), Map.of(name, vector),
                payloadJson == null ? null : PayloadMother.json(payloadJson));
    }

    private static VectorData.Sparse sparse(int[] indices, float[] values) {
        return new VectorData.Sparse(indices, values);
    }

    private List<ScoredPoint> nearest(String using, VectorData.Sparse q, Filter filter, int limit) {
        return app.queryPoints().query("s", new QueryRequest(List.of(), new Query.Nearest(new QueryVector.Literal(q), null),
                using, filter, null, null, limit, 0, null, null, null));
    }

    private static Map<Long, Float> scores(List<ScoredPoint> hits) {
        Map<Long, Float> out = new LinkedHashMap<>();
        hits.forEach(h -> out.put(((PointId.NumericId) h.record().id()).value(), h.score()));
        return out;
    }

    private static Filter filter(String json) {
        return FilterReader.read(PayloadMother.json(json), "filter");
    }

    @Test
    void scoresOverlappingPointsOnlyWithIdfAndFollowsWrites() {
        create("""
                {"sparse_vectors": {"w": {"modifier": "idf"}}}""");
        upsert(point(1, "w", sparse(new int[] {1, 5}, new float[] {0.5f, 2}), null),
                point(2, "w", sparse(new int[] {5, 9}, new float[] {1, 4}), null),
                point(3, "w", sparse(new int[] {2, 3}, new float[] {1, 1}), null),
                new Point(PointId.of(4), Map.of(), null));
        VectorData.Sparse q = sparse(new int[] {1, 5, 9}, new float[] {1, 2, 0.5f});
        float idf1 = Similarity.idf(3, 1);
        float idf5 = Similarity.idf(3, 2);
        float idf9 = Similarity.idf(3, 1);
        Map<Long, Float> expected = new LinkedHashMap<>();
        expected.put(2L, 1 * 2 * idf5 + 4 * 0.5f * idf9); // 2.90: the rarer dimension 9 weighs more
        expected.put(1L, 0.5f * 1 * idf1 + 2 * 2 * idf5); // 2.37
        assertThat(scores(nearest("w", q, null, 10))).containsExactlyEntriesOf(expected);

        // an update moves point 3 onto the query's dimensions, a delete takes point 1 away
        upsert(point(3, "w", sparse(new int[] {9}, new float[] {1}), null));
        write(new UpdateOperation.Delete(new PointsSelector.ByIds(List.of(PointId.of(1)))));
        float idf5After = Similarity.idf(2, 1);
        float idf9After = Similarity.idf(2, 2);
        expected.clear();
        expected.put(2L, 1 * 2 * idf5After + 4 * 0.5f * idf9After);
        expected.put(3L, 1 * 0.5f * idf9After);
        assertThat(scores(nearest("w", q, null, 10))).containsExactlyEntriesOf(expected);

        // removing the sparse vector from a point takes it out of the index
        write(new UpdateOperation.DeleteVectors(new PointsSelector.ByIds(List.of(PointId.of(3))), List.of("w")));
        assertThat(scores(nearest("w", q, null, 10))).containsOnlyKeys(2L);
    }

    @Test
    void filtersReachTheIndexAsCandidatesAndAResidualCheck() {
        create("""
                {"sparse_vectors": {"w": {}}}""");
        for (int i = 1; i <= 20; i++) {
            upsert(point(i, "w", sparse(new int[] {7}, new float[] {i}), "{\"even\": " + (i % 2 == 0) + "}"));
        }
        VectorData.Sparse q = sparse(new int[] {7}, new float[] {1});
        assertThat(scores(nearest("w", q, filter("""
                {"must": [{"key": "even", "match": {"value": true}}]}"""), 3)).keySet()).containsExactly(20L, 18L, 16L);
        assertThat(sparse.lastCandidates).isNull();
        assertThat(sparse.lastAccept).isNotNull();

        assertThat(scores(nearest("w", q, filter("""
                {"must": [{"has_id": [1, 2, 3, 4]}, {"key": "even", "match": {"value": true}}]}"""), 3)).keySet())
                .containsExactly(4L, 2L);
        assertThat(sparse.lastCandidates).containsExactlyInAnyOrder(PointId.of(1), PointId.of(2), PointId.of(3),
                PointId.of(4));

        assertThat(scores(nearest("w", q, filter("""
                {"must": [{"has_id": [5, 6]}]}"""), 3)).keySet()).containsExactly(6L, 5L);
        assertThat(sparse.lastAccept).isNull();
    }

    @Test
    void prefetchResultsAndQueryExamplesNarrowTheSearch() {
        create("""
                {"sparse_vectors": {"w": {}}}""");
        for (int i = 1; i <= 10; i++) {
            upsert(point(i, "w", sparse(new int[] {1, 2}, new float[] {i, 10 - i}), null));
        }
        // prefetch by dimension 2 (best: 1, 2, 3), then rank those by dimension 1
        Prefetch prefetch = new Prefetch(List.of(), new Query.Nearest(new QueryVector.Literal(
                sparse(new int[] {2}, new float[] {1})), null), "w", null, null, null, 3, null);
        List<ScoredPoint> hits = app.queryPoints().query("s", new QueryRequest(List.of(prefetch),
                new Query.Nearest(new QueryVector.Literal(sparse(new int[] {1}, new float[] {1})), null),
                "w", null, null, null, 10, 0, null, null, null));
        assertThat(scores(hits).keySet()).containsExactly(3L, 2L, 1L);

        // a query by id leaves that point out
        List<ScoredPoint> byId = app.queryPoints().query("s", new QueryRequest(List.of(),
                new Query.Nearest(new QueryVector.ById(PointId.of(10)), null), "w", null, null, null, 3, 0,
                null, null, null));
        assertThat(scores(byId).keySet()).doesNotContain(10L).hasSize(3);
    }

    @Test
    void theIndexIsRebuiltFromTheStoredPointsAtStart() {
        create("""
                {"sparse_vectors": {"a": {"modifier": "idf"}, "b": {}}}""");
        Random random = new Random(5);
        Map<PointId, VectorData.Sparse> stored = new TreeMap<>();
        for (int i = 0; i < 200; i++) {
            VectorData.Sparse v = randomSparse(random);
            stored.put(PointId.of(i), v);
            upsert(new Point(PointId.of(i), Map.of("a", v, "b", v), null));
        }
        VectorData.Sparse q = randomSparse(random);
        List<ScoredPoint> before = nearest("a", q, null, 20);
        restart();
        assertThat(sparse.opened).containsOnlyKeys("s/a", "s/b");
        assertThat(sparse.opened.get("s/a").size()).isEqualTo(200);
        List<ScoredPoint> after = nearest("a", q, null, 20);
        assertThat(scores(after)).containsExactlyEntriesOf(scores(before));
        Map<Long, Float> expected = new LinkedHashMap<>();
        ReferenceSparseIndexPort.bruteForce(stored, q, 20, true, null, null)
                .forEach(h -> expected.put(((PointId.NumericId) h.id()).value(), h.score()));
        assertThat(scores(after)).containsExactlyEntriesOf(expected);
    }

    @Test
    void vectorNamesCreatedAndDeletedAtRuntimeGetAndLoseTheirIndex() {
        create("""
                {"vectors": {"size": 2, "distance": "Dot"}}""");
        app.vectorNames().createVectorName("s", "w", new VectorSpace(null, SparseVectorParams.DEFAULT), true);
        assertThat(sparse.opened).containsOnlyKeys("s/w");
        upsert(new Point(PointId.of(1), Map.of("", new VectorData.Dense(new float[] {1, 0}),
                "w", sparse(new int[] {3}, new float[] {2})), null));
        assertThat(scores(nearest("w", sparse(new int[] {3}, new float[] {1}), null, 5))).containsExactlyEntriesOf(
                Map.of(1L, 2f));

        app.vectorNames().deleteVectorName("s", "w", true);
        assertThat(sparse.dropped).contains("s/w");
        assertThat(nearestFails("w")).isTrue();
    }

    @Test
    void deletingTheCollectionDropsItsSparseIndexes() {
        create("""
                {"sparse_vectors": {"a": {}, "b": {}}}""");
        app.deleteCollection().delete("s");
        assertThat(sparse.dropped).contains("s/a", "s/b");
    }

    private boolean nearestFails(String using) {
        try {
            nearest(using, sparse(new int[] {3}, new float[] {1}), null, 5);
            return false;
        } catch (RuntimeException e) {
            return e.getMessage().contains("Not existing vector name");
        }
    }

    private static VectorData.Sparse randomSparse(Random random) {
        int length = 1 + random.nextInt(6);
        java.util.Set<Integer> dims = new java.util.TreeSet<>();
        while (dims.size() < length) {
            dims.add(random.nextInt(30));
        }
        int[] indices = dims.stream().mapToInt(Integer::intValue).toArray();
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return new VectorData.Sparse(indices, values);
    }
}
