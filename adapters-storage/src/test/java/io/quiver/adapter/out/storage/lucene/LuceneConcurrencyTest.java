package io.quiver.adapter.out.storage.lucene;

import static io.quiver.adapter.out.storage.lucene.LuceneTestData.assertBestFirstAndDistinct;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.assertReferenceScores;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.awaitIndexed;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.bruteForce;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.id;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.number;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.recall;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer, two searchers and the background graph builder at once: no search throws or falls back
 * because of a failure, every result is best first with distinct ids and exact scores, what was just
 * written is found at once, and at the end everything is in the graph.
 */
class LuceneConcurrencyTest {

    private static final int DIM = 32;
    private static final int N = 5_000;
    private static final Distance DISTANCE = Distance.EUCLID;

    @TempDir
    Path storage;

    private LuceneVectorIndex index;

    @AfterEach
    void close() {
        if (index != null) {
            index.close();
        }
    }

    @Test
    void searchesWhileOneWriterUpsertsAndTheGraphIsBuilt() throws Exception {
        LuceneTestData data = LuceneTestData.clustered(101, N, 50, DIM, 40, DISTANCE);
        Map<PointId, float[]> all = new HashMap<>();
        for (int i = 0; i < N; i++) {
            all.put(id(i), data.vectors[i]);
        }
        Set<PointId> third = new HashSet<>();
        for (int i = 0; i < N; i += 3) {
            third.add(id(i));
        }
        Predicate<PointId> odd = id -> number(id) % 2 == 1;

        try (LuceneTestData.LoggedWarnings warnings = new LuceneTestData.LoggedWarnings()) {
            index = (LuceneVectorIndex) new LuceneVectorIndexPort(storage, 1)
                    .open("concurrent", "dense", new VectorIndexSpec(DIM, DISTANCE, 16, 64));
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch searching = new CountDownLatch(2);
            CountDownLatch stopped = new CountDownLatch(2);
            AtomicInteger searchesWhileWriting = new AtomicInteger();
            AtomicBoolean writing = new AtomicBoolean(true);
            for (int r = 0; r < 2; r++) {
                int seed = r;
                Thread.ofPlatform().daemon().name("searcher-" + r).start(() -> {
                    Random random = new Random(seed);
                    try {
                        while (!stop.get()) {
                            float[] query = data.queries[random.nextInt(data.queries.length)];
                            int limit = 1 + random.nextInt(20);
                            List<ScoredId> hits = switch (random.nextInt(5)) {
                                case 0 -> index.searchGraph(query, limit, 64, null);
                                case 1 -> index.searchGraph(query, limit, 32, third, null);
                                case 2 -> index.searchGraph(query, limit, 32, null, odd);
                                case 3 -> index.searchGraph(query, limit, 32, third, odd);
                                default -> index.searchIndexed(query, limit, 64, null);
                            };
                            assertThat(hits.size()).isLessThanOrEqualTo(limit);
                            assertBestFirstAndDistinct(DISTANCE, hits);
                            assertReferenceScores(DISTANCE, all, query, hits);
                            if (writing.get()) {
                                searchesWhileWriting.incrementAndGet();
                            }
                            searching.countDown();
                            Thread.sleep(1); // two cores: leave the background builder its share
                        }
                    } catch (Throwable t) {
                        errors.add(t);
                        searching.countDown();
                    } finally {
                        stopped.countDown();
                    }
                });
            }
            try {
                assertThat(searching.await(30, TimeUnit.SECONDS)).isTrue();
                for (int i = 0; i < N; i++) {
                    index.upsert(id(i), data.vectors[i], 1);
                    if (i % 250 == 0) {
                        // searchable as soon as upsert returns, whatever the graph has got to
                        List<ScoredId> top = index.searchGraph(data.vectors[i], 1, 64, null);
                        assertThat(top).extracting(ScoredId::id).containsExactly(id(i));
                        assertThat(top.getFirst().score()).isZero();
                    }
                }
                writing.set(false);
                awaitIndexed(index); // the searchers go on while the graph catches up
            } finally {
                stop.set(true);
            }
            assertThat(stopped.await(30, TimeUnit.SECONDS)).isTrue();
            if (!errors.isEmpty()) {
                throw new AssertionError(errors.size() + " searcher(s) failed, the first with " + errors.peek(),
                        errors.peek());
            }
            assertThat(searchesWhileWriting.get()).isPositive();
            assertThat(warnings.messages()).as("failures the index logged").isEmpty();
        }

        assertThat(index.size()).isEqualTo(N);
        assertThat(index.indexedCount()).isEqualTo(N);
        assertThat(index.upToDate()).isTrue();

        // on a graph that holds still, a search answers the same with another one running beside it
        List<Supplier<List<ScoredId>>> searches = new ArrayList<>();
        for (float[] query : data.queries) {
            searches.add(() -> index.searchGraph(query, 10, 64, null));
            searches.add(() -> index.searchGraph(query, 10, 32, third, null));
            searches.add(() -> index.searchGraph(query, 10, 32, null, odd));
        }
        List<List<ScoredId>> alone = searches.stream().map(Supplier::get).toList();
        ConcurrentLinkedQueue<String> differences = new ConcurrentLinkedQueue<>();
        List<Thread> pair = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            int offset = r * searches.size() / 2;
            pair.add(Thread.ofPlatform().daemon().start(() -> {
                for (int round = 0; round < 5; round++) {
                    for (int s = 0; s < searches.size(); s++) {
                        int which = (s + offset) % searches.size();
                        List<ScoredId> hits = searches.get(which).get();
                        if (!hits.equals(alone.get(which))) {
                            differences.add("search " + which + ": " + hits + " instead of " + alone.get(which));
                        }
                    }
                }
            }));
        }
        for (Thread t : pair) {
            assertThat(t.join(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(differences).isEmpty();
        int found = 0;
        for (int i = 0; i < N; i++) {
            List<ScoredId> top = index.searchIndexed(data.vectors[i], 1, 64, null);
            if (top.size() == 1 && top.getFirst().id().equals(id(i))) {
                found++;
            }
        }
        // the graph is built in write order with a fixed seed: the same in every run, and it finds them all
        assertThat(found).as("points found by a search for their own vector").isEqualTo(N);
        double sum = 0;
        for (float[] query : data.queries) {
            sum += recall(bruteForce(DISTANCE, all, query, 10, null), index.searchGraph(query, 10, 64, null));
        }
        assertThat(sum / data.queries.length).isGreaterThanOrEqualTo(0.95);
    }

    /**
     * Overwrites and deletes with compaction switched on early: searches run across store and graph swaps.
     * Point i only ever holds vector A[i] or B[i], so a hit's score must be one of those two (a hit scored
     * against another point's vector would show a mix-up of ordinals between the old and the new store).
     */
    @Test
    void searchesStayConsistentThroughOverwritesDeletesAndCompaction() throws Exception {
        int n = 1_500;
        LuceneTestData a = LuceneTestData.clustered(102, n, 50, DIM, 30, DISTANCE);
        LuceneTestData b = LuceneTestData.clustered(103, n, 0, DIM, 30, DISTANCE);
        LuceneVectorIndex.Tuning eager = new LuceneVectorIndex.Tuning(100, 0.2, 32, TimeUnit.MILLISECONDS.toNanos(5));
        Map<PointId, float[]> expected = new HashMap<>();

        try (LuceneTestData.LoggedWarnings warnings = new LuceneTestData.LoggedWarnings()) {
            index = (LuceneVectorIndex) new LuceneVectorIndexPort(storage, 1, eager)
                    .open("churn", "dense", new VectorIndexSpec(DIM, DISTANCE, 16, 64));
            for (int i = 0; i < n; i++) {
                index.upsert(id(i), a.vectors[i], 1);
                expected.put(id(i), a.vectors[i]);
            }
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch searching = new CountDownLatch(2);
            CountDownLatch stopped = new CountDownLatch(2);
            for (int r = 0; r < 2; r++) {
                int seed = 10 + r;
                Thread.ofPlatform().daemon().name("searcher-" + r).start(() -> {
                    Random random = new Random(seed);
                    try {
                        while (!stop.get()) {
                            float[] query = a.queries[random.nextInt(a.queries.length)];
                            List<ScoredId> hits = random.nextBoolean()
                                    ? index.searchGraph(query, 10, 64, null)
                                    : index.searchGraph(query, 10, 32, null, id -> number(id) % 3 != 0);
                            assertBestFirstAndDistinct(DISTANCE, hits);
                            for (ScoredId hit : hits) {
                                int i = number(hit.id());
                                double toA = LuceneTestData.reference(DISTANCE, query, a.vectors[i]);
                                double toB = LuceneTestData.reference(DISTANCE, query, b.vectors[i]);
                                double tolerance = 1e-4 * Math.max(1, Math.max(toA, toB));
                                assertThat(Math.min(Math.abs(hit.score() - toA), Math.abs(hit.score() - toB)))
                                        .as("score of %s", hit.id()).isLessThanOrEqualTo(tolerance);
                            }
                            searching.countDown();
                            Thread.sleep(1);
                        }
                    } catch (Throwable t) {
                        errors.add(t);
                        searching.countDown();
                    } finally {
                        stopped.countDown();
                    }
                });
            }
            try {
                assertThat(searching.await(30, TimeUnit.SECONDS)).isTrue();
                Random random = new Random(104);
                long version = 2;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                int ops = 0;
                while (index.rebuilds() < 1 || ops < 3_000) {
                    assertThat(System.nanoTime()).as("a rebuild within 60 s").isLessThan(deadline);
                    for (int op = 0; op < 100; op++, ops++, version++) {
                        int i = random.nextInt(n);
                        if (random.nextInt(4) == 0) {
                            index.remove(id(i));
                            expected.remove(id(i));
                        } else {
                            float[] v = random.nextBoolean() ? a.vectors[i] : b.vectors[i];
                            index.upsert(id(i), v, version);
                            expected.put(id(i), v);
                        }
                    }
                    Thread.sleep(1); // let the single background thread in
                }
                awaitIndexed(index);
            } finally {
                stop.set(true);
            }
            assertThat(stopped.await(30, TimeUnit.SECONDS)).isTrue();
            if (!errors.isEmpty()) {
                throw new AssertionError(errors.size() + " searcher(s) failed, the first with " + errors.peek(),
                        errors.peek());
            }
            assertThat(warnings.messages()).as("failures the index logged").isEmpty();
        }

        assertThat(index.rebuilds()).isPositive();
        assertThat(index.size()).isEqualTo(expected.size());
        assertThat(index.indexedCount()).isEqualTo(expected.size());
        for (int i = 0; i < n; i++) {
            float[] v = expected.get(id(i));
            if (v == null) {
                assertThat(index.vector(id(i))).as("vector of removed %s", id(i)).isNull();
            } else {
                assertThat(index.vector(id(i))).as("vector of %s", id(i)).containsExactly(v);
            }
        }
        for (float[] query : a.queries) {
            List<ScoredId> hits = index.searchGraph(query, 10, 64, null);
            assertThat(hits).hasSize(10);
            assertReferenceScores(DISTANCE, expected, query, hits);
        }
    }
}
