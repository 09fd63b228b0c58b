package io.quiver.adapter.out.storage.lucene;

import static io.quiver.adapter.out.storage.lucene.LuceneTestData.assertBestFirstAndDistinct;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.assertReferenceScores;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.assertScoresAreExact;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.bruteForce;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.id;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.number;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.recall;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Filtering inside the graph walk ({@code searchGraph(query, limit, ef, candidates, accept)}): recall
 * against a double-precision brute force for broad to very narrow filters, hits that all pass, exact
 * scores best first, and exactly the passing points when fewer than {@code limit} pass. The graph is
 * built synchronously by running the background slices by hand, so every run sees the same graph; the
 * tests that only search share one index per distance.
 */
class LuceneFilteredSearchTest {

    private static final int DIM = 32;
    private static final int N = 3_000;
    private static final int K = 10;

    private final LuceneTestData.ManualExecutor background = new LuceneTestData.ManualExecutor();
    private final List<LuceneVectorIndex> opened = new ArrayList<>();

    /** The read-only tests share one fully built index per distance: building is the slow part. */
    private record Shared(LuceneTestData data, LuceneVectorIndex index, Map<PointId, float[]> stored) {
    }

    private static final Map<Distance, Shared> SHARED = new EnumMap<>(Distance.class);

    /** Points 0..2999 of clustered data, all in the graph, then point 5 removed. */
    private static synchronized Shared shared(Distance distance) {
        return SHARED.computeIfAbsent(distance, d -> {
            LuceneTestData.ManualExecutor background = new LuceneTestData.ManualExecutor();
            LuceneTestData data = LuceneTestData.clustered(61, N, 50, DIM, 30, d);
            LuceneVectorIndex index = open(d, background);
            Map<PointId, float[]> stored = indexed(index, background, data, N);
            index.remove(id(5));
            stored.remove(id(5));
            background.runAll();
            return new Shared(data, index, stored);
        });
    }

    @AfterAll
    static synchronized void closeShared() {
        SHARED.values().forEach(s -> s.index().close());
        SHARED.clear();
    }

    @AfterEach
    void close() {
        opened.forEach(LuceneVectorIndex::close);
    }

    private static LuceneVectorIndex open(Distance distance, LuceneTestData.ManualExecutor background) {
        return LuceneVectorIndex.open(new VectorIndexSpec(DIM, distance, 16, 100), "test/filtered-" + distance,
                null, background, LuceneVectorIndex.Tuning.DEFAULTS);
    }

    /** {@code data}'s points 0..n-1, all in the graph. */
    private static Map<PointId, float[]> indexed(LuceneVectorIndex index, LuceneTestData.ManualExecutor background,
                                                 LuceneTestData data, int n) {
        Map<PointId, float[]> stored = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            index.upsert(id(i), data.vectors[i], 1);
            stored.put(id(i), data.vectors[i]);
        }
        background.runAll();
        assertThat(index.upToDate()).isTrue();
        assertThat(index.indexedCount()).isEqualTo(n);
        return stored;
    }

    /** About {@code fraction} of ids 0..n-1, drawn with a fixed seed. */
    private static Set<PointId> randomSubset(long seed, int n, double fraction) {
        Random random = new Random(seed);
        Set<PointId> subset = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < fraction) {
                subset.add(id(i));
            }
        }
        return subset;
    }

    // ------------------------------------------------------------------------------------ recall

    /**
     * One filter shape: {@code candidates} and/or {@code accept}, searched with beam width {@code ef}. The
     * widths are chosen so that the 50 % and 10 % candidate sets take the graph walk (more candidates than
     * twice the nodes the walk is expected to visit) and the 1 % set takes the exact fallback.
     */
    private record Case(String name, Set<PointId> candidates, Predicate<PointId> accept, int ef) {
        boolean passes(PointId id) {
            return (candidates == null || candidates.contains(id)) && (accept == null || accept.test(id));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Distance.class, names = {"COSINE", "EUCLID"})
    void filteredGraphSearchKeepsRecallForBroadAndNarrowFilters(Distance distance) {
        Shared shared = shared(distance);
        LuceneTestData data = shared.data();
        LuceneVectorIndex index = shared.index();
        Map<PointId, float[]> stored = shared.stored();

        Set<PointId> half = randomSubset(1, N, 0.5);
        Set<PointId> tenth = randomSubset(2, N, 0.1);
        Set<PointId> hundredth = randomSubset(3, N, 0.01);
        Predicate<PointId> even = id -> number(id) % 2 == 0;
        List<Case> cases = List.of(
                new Case("candidates 50%", half, null, 32),
                new Case("candidates 10%", tenth, null, 16),
                new Case("candidates 1%", hundredth, null, 64),
                new Case("candidates 50% and accept even", half, even, 32),
                new Case("accept 50%", null, half::contains, 32),
                new Case("accept 10%", null, tenth::contains, 32),
                new Case("accept 1%", null, hundredth::contains, 32));

        for (Case c : cases) {
            long passing = stored.keySet().stream().filter(c::passes).count();
            double sum = 0;
            for (float[] query : data.queries) {
                List<ScoredId> hits = index.searchGraph(query, K, c.ef(), c.candidates(), c.accept());
                assertThat(hits).as(c.name()).hasSize((int) Math.min(K, passing));
                assertThat(hits).as(c.name()).extracting(ScoredId::id).allMatch(c::passes);
                assertBestFirstAndDistinct(distance, hits);
                assertScoresAreExact(index, query, hits);
                assertReferenceScores(distance, stored, query, hits);
                sum += recall(bruteForce(distance, stored, query, K, c::passes), hits);
            }
            assertThat(sum / data.queries.length).as("recall@10 with %s", c.name()).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void aBroadFilterIsAppliedInsideTheWalkRatherThanByAScan() {
        Shared shared = shared(Distance.COSINE);
        LuceneTestData data = shared.data();
        LuceneVectorIndex index = shared.index();
        Map<PointId, float[]> stored = shared.stored();
        Set<PointId> half = randomSubset(4, N, 0.5);
        AtomicInteger tested = new AtomicInteger();
        Predicate<PointId> counting = id -> {
            tested.incrementAndGet();
            return half.contains(id);
        };
        Predicate<PointId> all = id -> {
            tested.incrementAndGet();
            return true;
        };
        double sumAccept = 0;
        double sumCandidates = 0;
        for (float[] query : data.queries) {
            tested.set(0);
            List<ScoredId> hits = index.searchGraph(query, K, 32, null, counting);
            // a scan would ask about every point; a walk only about the nodes it reaches
            assertThat(tested.get()).as("predicate calls of a walk").isLessThan(N / 2);
            sumAccept += recall(bruteForce(Distance.COSINE, stored, query, K, half::contains), hits);

            tested.set(0);
            hits = index.searchGraph(query, K, 32, half, all);
            assertThat(tested.get()).as("predicate calls of a walk over candidates").isLessThan(half.size() / 2);
            sumCandidates += recall(bruteForce(Distance.COSINE, stored, query, K, half::contains), hits);
        }
        assertThat(sumAccept / data.queries.length).isGreaterThanOrEqualTo(0.95);
        assertThat(sumCandidates / data.queries.length).isGreaterThanOrEqualTo(0.95);
    }

    // ------------------------------------------------------------------------- few that pass

    @ParameterizedTest
    @EnumSource(value = Distance.class, names = {"COSINE", "EUCLID"})
    void whenFewerThanLimitPassExactlyThoseComeBack(Distance distance) {
        Shared shared = shared(distance);
        LuceneVectorIndex index = shared.index();
        Map<PointId, float[]> stored = shared.stored();
        float[][] queries = Arrays.copyOf(shared.data().queries, 10);
        Random random = new Random(64);
        Set<PointId> seven = new HashSet<>();
        while (seven.size() < 7) {
            int n = random.nextInt(N);
            if (n != 5) {
                seven.add(id(n));
            }
        }
        Set<PointId> sevenPlusStrangers = new HashSet<>(seven);
        sevenPlusStrangers.add(id(5)); // removed
        sevenPlusStrangers.add(id(1_000_000)); // never stored
        Set<PointId> four = Set.of(id(10), id(1_010), id(2_010), id(2_999));
        Set<PointId> half = randomSubset(5, N, 0.5);
        // six points that pass a predicate among 1,500 candidates, and some that pass it outside them
        List<PointId> sixInside = half.stream().sorted().limit(6).toList();
        Set<PointId> predicateSet = new HashSet<>(sixInside);
        for (int i = 0; predicateSet.size() < 12; i++) {
            if (!half.contains(id(i))) {
                predicateSet.add(id(i));
            }
        }

        for (float[] query : queries) {
            for (boolean indexedOnly : new boolean[] {false, true}) {
                assertExactly(index, distance, stored, query, seven, sevenPlusStrangers, null, indexedOnly);
                assertExactly(index, distance, stored, query, four, null, four::contains, indexedOnly);
                assertExactly(index, distance, stored, query, Set.copyOf(sixInside), half, predicateSet::contains,
                        indexedOnly);
                assertExactly(index, distance, stored, query, Set.of(), half, id -> false, indexedOnly);
                assertExactly(index, distance, stored, query, Set.of(), Set.of(), null, indexedOnly);
            }
        }
    }

    private static void assertExactly(LuceneVectorIndex index, Distance distance, Map<PointId, float[]> stored,
                                      float[] query, Set<PointId> expected, Set<PointId> candidates,
                                      Predicate<PointId> accept, boolean indexedOnly) {
        List<ScoredId> hits = indexedOnly
                ? index.searchIndexed(query, K, 64, candidates, accept)
                : index.searchGraph(query, K, 64, candidates, accept);
        assertThat(hits).extracting(ScoredId::id).containsExactlyInAnyOrderElementsOf(expected);
        assertBestFirstAndDistinct(distance, hits);
        assertScoresAreExact(index, query, hits);
        assertReferenceScores(distance, stored, query, hits);
    }

    // ------------------------------------------------------------------------ pending vectors

    @Test
    void filteredSearchMergesVectorsTheGraphDoesNotHoldYet() {
        Distance distance = Distance.EUCLID;
        LuceneTestData data = LuceneTestData.clustered(65, N, 50, DIM, 30, distance);
        LuceneVectorIndex index = open(distance, background);
        opened.add(index);
        Map<PointId, float[]> stored = indexed(index, background, data, 2_000);
        Set<PointId> pending = new HashSet<>();
        for (int i = 2_000; i < N; i++) {
            index.upsert(id(i), data.vectors[i], 1);
            stored.put(id(i), data.vectors[i]);
            pending.add(id(i));
        }
        // a third of the points wait for the graph (the background slices are not run)
        assertThat(index.indexedCount()).isEqualTo(2_000);
        assertThat(index.upToDate()).isFalse();
        Set<PointId> half = randomSubset(6, N, 0.5);
        Set<PointId> most = randomSubset(7, N, 0.9);
        // the filter as payload-index candidates, and as a predicate (whose pass rate the index estimates)
        List<Case> cases = List.of(
                new Case("candidates 50%", half, null, 32),
                new Case("accept 50%", null, half::contains, 32),
                new Case("accept 90%", null, most::contains, 32));

        for (Case c : cases) {
            double graphRecall = 0;
            double indexedRecall = 0;
            int pendingHits = 0;
            for (float[] query : data.queries) {
                List<ScoredId> hits = index.searchGraph(query, K, c.ef(), c.candidates(), c.accept());
                assertThat(hits).as(c.name()).hasSize(K).extracting(ScoredId::id).allMatch(c::passes);
                assertBestFirstAndDistinct(distance, hits);
                assertScoresAreExact(index, query, hits);
                graphRecall += recall(bruteForce(distance, stored, query, K, c::passes), hits);
                pendingHits += (int) hits.stream().filter(hit -> pending.contains(hit.id())).count();

                List<ScoredId> indexedOnly = index.searchIndexed(query, K, c.ef(), c.candidates(), c.accept());
                assertThat(indexedOnly).as(c.name()).hasSize(K).extracting(ScoredId::id)
                        .allMatch(c::passes).noneMatch(pending::contains);
                assertBestFirstAndDistinct(distance, indexedOnly);
                assertScoresAreExact(index, query, indexedOnly);
                indexedRecall += recall(bruteForce(distance, stored, query, K, id -> c.passes(id)
                        && !pending.contains(id)), indexedOnly);
            }
            assertThat(graphRecall / data.queries.length).as(c.name()).isGreaterThanOrEqualTo(0.95);
            assertThat(indexedRecall / data.queries.length).as(c.name()).isGreaterThanOrEqualTo(0.95);
            assertThat(pendingHits).as("pending vectors found with %s", c.name()).isPositive();
        }

        background.runAll();
        assertThat(index.indexedCount()).isEqualTo(N);
        for (float[] query : data.queries) {
            assertThat(index.searchIndexed(query, K, 32, half, null))
                    .containsExactlyElementsOf(index.searchGraph(query, K, 32, half, null));
        }
    }

    /** Indexed-only searches with most points still waiting: the walk must only count what the graph holds. */
    @Test
    void indexedOnlySearchWithAPredicateWhileMostPointsWait() {
        Distance distance = Distance.COSINE;
        LuceneTestData data = LuceneTestData.clustered(66, N, 20, DIM, 30, distance);
        LuceneVectorIndex index = open(distance, background);
        opened.add(index);
        Map<PointId, float[]> stored = indexed(index, background, data, 1_000);
        for (int i = 1_000; i < N; i++) {
            index.upsert(id(i), data.vectors[i], 1);
        }
        assertThat(index.indexedCount()).isEqualTo(1_000);
        Predicate<PointId> even = id -> number(id) % 2 == 0;
        double sum = 0;
        for (float[] query : data.queries) {
            List<ScoredId> hits = index.searchIndexed(query, K, 32, null, even);
            assertThat(hits).hasSize(K).extracting(ScoredId::id).allMatch(even)
                    .allMatch(id -> number(id) < 1_000);
            assertBestFirstAndDistinct(distance, hits);
            assertScoresAreExact(index, query, hits);
            sum += recall(bruteForce(distance, stored, query, K, even), hits);
        }
        assertThat(sum / data.queries.length).isGreaterThanOrEqualTo(0.95);
    }
}
