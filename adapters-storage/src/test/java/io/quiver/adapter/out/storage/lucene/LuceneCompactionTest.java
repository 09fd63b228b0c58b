package io.quiver.adapter.out.storage.lucene;

import static io.quiver.adapter.out.storage.lucene.LuceneTestData.assertBestFirstAndDistinct;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.assertReferenceScores;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.await;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.awaitIndexed;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction: once dead ordinals pass the tuning's bounds, a new store and graph are built from the live
 * vectors in the background and swapped in, without losing a write made meanwhile. The port is given a
 * tuning that compacts at a hundred dead ordinals, in small slices, so that it happens at test sizes.
 */
class LuceneCompactionTest {

    private static final int DIM = 32;
    private static final LuceneVectorIndex.Tuning EAGER =
            new LuceneVectorIndex.Tuning(100, 0.2, 32, TimeUnit.MILLISECONDS.toNanos(5));

    @TempDir
    Path storage;

    private final List<VectorIndex> opened = new ArrayList<>();

    @AfterEach
    void closeIndexes() {
        opened.forEach(VectorIndex::close);
    }

    private LuceneVectorIndex open(String collection, Distance distance) {
        LuceneVectorIndex index = (LuceneVectorIndex) new LuceneVectorIndexPort(storage, 1, EAGER)
                .open(collection, "dense", new VectorIndexSpec(DIM, distance, 16, 64));
        opened.add(index);
        return index;
    }

    /** Compaction leaves no more dead ordinals than would start another one. */
    private static void assertNoCompactionDue(LuceneVectorIndex index) {
        int dead = index.deadOrdinals();
        assertThat(dead <= EAGER.compactionMinDead() || dead <= EAGER.compactionDeadRatio() * (index.size() + dead))
                .as("%s dead ordinals left beside %s live", dead, index.size()).isTrue();
    }

    @Test
    void churnIsCompactedAwayAndSearchesStayExact() {
        Distance distance = Distance.COSINE;
        LuceneTestData data = LuceneTestData.clustered(81, 2_100, 10, DIM, 20, distance);
        LuceneVectorIndex index = open("compaction", distance);
        Map<PointId, float[]> expected = new HashMap<>();
        for (int i = 0; i < 1_500; i++) {
            index.upsert(id(i), data.vectors[i], 1);
            expected.put(id(i), data.vectors[i]);
        }
        awaitIndexed(index);
        assertThat(index.deadOrdinals()).isZero();
        assertThat(index.rebuilds()).isZero();

        // overwrite 600 with other vectors and remove 300: 900 dead of 2,100 ordinals
        for (int i = 0; i < 600; i++) {
            index.upsert(id(i), data.vectors[1_500 + i], 2);
            expected.put(id(i), data.vectors[1_500 + i]);
        }
        for (int i = 600; i < 900; i++) {
            index.remove(id(i));
            expected.remove(id(i));
        }
        awaitIndexed(index);

        assertThat(index.rebuilds()).isPositive();
        assertThat(index.deadOrdinals()).isLessThan(900);
        assertNoCompactionDue(index);
        assertThat(index.size()).isEqualTo(1_200);
        assertThat(index.indexedCount()).isEqualTo(1_200);
        expected.forEach((id, v) -> assertThat(index.vector(id)).as("vector of %s", id).containsExactly(v));
        for (int i = 600; i < 900; i++) {
            assertThat(index.vector(id(i))).isNull();
        }
        List<float[]> queries = new ArrayList<>(List.of(data.queries));
        queries.add(data.vectors[0]); // where an overwritten point used to be
        queries.add(data.vectors[700]); // where a removed point used to be
        for (float[] query : queries) {
            List<ScoredId> exact = index.searchExact(query, 10, null, null);
            assertThat(index.searchGraph(query, 10, 300, null)).containsExactlyElementsOf(exact);
            assertThat(index.searchIndexed(query, 10, 300, null)).containsExactlyElementsOf(exact);
            assertBestFirstAndDistinct(distance, exact);
            assertReferenceScores(distance, expected, query, exact);
        }
    }

    @Test
    void writesMadeWhileTheIndexIsRebuiltAreNotLost() {
        Distance distance = Distance.EUCLID;
        int ids = 2_500;
        LuceneTestData data = LuceneTestData.clustered(82, 4_000, 10, DIM, 20, distance);
        LuceneVectorIndex index = open("rebuild-writes", distance);
        Map<PointId, float[]> expected = new HashMap<>();
        Map<PointId, Long> versions = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            index.upsert(id(i), data.vectors[i], 1);
            expected.put(id(i), data.vectors[i]);
            versions.put(id(i), 1L);
        }
        awaitIndexed(index);
        // enough overwrites to make compaction due
        for (int i = 0; i < 600; i++) {
            index.upsert(id(i), data.vectors[2_000 + i], 2);
            expected.put(id(i), data.vectors[2_000 + i]);
            versions.put(id(i), 2L);
        }

        // one writer goes on (new points, overwrites, deletes, payload-only version bumps) until a rebuild is done
        Random random = new Random(83);
        long version = 3;
        int ops = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (index.rebuilds() == 0 || ops < 2_000) {
            if (System.nanoTime() > deadline) {
                fail("no rebuild finished within 60 s (%s writes)", ops);
            }
            for (int batch = 0; batch < 50; batch++, ops++) {
                PointId id = id(random.nextInt(ids));
                int kind = random.nextInt(10);
                if (kind < 2) {
                    index.remove(id);
                    expected.remove(id);
                    versions.remove(id);
                } else if (kind < 4 && expected.containsKey(id)) {
                    index.upsert(id, expected.get(id), version); // same vector: only the version changes
                    versions.put(id, version);
                } else {
                    float[] v = data.vectors[random.nextInt(data.vectors.length)];
                    index.upsert(id, v, version);
                    expected.put(id, v);
                    versions.put(id, version);
                }
                version++;
            }
            try {
                Thread.sleep(1); // let the single background thread in
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        awaitIndexed(index);

        assertThat(index.rebuilds()).isPositive();
        assertNoCompactionDue(index);
        assertThat(index.size()).isEqualTo(expected.size());
        assertThat(index.indexedCount()).isEqualTo(expected.size());
        for (int i = 0; i < ids; i++) {
            float[] v = expected.get(id(i));
            if (v == null) {
                assertThat(index.vector(id(i))).as("vector of removed %s", id(i)).isNull();
            } else {
                assertThat(index.vector(id(i))).as("vector of %s", id(i)).containsExactly(v);
            }
        }
        // the versions came through the swap too: a sync with the point store's versions loads nothing
        index.sync(versions, id -> fail("%s was re-read although its version did not change", id));
        assertThat(index.size()).isEqualTo(expected.size());
        for (float[] query : data.queries) {
            List<ScoredId> exact = index.searchExact(query, 10, null, null);
            assertThat(index.searchGraph(query, 10, 300, null)).containsExactlyElementsOf(exact);
            assertReferenceScores(distance, expected, query, exact);
        }
    }

    /**
     * The same, with the background work run one step at a time by the test, so that writes land at every
     * point of the rebuild (after its snapshot, between its slices, just before its swap) in every run.
     */
    @Test
    void writesBetweenEveryStepOfARebuildAreCarriedOver() {
        Distance distance = Distance.COSINE;
        LuceneTestData data = LuceneTestData.clustered(85, 3_000, 10, DIM, 20, distance);
        LuceneTestData.ManualExecutor background = new LuceneTestData.ManualExecutor();
        // a slice of one nanosecond is one step: 32 graph insertions, or the snapshot, or the swap
        LuceneVectorIndex index = LuceneVectorIndex.open(new VectorIndexSpec(DIM, distance, 16, 64),
                "test/stepped-rebuild", null, background, new LuceneVectorIndex.Tuning(100, 0.2, 32, 1));
        opened.add(index);
        Map<PointId, float[]> expected = new HashMap<>();
        Map<PointId, Long> versions = new HashMap<>();
        for (int i = 0; i < 1_500; i++) {
            index.upsert(id(i), data.vectors[i], 1);
            expected.put(id(i), data.vectors[i]);
            versions.put(id(i), 1L);
        }
        background.runAll();
        for (int i = 0; i < 500; i++) {
            index.upsert(id(i), data.vectors[1_500 + i], 2);
            expected.put(id(i), data.vectors[1_500 + i]);
            versions.put(id(i), 2L);
        }
        assertThat(index.upToDate()).isFalse();
        assertThat(index.rebuilds()).isZero();

        Random random = new Random(86);
        long version = 3;
        int steps = 0;
        while (index.rebuilds() == 0) {
            assertThat(background.runOne()).as("background work queued").isTrue();
            steps++;
            for (int op = 0; op < 10; op++, version++) {
                PointId id = id(random.nextInt(2_000));
                int kind = random.nextInt(10);
                if (kind < 2) {
                    index.remove(id);
                    expected.remove(id);
                    versions.remove(id);
                } else if (kind < 4 && expected.containsKey(id)) {
                    index.upsert(id, expected.get(id), version);
                    versions.put(id, version);
                } else {
                    float[] v = data.vectors[2_000 + random.nextInt(1_000)];
                    index.upsert(id, v, version);
                    expected.put(id, v);
                    versions.put(id, version);
                }
            }
            // searches in between see the old store and graph plus whatever was written since
            List<ScoredId> hits = index.searchGraph(data.queries[steps % data.queries.length], 10, 64, null);
            assertBestFirstAndDistinct(distance, hits);
            assertReferenceScores(distance, expected, data.queries[steps % data.queries.length], hits);
        }
        assertThat(steps).as("steps the rebuild took").isGreaterThan(10);
        background.runAll();
        assertThat(index.upToDate()).isTrue();

        assertNoCompactionDue(index);
        assertThat(index.size()).isEqualTo(expected.size());
        assertThat(index.indexedCount()).isEqualTo(expected.size());
        for (int i = 0; i < 2_000; i++) {
            float[] v = expected.get(id(i));
            if (v == null) {
                assertThat(index.vector(id(i))).as("vector of removed %s", id(i)).isNull();
            } else {
                assertThat(index.vector(id(i))).as("vector of %s", id(i)).containsExactly(v);
            }
        }
        index.sync(versions, id -> fail("%s was re-read although its version did not change", id));
        for (float[] query : data.queries) {
            List<ScoredId> exact = index.searchExact(query, 10, null, null);
            assertThat(index.searchGraph(query, 10, 300, null)).containsExactlyElementsOf(exact);
            assertReferenceScores(distance, expected, query, exact);
        }
    }

    @Test
    void aCompactedIndexPersistsAndReopens() {
        Distance distance = Distance.EUCLID;
        LuceneTestData data = LuceneTestData.clustered(84, 1_600, 10, DIM, 20, distance);
        LuceneVectorIndex first = open("compacted-restart", distance);
        Map<PointId, Long> versions = new HashMap<>();
        Map<PointId, float[]> expected = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            first.upsert(id(i), data.vectors[i], 1);
        }
        awaitIndexed(first);
        for (int i = 0; i < 600; i++) {
            first.upsert(id(i), data.vectors[1_000 + i], 2);
        }
        for (int i = 0; i < 1_000; i++) {
            expected.put(id(i), i < 600 ? data.vectors[1_000 + i] : data.vectors[i]);
            versions.put(id(i), i < 600 ? 2L : 1L);
        }
        await(() -> first.rebuilds() > 0 && first.upToDate(), "compaction");
        awaitIndexed(first);
        List<List<ScoredId>> before = new ArrayList<>();
        for (float[] query : data.queries) {
            before.add(first.searchGraph(query, 10, 64, null));
        }
        first.persist();
        first.close();

        LuceneVectorIndex second = open("compacted-restart", distance);
        assertThat(second.size()).isEqualTo(1_000);
        assertThat(second.indexedCount()).isEqualTo(1_000);
        second.sync(versions, id -> fail("%s was re-read", id));
        expected.forEach((id, v) -> assertThat(second.vector(id)).containsExactly(v));
        for (int q = 0; q < data.queries.length; q++) {
            assertThat(second.searchGraph(data.queries[q], 10, 64, null)).containsExactlyElementsOf(before.get(q));
        }
    }
}
