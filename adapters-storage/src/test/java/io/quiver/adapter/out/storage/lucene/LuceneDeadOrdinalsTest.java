package io.quiver.adapter.out.storage.lucene;

import static io.quiver.adapter.out.storage.lucene.LuceneTestData.assertBestFirstAndDistinct;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.assertReferenceScores;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.assertScoresAreExact;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.bruteForce;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.id;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.recall;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An overwrite appends a new ordinal and kills the old one, which stays in the graph as a routing node;
 * a delete kills the point's ordinal. Neither may ever answer a search: no deleted point comes back, no
 * point comes back twice (old and new ordinal), and a hit's score is its new vector's. Compaction is
 * switched off so that the dead ordinals stay; the background slices run by hand, so the test sees both
 * the state before the graph has taken the new vectors and the one after.
 */
class LuceneDeadOrdinalsTest {

    private static final int DIM = 32;
    private static final int N = 3_000;
    private static final int K = 10;
    private static final LuceneVectorIndex.Tuning NO_COMPACTION =
            new LuceneVectorIndex.Tuning(Integer.MAX_VALUE, 0.2, 256, TimeUnit.MILLISECONDS.toNanos(50));

    private final LuceneTestData.ManualExecutor background = new LuceneTestData.ManualExecutor();
    private LuceneVectorIndex index;

    @AfterEach
    void close() {
        if (index != null) {
            index.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Distance.class, names = {"COSINE", "EUCLID"})
    void overwrittenAndDeletedOrdinalsNeverSurface(Distance distance) {
        LuceneTestData data = LuceneTestData.clustered(71, N, 30, DIM, 30, distance);
        LuceneTestData moved = LuceneTestData.clustered(72, N, 0, DIM, 30, distance);
        index = LuceneVectorIndex.open(new VectorIndexSpec(DIM, distance, 16, 100), "test/dead-" + distance, null,
                background, NO_COMPACTION);
        Map<PointId, float[]> expected = new LinkedHashMap<>();
        for (int i = 0; i < N; i++) {
            index.upsert(id(i), data.vectors[i], 1);
            expected.put(id(i), data.vectors[i]);
        }
        background.runAll();
        assertThat(index.indexedCount()).isEqualTo(N);

        // overwrite half with new vectors, delete a quarter (half of them among the overwritten)
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(73));
        Set<PointId> overwritten = new HashSet<>();
        Set<PointId> deleted = new HashSet<>();
        List<float[]> oldVectors = new ArrayList<>();
        for (int i : order.subList(0, N / 2)) {
            index.upsert(id(i), moved.vectors[i], 2);
            expected.put(id(i), moved.vectors[i]);
            overwritten.add(id(i));
            oldVectors.add(data.vectors[i]);
        }
        for (int i : order.subList(3 * N / 8, 5 * N / 8)) {
            index.remove(id(i));
            expected.remove(id(i));
            deleted.add(id(i));
            overwritten.remove(id(i));
        }
        assertThat(index.size()).isEqualTo(N - N / 4);
        assertThat(index.deadOrdinals()).isEqualTo(N / 2 + N / 4);

        // queries at the old places (where a dead ordinal would be the best hit) and elsewhere
        List<float[]> queries = new ArrayList<>(oldVectors.subList(0, 40));
        queries.addAll(List.of(data.queries));
        Set<PointId> touched = new HashSet<>(overwritten);
        touched.addAll(deleted);
        touched.add(id(order.get(N - 1))); // untouched
        Predicate<PointId> evenOrTouched = id -> touched.contains(id) || ((PointId.NumericId) id).value() % 2 == 0;

        // before the graph has the new vectors: they are found by the scan of pending ordinals
        assertThat(index.indexedCount()).isEqualTo(N / 2 - N / 8); // neither overwritten nor deleted
        checkSearches(distance, queries, expected, deleted, touched, evenOrTouched);
        for (float[] query : queries) {
            // indexed-only: the new ordinals are not in the graph yet, the old ones are dead
            assertThat(index.searchIndexed(query, 50, 64, null)).extracting(ScoredId::id)
                    .doesNotContainAnyElementsOf(overwritten).doesNotContainAnyElementsOf(deleted);
        }

        // the graph takes the new vectors; the dead ordinals stay in it as routing nodes
        background.runAll();
        assertThat(index.upToDate()).isTrue();
        assertThat(index.indexedCount()).isEqualTo(expected.size());
        assertThat(index.deadOrdinals()).isEqualTo(N / 2 + N / 4);
        assertThat(index.rebuilds()).isZero();
        checkSearches(distance, queries, expected, deleted, touched, evenOrTouched);
        // dead routing nodes do not cost recall, not even next to where they were
        double graphSum = 0;
        double indexedSum = 0;
        for (float[] query : queries) {
            List<PointId> truth = bruteForce(distance, expected, query, K, null);
            graphSum += recall(truth, index.searchGraph(query, K, 64, null));
            indexedSum += recall(truth, index.searchIndexed(query, K, 64, null));
        }
        assertThat(graphSum / queries.size()).as("recall@10 among live vectors").isGreaterThanOrEqualTo(0.95);
        assertThat(indexedSum / queries.size()).as("indexed-only recall@10").isGreaterThanOrEqualTo(0.95);
    }

    private void checkSearches(Distance distance, List<float[]> queries, Map<PointId, float[]> expected,
                               Set<PointId> deleted, Set<PointId> touched, Predicate<PointId> accept) {
        for (float[] query : queries) {
            List<List<ScoredId>> results = List.of(
                    index.searchGraph(query, K, 64, null),
                    index.searchGraph(query, 50, 64, null),
                    index.searchGraph(query, K, 64, accept),
                    index.searchGraph(query, K, 32, touched, null),
                    index.searchGraph(query, K, 32, touched, accept),
                    index.searchIndexed(query, K, 64, null),
                    index.searchIndexed(query, K, 32, touched, null),
                    index.searchIndexed(query, K, 64, accept));
            for (List<ScoredId> hits : results) {
                assertThat(hits).extracting(ScoredId::id).doesNotContainAnyElementsOf(deleted);
                assertBestFirstAndDistinct(distance, hits);
                assertReferenceScores(distance, expected, query, hits);
                assertScoresAreExact(index, query, hits);
            }
            assertThat(results.get(0)).hasSize(K);
            assertThat(results.get(3)).hasSize(K);
        }
    }
}
