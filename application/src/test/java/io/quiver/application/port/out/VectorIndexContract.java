package io.quiver.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.ScalarVectorMath;
import io.quiver.domain.vector.Scoring;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link VectorIndexPort} and its {@link VectorIndex}es must do. An adapter's test extends
 * this class and supplies {@link #openPort()}; indexes with background work may override
 * {@link #awaitIdle}, and {@link #quantization()} runs the suite against quantized indexes, which must
 * keep every promise made here (exact scores included).
 *
 * <p>Exact search is checked against a brute-force reference computed in double precision, for every
 * distance: the right points, in the right order (ties by id), with Qdrant's scores within float
 * rounding. Graph search is approximate, so it is held to what an approximate index can promise: its
 * scores are exact, it never misses a vector that was just written (not yet indexed), and with a filter
 * it returns {@code limit} hits whenever that many pass.
 */
public abstract class VectorIndexContract {

    private static final int DIM = 13; // odd, so SIMD kernels run their tail loops
    private static final Scoring SCORING = new Scoring(new ScalarVectorMath());

    private final List<VectorIndex> opened = new ArrayList<>();

    /**
     * A port over this test's storage. Every call stands for a start of the server: an index persisted
     * through one port must be re-openable through the next.
     */
    protected abstract VectorIndexPort openPort();

    /** Waits until background work (graph building) is done; the default polls {@link VectorIndex#upToDate}. */
    protected void awaitIdle(VectorIndex index) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!index.upToDate()) {
            if (System.nanoTime() > deadline) {
                fail("index did not become up to date within 60 s");
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** The quantization every index of the suite is opened with; an adapter's test may pick another. */
    protected VectorIndexSpec.Quantization quantization() {
        return VectorIndexSpec.Quantization.NONE;
    }

    protected final VectorIndexSpec spec(Distance distance) {
        return new VectorIndexSpec(DIM, distance, 16, 64, quantization());
    }

    protected final VectorIndex open(VectorIndexPort port, String collection, VectorIndexSpec spec) {
        VectorIndex index = port.open(collection, "v", spec);
        opened.add(index);
        return index;
    }

    @AfterEach
    void closeIndexes() {
        opened.forEach(VectorIndex::close);
    }

    // ------------------------------------------------------------------------------ basic writes

    @Test
    void upsertReplaceRemoveAndRead() {
        VectorIndex index = open(openPort(), "basic", spec(Distance.EUCLID));
        Random random = new Random(1);
        float[] a = randomVector(random);
        float[] b = randomVector(random);
        float[] c = randomVector(random);
        index.upsert(id(1), a, 1);
        index.upsert(id(2), b, 1);
        index.upsert(uuid(3), c, 1);
        assertThat(index.size()).isEqualTo(3);
        assertThat(index.vector(id(1))).containsExactly(a);
        assertThat(index.vector(uuid(3))).containsExactly(c);
        assertThat(index.vector(id(99))).isNull();

        float[] a2 = randomVector(random);
        index.upsert(id(1), a2, 2);
        assertThat(index.size()).isEqualTo(3);
        assertThat(index.vector(id(1))).containsExactly(a2);
        assertThat(index.searchExact(a2, 1, null, null)).extracting(ScoredId::id).containsExactly(id(1));

        index.remove(id(2));
        index.remove(id(2));
        index.remove(id(404));
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.vector(id(2))).isNull();
        assertThat(index.searchExact(b, 10, null, null)).extracting(ScoredId::id).containsExactlyInAnyOrder(id(1), uuid(3));
        assertThat(index.searchGraph(b, 10, 32, null)).extracting(ScoredId::id).containsExactlyInAnyOrder(id(1), uuid(3));
    }

    @Test
    void returnedVectorsAreCopies() {
        VectorIndex index = open(openPort(), "copies", spec(Distance.DOT));
        float[] v = randomVector(new Random(2));
        float[] original = v.clone();
        index.upsert(id(1), v, 1);
        v[0] = 42;
        float[] read = index.vector(id(1));
        assertThat(read).containsExactly(original);
        read[1] = 42;
        assertThat(index.vector(id(1))).containsExactly(original);
    }

    @Test
    void anEmptyIndexFindsNothing() {
        VectorIndex index = open(openPort(), "empty", spec(Distance.COSINE));
        float[] q = SCORING.preprocess(Distance.COSINE, randomVector(new Random(3)));
        assertThat(index.size()).isZero();
        assertThat(index.searchExact(q, 10, null, null)).isEmpty();
        assertThat(index.searchGraph(q, 10, 64, null)).isEmpty();
        assertThat(index.searchExact(q, 10, Set.of(id(1)), null)).isEmpty();
    }

    // ----------------------------------------------------------------------------- exact search

    @ParameterizedTest
    @EnumSource(Distance.class)
    void searchExactMatchesADoublePrecisionBruteForce(Distance distance) {
        VectorIndex index = open(openPort(), "exact-" + distance, spec(distance));
        Random random = new Random(10 + distance.ordinal());
        Map<PointId, float[]> stored = fill(index, random, distance, 600);
        for (int q = 0; q < 20; q++) {
            float[] query = SCORING.preprocess(distance, randomVector(random));
            int limit = 1 + random.nextInt(25);
            List<ScoredId> hits = index.searchExact(query, limit, null, null);
            assertExactTop(distance, stored, query, limit, hits);
        }
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void searchExactHonoursCandidatesAndAccept(Distance distance) {
        VectorIndex index = open(openPort(), "filter-" + distance, spec(distance));
        Random random = new Random(20 + distance.ordinal());
        Map<PointId, float[]> stored = fill(index, random, distance, 400);
        Set<PointId> candidates = new HashSet<>();
        stored.keySet().forEach(id -> {
            if (random.nextInt(3) == 0) {
                candidates.add(id);
            }
        });
        candidates.add(id(1_000_000)); // not stored: must be ignored
        Predicate<PointId> accept = id -> ((PointId.NumericId) id).value() % 2 == 0;
        float[] query = SCORING.preprocess(distance, randomVector(random));

        Map<PointId, float[]> both = restrict(stored, id -> candidates.contains(id) && accept.test(id));
        assertExactTop(distance, both, query, 15, index.searchExact(query, 15, candidates, accept));
        assertExactTop(distance, restrict(stored, candidates::contains), query, 15,
                index.searchExact(query, 15, candidates, null));
        assertExactTop(distance, restrict(stored, accept), query, 15, index.searchExact(query, 15, null, accept));
        assertThat(index.searchExact(query, 15, Set.of(), null)).isEmpty();
    }

    @Test
    void aLimitLargerThanTheIndexReturnsEverythingBestFirst() {
        VectorIndex index = open(openPort(), "large-limit", spec(Distance.MANHATTAN));
        Random random = new Random(4);
        Map<PointId, float[]> stored = fill(index, random, Distance.MANHATTAN, 37);
        float[] query = randomVector(random);
        List<ScoredId> exact = index.searchExact(query, 1000, null, null);
        assertThat(exact).hasSize(37);
        assertExactTop(Distance.MANHATTAN, stored, query, 1000, exact);
        List<ScoredId> graph = index.searchGraph(query, 1000, 16, null);
        assertThat(graph).containsExactlyElementsOf(exact);
    }

    @Test
    void tiesAreBrokenByIdNumbersBeforeUuids() {
        VectorIndex index = open(openPort(), "ties", spec(Distance.DOT));
        float[] v = randomVector(new Random(5));
        List<PointId> ids = List.of(id(9), uuid(1), id(3), id(5), uuid(0));
        long version = 1;
        for (PointId id : ids) {
            index.upsert(id, v, version++);
        }
        List<PointId> expected = ids.stream().sorted().toList();
        assertThat(index.searchExact(v, 10, null, null)).extracting(ScoredId::id).containsExactlyElementsOf(expected);
        assertThat(index.searchExact(v, 3, null, null)).extracting(ScoredId::id)
                .containsExactlyElementsOf(expected.subList(0, 3));
        awaitIdle(index);
        assertThat(index.searchGraph(v, 10, 16, null)).extracting(ScoredId::id).containsExactlyElementsOf(expected);
    }

    // ----------------------------------------------------------------------------- graph search

    @Test
    void searchGraphNeverMissesVectorsThatAreNotIndexedYet() {
        VectorIndex index = open(openPort(), "fresh", spec(Distance.EUCLID));
        Random random = new Random(6);
        Map<PointId, float[]> stored = fill(index, random, Distance.EUCLID, 400);
        awaitIdle(index);
        // written now, searched at once: the index cannot have caught up with all of them
        Map<PointId, float[]> fresh = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            float[] v = randomVector(random);
            v[i % DIM] += 5 + i; // away from the others and from each other
            fresh.put(id(10_000 + i), v);
            index.upsert(id(10_000 + i), v, 2);
        }
        fresh.forEach((id, v) -> {
            List<ScoredId> top = index.searchGraph(v, 1, 64, null);
            assertThat(top).extracting(ScoredId::id).containsExactly(id);
            assertThat(top.getFirst().score()).isZero();
        });
        List<ScoredId> onlyFresh = index.searchGraph(randomVector(random), 30, 64, fresh::containsKey);
        assertThat(onlyFresh).extracting(ScoredId::id).containsExactlyInAnyOrderElementsOf(fresh.keySet());
        stored.putAll(fresh);
        assertThat(index.size()).isEqualTo(stored.size());
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void searchGraphReportsExactScoresBestFirst(Distance distance) {
        VectorIndex index = open(openPort(), "graph-" + distance, spec(distance));
        Random random = new Random(30 + distance.ordinal());
        Map<PointId, float[]> stored = fill(index, random, distance, 500);
        awaitIdle(index);
        for (int q = 0; q < 10; q++) {
            float[] query = SCORING.preprocess(distance, randomVector(random));
            List<ScoredId> hits = index.searchGraph(query, 10, 64, null);
            assertThat(hits).hasSize(10);
            assertBestFirst(distance, hits);
            assertExactScores(distance, stored, query, hits);
            // exact re-scoring: a hit's score is bit for bit the exact search's score for that point
            Map<PointId, Float> exactScores = index.searchExact(query, 500, null, null).stream()
                    .collect(Collectors.toMap(ScoredId::id, ScoredId::score));
            hits.forEach(hit -> assertThat(hit.score()).isEqualTo(exactScores.get(hit.id())));
        }
    }

    @Test
    void searchGraphWithAFilterReturnsLimitHitsWhenEnoughPass() {
        VectorIndex index = open(openPort(), "graph-filter", spec(Distance.COSINE));
        Random random = new Random(7);
        Map<PointId, float[]> stored = fill(index, random, Distance.COSINE, 800);
        awaitIdle(index);
        for (int modulus : new int[] {2, 10, 50, 400}) {
            Predicate<PointId> accept = id -> ((PointId.NumericId) id).value() % modulus == 0;
            long passing = stored.keySet().stream().filter(accept).count();
            float[] query = SCORING.preprocess(Distance.COSINE, randomVector(random));
            List<ScoredId> hits = index.searchGraph(query, 10, 32, accept);
            assertThat(hits).hasSize((int) Math.min(10, passing));
            assertThat(hits).extracting(ScoredId::id).allMatch(accept);
            assertBestFirst(Distance.COSINE, hits);
        }
        assertThat(index.searchGraph(stored.values().iterator().next(), 10, 32, id -> false)).isEmpty();
    }

    // ------------------------------------------------------------------------ indexed-only search

    @Test
    void searchIndexedFindsWhatSearchGraphFindsOnceTheIndexHasCaughtUp() {
        VectorIndex index = open(openPort(), "indexed-only", spec(Distance.COSINE));
        Random random = new Random(13);
        Map<PointId, float[]> stored = fill(index, random, Distance.COSINE, 600);
        awaitIdle(index);
        Predicate<PointId> accept = id -> ((PointId.NumericId) id).value() % 7 == 0;
        for (int q = 0; q < 10; q++) {
            float[] query = SCORING.preprocess(Distance.COSINE, randomVector(random));
            List<ScoredId> indexed = index.searchIndexed(query, 10, 64, null);
            assertThat(indexed).containsExactlyElementsOf(index.searchGraph(query, 10, 64, null));
            assertExactScores(Distance.COSINE, stored, query, indexed);
            List<ScoredId> filtered = index.searchIndexed(query, 10, 64, accept);
            assertThat(filtered).hasSize(10).extracting(ScoredId::id).allMatch(accept);
            assertBestFirst(Distance.COSINE, filtered);
        }
        assertThat(index.searchIndexed(stored.values().iterator().next(), 0, 64, null)).isEmpty();
        assertThat(index.searchIndexed(stored.values().iterator().next(), 10, 64, id -> false)).isEmpty();
    }

    @Test
    void searchIndexedNeverReturnsWhatIsNotStoredAndFindsNewVectorsOnceIndexed() {
        VectorIndex index = open(openPort(), "indexed-only-fresh", spec(Distance.EUCLID));
        Random random = new Random(14);
        Map<PointId, float[]> stored = fill(index, random, Distance.EUCLID, 400);
        awaitIdle(index);
        Map<PointId, float[]> fresh = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            float[] v = randomVector(random);
            v[i % DIM] += 5 + i;
            fresh.put(id(10_000 + i), v);
            index.upsert(id(10_000 + i), v, 2);
        }
        for (int i = 0; i < 20; i++) {
            index.remove(id(i));
            stored.remove(id(i));
        }
        for (int i = 20; i < 30; i++) {
            float[] v = randomVector(random);
            index.upsert(id(i), v, 2);
            stored.put(id(i), v);
        }
        stored.putAll(fresh);
        // searched at once: whatever comes back is stored now, with its current vector's score
        for (int q = 0; q < 5; q++) {
            float[] query = randomVector(random);
            List<ScoredId> hits = index.searchIndexed(query, 50, 64, null);
            assertThat(hits.size()).isLessThanOrEqualTo(50);
            assertBestFirst(Distance.EUCLID, hits);
            assertExactScores(Distance.EUCLID, stored, query, hits);
        }
        awaitIdle(index);
        fresh.forEach((id, v) -> {
            List<ScoredId> top = index.searchIndexed(v, 1, 64, null);
            assertThat(top).extracting(ScoredId::id).containsExactly(id);
            assertThat(top.getFirst().score()).isZero();
        });
        assertThat(index.searchIndexed(randomVector(random), 20, 64, fresh::containsKey)).extracting(ScoredId::id)
                .containsExactlyInAnyOrderElementsOf(fresh.keySet());
    }

    @Test
    void backgroundWorkEventuallySettles() {
        VectorIndex index = open(openPort(), "settle", spec(Distance.DOT));
        fill(index, new Random(8), Distance.DOT, 300);
        awaitIdle(index);
        assertThat(index.upToDate()).isTrue();
        assertThat(index.indexedCount()).isBetween(0, index.size());
    }

    // -------------------------------------------------------------------------------------- sync

    @Test
    void syncAddsUpdatesAndRemovesOnlyWhatChanged() {
        VectorIndex index = open(openPort(), "sync", spec(Distance.EUCLID));
        Random random = new Random(9);
        float[] a = randomVector(random);
        float[] b = randomVector(random);
        float[] c = randomVector(random);
        index.upsert(id(1), a, 1);
        index.upsert(id(2), b, 1);
        index.upsert(id(3), c, 1);

        float[] b2 = randomVector(random);
        float[] d = randomVector(random);
        Map<PointId, float[]> store = Map.of(id(1), a, id(2), b2, id(4), d);
        List<PointId> loaded = new ArrayList<>();
        index.sync(Map.of(id(1), 1L, id(2), 2L, id(4), 1L), id -> {
            loaded.add(id);
            return store.get(id);
        });

        assertThat(loaded).containsExactlyInAnyOrder(id(2), id(4));
        assertThat(index.size()).isEqualTo(3);
        assertThat(index.vector(id(1))).containsExactly(a);
        assertThat(index.vector(id(2))).containsExactly(b2);
        assertThat(index.vector(id(3))).isNull();
        assertThat(index.vector(id(4))).containsExactly(d);
        assertThat(index.searchGraph(b2, 1, 16, null)).extracting(ScoredId::id).containsExactly(id(2));
        assertThat(index.searchExact(c, 3, null, null)).extracting(ScoredId::id).doesNotContain(id(3));

        loaded.clear();
        index.sync(Map.of(id(1), 1L, id(2), 2L, id(4), 1L), id -> {
            loaded.add(id);
            return store.get(id);
        });
        assertThat(loaded).isEmpty();
        index.sync(Map.of(), id -> fail("nothing to load"));
        assertThat(index.size()).isZero();
    }

    // ------------------------------------------------------------------------------ persistence

    @Test
    void persistedIndexesReopenWithTheSameContent() {
        VectorIndexSpec spec = spec(Distance.COSINE);
        Random random = new Random(11);
        VectorIndex first = open(openPort(), "reopen", spec);
        Map<PointId, float[]> stored = fill(first, random, Distance.COSINE, 300);
        Map<PointId, Long> versions = new HashMap<>();
        stored.keySet().forEach(id -> versions.put(id, 1L));
        for (int i = 0; i < 20; i++) {
            PointId id = id(i);
            first.remove(id);
            stored.remove(id);
            versions.remove(id);
        }
        for (int i = 20; i < 40; i++) {
            float[] v = SCORING.preprocess(Distance.COSINE, randomVector(random));
            first.upsert(id(i), v, 2);
            stored.put(id(i), v);
            versions.put(id(i), 2L);
        }
        awaitIdle(first);
        float[] query = SCORING.preprocess(Distance.COSINE, randomVector(random));
        List<ScoredId> before = first.searchExact(query, 20, null, null);
        first.persist();
        first.close();

        VectorIndex second = open(openPort(), "reopen", spec);
        second.sync(versions, stored::get);
        assertThat(second.size()).isEqualTo(stored.size());
        stored.forEach((id, v) -> assertThat(second.vector(id)).containsExactly(v));
        assertThat(second.searchExact(query, 20, null, null)).containsExactlyElementsOf(before);
        awaitIdle(second);
        assertExactScores(Distance.COSINE, stored, query, second.searchGraph(query, 20, 64, null));
    }

    @Test
    void dropForgetsWhatWasPersisted() {
        VectorIndexSpec spec = spec(Distance.EUCLID);
        VectorIndexPort port = openPort();
        VectorIndex first = open(port, "dropped", spec);
        fill(first, new Random(12), Distance.EUCLID, 50);
        awaitIdle(first);
        first.persist();
        first.close();
        port.drop("dropped", "v");
        port.drop("never-existed", "v");

        VectorIndex second = open(openPort(), "dropped", spec);
        assertThat(second.size()).isZero();
        assertThat(second.searchExact(new float[DIM], 5, null, null)).isEmpty();
    }

    // ---------------------------------------------------------------------------------- helpers

    protected static PointId id(long n) {
        return PointId.of(n);
    }

    protected static PointId uuid(long n) {
        return PointId.of(new UUID(0x1234L, n));
    }

    protected static float[] randomVector(Random random) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) (random.nextGaussian());
        }
        return v;
    }

    /** Upserts {@code n} random (preprocessed) vectors under ids 0..n-1 at version 1. */
    protected static Map<PointId, float[]> fill(VectorIndex index, Random random, Distance distance, int n) {
        Map<PointId, float[]> stored = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            float[] v = SCORING.preprocess(distance, randomVector(random));
            stored.put(id(i), v);
            index.upsert(id(i), v, 1);
        }
        return stored;
    }

    private static Map<PointId, float[]> restrict(Map<PointId, float[]> stored, Predicate<PointId> keep) {
        Map<PointId, float[]> out = new LinkedHashMap<>();
        stored.forEach((id, v) -> {
            if (keep.test(id)) {
                out.put(id, v);
            }
        });
        return out;
    }

    /** Qdrant's score in double precision. */
    protected static double reference(Distance distance, float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i];
            double y = b[i];
            sum += switch (distance) {
                case COSINE, DOT -> x * y;
                case EUCLID -> (x - y) * (x - y);
                case MANHATTAN -> Math.abs(x - y);
            };
        }
        return distance == Distance.EUCLID ? Math.sqrt(sum) : sum;
    }

    private static double tolerance(double reference) {
        return 1e-4 * Math.max(1, Math.abs(reference));
    }

    private static void assertBestFirst(Distance distance, List<ScoredId> hits) {
        for (int i = 1; i < hits.size(); i++) {
            ScoredId previous = hits.get(i - 1);
            ScoredId hit = hits.get(i);
            int order = Scoring.compareBestFirst(distance, previous.score(), hit.score());
            assertThat(order < 0 || order == 0 && previous.id().compareTo(hit.id()) < 0)
                    .as("%s ranks before %s", previous, hit).isTrue();
        }
    }

    private static void assertExactScores(Distance distance, Map<PointId, float[]> stored, float[] query,
                                          List<ScoredId> hits) {
        for (ScoredId hit : hits) {
            assertThat(stored).containsKey(hit.id());
            double expected = reference(distance, query, stored.get(hit.id()));
            assertThat((double) hit.score()).as("score of %s", hit.id())
                    .isCloseTo(expected, Offset.offset(tolerance(expected)));
        }
    }

    /**
     * {@code hits} must be the best {@code limit} of {@code stored} for {@code query}: as many as there
     * can be, best first with ties by id, exact scores, and nothing left out that ranks better than the
     * last hit (beyond float rounding).
     */
    protected static void assertExactTop(Distance distance, Map<PointId, float[]> stored, float[] query, int limit,
                                         List<ScoredId> hits) {
        assertThat(hits).hasSize(Math.min(limit, stored.size()));
        assertThat(hits.stream().map(ScoredId::id).distinct().count()).isEqualTo(hits.size());
        assertBestFirst(distance, hits);
        assertExactScores(distance, stored, query, hits);
        if (hits.isEmpty()) {
            return;
        }
        Set<PointId> returned = hits.stream().map(ScoredId::id).collect(Collectors.toSet());
        double last = reference(distance, query, stored.get(hits.getLast().id()));
        double slack = tolerance(last) * 2;
        Comparator<Double> better = distance.higherIsBetter() ? Comparator.reverseOrder() : Comparator.naturalOrder();
        stored.forEach((id, v) -> {
            if (!returned.contains(id)) {
                double score = reference(distance, query, v);
                double bound = distance.higherIsBetter() ? last + slack : last - slack;
                assertThat(better.compare(score, bound) >= 0)
                        .as("%s (score %s) ranks better than the last hit (%s) but was left out", id, score, last)
                        .isTrue();
            }
        });
    }
}
