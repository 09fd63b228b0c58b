package io.quiver.application.port.out;

import static io.quiver.application.port.out.ReferenceSparseIndexPort.BEST_FIRST;
import static io.quiver.application.port.out.ReferenceSparseIndexPort.bruteForce;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.query.Similarity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link SparseIndexPort} and its {@link SparseIndex}es must do. An adapter's test extends
 * this class and supplies {@link #openPort()}.
 *
 * <p>Scores are held to the exact formula the server used before it had a sparse index — every point
 * read, IDF counted over all of them, {@link Similarity#sparseDot} — bit for bit, with the same order
 * (higher first, ties by id) and the same rule that points sharing no dimension with the query are not
 * returned at all.
 */
public abstract class SparseIndexContract {

    /** A port over this test's storage. */
    protected abstract SparseIndexPort openPort();

    private SparseIndex open(String collection) {
        return openPort().open(collection, "text");
    }

    // ------------------------------------------------------------------------------ basic writes

    @Test
    void upsertReplaceRemoveAndSize() {
        SparseIndex index = open("basic");
        assertThat(index.size()).isZero();
        index.upsert(id(1), sparse(new int[] {1, 2}, new float[] {1, 1}));
        index.upsert(id(2), sparse(new int[] {2, 3}, new float[] {2, 2}));
        index.upsert(uuid(3), sparse(new int[] {3}, new float[] {3}));
        assertThat(index.size()).isEqualTo(3);

        // replacing: the old dimensions are gone, the new ones answer
        index.upsert(id(1), sparse(new int[] {7}, new float[] {0.5f}));
        assertThat(index.size()).isEqualTo(3);
        assertThat(index.search(sparse(new int[] {1}, new float[] {1}), 10, false, null, null)).isEmpty();
        assertThat(index.search(sparse(new int[] {2}, new float[] {1}), 10, false, null, null))
                .containsExactly(new ScoredId(id(2), 2));
        assertThat(index.search(sparse(new int[] {7}, new float[] {2}), 10, false, null, null))
                .containsExactly(new ScoredId(id(1), 1));

        // the same vector again changes nothing
        index.upsert(id(1), sparse(new int[] {7}, new float[] {0.5f}));
        assertThat(index.size()).isEqualTo(3);

        index.remove(id(2));
        index.remove(id(2));
        index.remove(id(404));
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.search(sparse(new int[] {2, 3}, new float[] {1, 1}), 10, false, null, null))
                .containsExactly(new ScoredId(uuid(3), 3));

        // a removed point may come back
        index.upsert(id(2), sparse(new int[] {3}, new float[] {1}));
        assertThat(index.search(sparse(new int[] {3}, new float[] {1}), 10, false, null, null))
                .containsExactly(new ScoredId(uuid(3), 3), new ScoredId(id(2), 1));
    }

    @Test
    void anEmptyIndexAndDegenerateQueriesFindNothing() {
        SparseIndex index = open("empty");
        VectorData.Sparse q = sparse(new int[] {1}, new float[] {1});
        assertThat(index.search(q, 10, false, null, null)).isEmpty();
        assertThat(index.search(q, 10, true, null, null)).isEmpty();
        index.upsert(id(1), sparse(new int[] {1}, new float[] {1}));
        assertThat(index.search(q, 0, false, null, null)).isEmpty();
        assertThat(index.search(sparse(new int[0], new float[0]), 10, false, null, null)).isEmpty();
        assertThat(index.search(q, 10, false, Set.of(), null)).isEmpty();
        assertThat(index.search(q, 10, false, Set.of(id(2)), null)).isEmpty();
        assertThat(index.search(q, 10, false, null, id -> false)).isEmpty();
    }

    // ----------------------------------------------------------------------------------- scores

    @Test
    void scoresAreDotProductsOverSharedDimensionsOnly() {
        SparseIndex index = open("dot");
        index.upsert(id(1), sparse(new int[] {1, 2, 3}, new float[] {1, 2, 3}));
        index.upsert(id(2), sparse(new int[] {3, 4}, new float[] {-1, 10}));
        index.upsert(id(3), sparse(new int[] {5}, new float[] {100})); // shares nothing with the query
        index.upsert(id(4), sparse(new int[] {2}, new float[] {0})); // shares a dimension, scores 0
        VectorData.Sparse q = sparse(new int[] {2, 3, 9}, new float[] {0.5f, 2, 7});
        assertThat(index.search(q, 10, false, null, null)).containsExactly(
                new ScoredId(id(1), 0.5f * 2 + 2 * 3),
                new ScoredId(id(4), 0),
                new ScoredId(id(2), -2));
        assertThat(index.search(q, 2, false, null, null)).containsExactly(
                new ScoredId(id(1), 7), new ScoredId(id(4), 0));
    }

    @Test
    void dimensionsAreUnsignedIntegers() {
        SparseIndex index = open("unsigned");
        int big = (int) 4_000_000_000L; // negative as an int, beyond 2^31 as Qdrant's u32
        index.upsert(id(1), sparse(new int[] {big, 5}, new float[] {2, 1}));
        index.upsert(id(2), sparse(new int[] {-1}, new float[] {3}));
        assertThat(index.search(sparse(new int[] {5, big}, new float[] {1, 1}), 10, false, null, null))
                .containsExactly(new ScoredId(id(1), 3));
        assertThat(index.search(sparse(new int[] {-1}, new float[] {2}), 10, false, null, null))
                .containsExactly(new ScoredId(id(2), 6));
    }

    @Test
    void idfFollowsQdrantsFormulaAndTracksEveryWrite() {
        SparseIndex index = open("idf");
        index.upsert(id(1), sparse(new int[] {1, 2}, new float[] {1, 1}));
        index.upsert(id(2), sparse(new int[] {1}, new float[] {1}));
        index.upsert(id(3), sparse(new int[] {1}, new float[] {1}));
        index.upsert(id(4), sparse(new int[0], new float[0])); // holds the space: counts in N
        VectorData.Sparse q = sparse(new int[] {1, 2}, new float[] {1, 1});
        float idf1 = Similarity.idf(4, 3);
        float idf2 = Similarity.idf(4, 1);
        assertThat(index.size()).isEqualTo(4);
        assertThat(index.search(q, 10, true, null, null)).containsExactly(
                new ScoredId(id(1), 1 * 1 * idf1 + 1 * 1 * idf2),
                new ScoredId(id(2), idf1),
                new ScoredId(id(3), idf1));

        index.remove(id(3));
        index.upsert(id(2), sparse(new int[] {2}, new float[] {1}));
        float idf1After = Similarity.idf(3, 1);
        float idf2After = Similarity.idf(3, 2);
        assertThat(index.search(q, 10, true, null, null)).containsExactly(
                new ScoredId(id(1), idf1After + idf2After),
                new ScoredId(id(2), idf2After));
    }

    @Test
    void tiesAreBrokenByIdNumbersBeforeUuids() {
        SparseIndex index = open("ties");
        List<PointId> ids = List.of(id(9), uuid(1), id(3), id(5), uuid(0));
        for (PointId id : ids) {
            index.upsert(id, sparse(new int[] {1}, new float[] {1}));
        }
        List<PointId> expected = ids.stream().sorted().toList();
        assertThat(index.search(sparse(new int[] {1}, new float[] {1}), 10, false, null, null))
                .extracting(ScoredId::id).containsExactlyElementsOf(expected);
        assertThat(index.search(sparse(new int[] {1}, new float[] {1}), 3, true, null, null))
                .extracting(ScoredId::id).containsExactlyElementsOf(expected.subList(0, 3));
    }

    @Test
    void candidatesAndAcceptRestrictTheSearch() {
        SparseIndex index = open("filter");
        for (int i = 0; i < 20; i++) {
            index.upsert(id(i), sparse(new int[] {1}, new float[] {i}));
        }
        VectorData.Sparse q = sparse(new int[] {1}, new float[] {1});
        Predicate<PointId> even = id -> ((PointId.NumericId) id).value() % 2 == 0;
        assertThat(index.search(q, 3, false, null, even)).extracting(ScoredId::id)
                .containsExactly(id(18), id(16), id(14));
        assertThat(index.search(q, 3, false, Set.of(id(1), id(2), id(3), id(99)), null)).extracting(ScoredId::id)
                .containsExactly(id(3), id(2), id(1));
        assertThat(index.search(q, 3, false, Set.of(id(1), id(2), id(3)), even)).extracting(ScoredId::id)
                .containsExactly(id(2));
    }

    // ------------------------------------------------------------------- equivalence at scale

    /**
     * Random sparse vectors (a Zipf-like vocabulary, so some dimensions are in most points), random updates
     * and removals, then random queries — with and without IDF, candidates of every size and a filter:
     * always the brute-force answer, bit for bit.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void matchesTheBruteForceFormulaOnRandomData(boolean idf) {
        Random random = new Random(idf ? 42 : 7);
        SparseIndex index = open("random-" + idf);
        Map<PointId, VectorData.Sparse> stored = new LinkedHashMap<>();
        int points = 6000;
        for (int i = 0; i < points; i++) {
            PointId id = i % 10 == 0 ? uuid(i) : id(i);
            VectorData.Sparse v = randomSparse(random, 12);
            stored.put(id, v);
            index.upsert(id, v);
        }
        List<PointId> ids = new ArrayList<>(stored.keySet());
        for (int i = 0; i < 1500; i++) {
            PointId id = ids.get(random.nextInt(ids.size()));
            if (random.nextInt(3) == 0) {
                stored.remove(id);
                index.remove(id);
            } else {
                VectorData.Sparse v = randomSparse(random, 12);
                stored.put(id, v);
                index.upsert(id, v);
            }
        }
        assertThat(index.size()).isEqualTo(stored.size());
        for (int q = 0; q < 40; q++) {
            VectorData.Sparse query = randomSparse(random, 1 + random.nextInt(8));
            int limit = 1 + random.nextInt(q % 5 == 0 ? 5000 : 30);
            Set<PointId> candidates = switch (q % 4) {
                case 0 -> null;
                case 1 -> sample(random, ids, 5);
                case 2 -> sample(random, ids, 3000);
                default -> sample(random, ids, 300);
            };
            Predicate<PointId> accept = q % 3 == 0 ? id -> (id.hashCode() & 1) == 0 : null;
            List<ScoredId> expected = bruteForce(stored, query, limit, idf, candidates, accept);
            List<ScoredId> actual = index.search(query, limit, idf, candidates, accept);
            assertThat(actual).as("query %s: %s", q, query).containsExactlyElementsOf(expected);
        }
    }

    // ------------------------------------------------------------------------------ concurrency

    @Test
    void searchesRunWhileOneWriterWrites() throws Exception {
        SparseIndex index = open("concurrent");
        Random seed = new Random(3);
        for (int i = 0; i < 2000; i++) {
            index.upsert(id(i), randomSparse(seed, 10));
        }
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?> writer = pool.submit(() -> {
                Random random = new Random(4);
                for (int i = 0; i < 20_000 && !stop.get(); i++) {
                    PointId id = id(random.nextInt(3000));
                    if (random.nextInt(4) == 0) {
                        index.remove(id);
                    } else {
                        index.upsert(id, randomSparse(random, 10));
                    }
                }
                return null;
            });
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                int salt = r;
                readers.add(pool.submit(() -> {
                    Random random = new Random(100 + salt);
                        while (!writer.isDone()) {
                        List<ScoredId> hits = index.search(randomSparse(random, 5), 20, salt % 2 == 0, null,
                                salt == 2 ? id -> true : null);
                        assertThat(hits.size()).isLessThanOrEqualTo(20);
                        for (int i = 1; i < hits.size(); i++) {
                            assertThat(BEST_FIRST.compare(hits.get(i - 1), hits.get(i))).isNegative();
                        }
                    }
                    return null;
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------- helpers

    protected static PointId id(long n) {
        return PointId.of(n);
    }

    protected static PointId uuid(long n) {
        return PointId.of(new UUID(0x1234L, n));
    }

    protected static VectorData.Sparse sparse(int[] indices, float[] values) {
        return new VectorData.Sparse(indices, values);
    }

    /** Up to {@code maxLength} distinct dimensions, skewed towards small ones; a few beyond 2^31. */
    protected static VectorData.Sparse randomSparse(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        Set<Integer> dims = new HashSet<>();
        while (dims.size() < length) {
            double u = random.nextDouble();
            int dim = (int) (Math.pow(u, 3) * 500); // dimension 0 is in a sizeable share of the points
            dims.add(random.nextInt(50) == 0 ? -1 - dim : dim);
        }
        int[] indices = dims.stream().mapToInt(Integer::intValue).toArray();
        float[] values = new float[indices.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(10) == 0 ? 0f : (float) (random.nextGaussian() * 2);
        }
        return new VectorData.Sparse(indices, values);
    }

    private static Set<PointId> sample(Random random, List<PointId> ids, int n) {
        Set<PointId> out = new HashSet<>();
        while (out.size() < Math.min(n, ids.size())) {
            out.add(ids.get(random.nextInt(ids.size())));
        }
        out.add(id(10_000_000)); // never stored: must be ignored
        return out;
    }
}
