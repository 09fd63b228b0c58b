package io.quiver.adapter.out.storage.lucene;

import static io.quiver.adapter.out.storage.lucene.LuceneTestData.assertBestFirstAndDistinct;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.assertReferenceScores;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.bruteForce;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.id;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.number;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code m = 0} is Qdrant's "no graph": every search is an exact scan, there is never background work
 * (always up to date), nothing is persisted, and — as the hnswlib adapter reports it — no vector counts
 * as indexed by a graph ({@code indexedCount() == 0}), while indexed-only searches see every vector.
 */
class LuceneNoGraphTest {

    private static final int DIM = 32;

    @TempDir
    Path storage;

    private final List<VectorIndex> opened = new ArrayList<>();

    @AfterEach
    void closeIndexes() {
        opened.forEach(VectorIndex::close);
    }

    private static VectorIndexSpec noGraph(Distance distance) {
        return new VectorIndexSpec(DIM, distance, 0, 100);
    }

    @ParameterizedTest
    @EnumSource(value = Distance.class, names = {"COSINE", "EUCLID"})
    void everySearchIsExactAndNoWorkIsEverPending(Distance distance) {
        LuceneTestData data = LuceneTestData.clustered(111, 1_200, 10, DIM, 10, distance);
        LuceneTestData.ManualExecutor background = new LuceneTestData.ManualExecutor();
        LuceneVectorIndex index = LuceneVectorIndex.open(noGraph(distance), "test/m0-" + distance, null, background,
                LuceneVectorIndex.Tuning.DEFAULTS);
        opened.add(index);
        Map<PointId, float[]> expected = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            index.upsert(id(i), data.vectors[i], 1);
            expected.put(id(i), data.vectors[i]);
            if (i % 100 == 0) {
                assertThat(index.upToDate()).isTrue();
                assertThat(index.indexedCount()).isZero();
            }
        }
        for (int i = 0; i < 200; i++) {
            index.upsert(id(i), data.vectors[1_000 + i], 2);
            expected.put(id(i), data.vectors[1_000 + i]);
        }
        for (int i = 200; i < 300; i++) {
            index.remove(id(i));
            expected.remove(id(i));
        }
        assertThat(background.isEmpty()).as("background work scheduled without a graph").isTrue();
        assertThat(index.upToDate()).isTrue();
        assertThat(index.indexedCount()).isZero();
        assertThat(index.size()).isEqualTo(900);
        assertThat(index.deadOrdinals()).isEqualTo(300);

        Random random = new Random(112);
        Set<PointId> candidates = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            if (random.nextInt(10) == 0) {
                candidates.add(id(i));
            }
        }
        Predicate<PointId> odd = id -> number(id) % 2 == 1;
        for (float[] query : data.queries) {
            for (int limit : new int[] {1, 10, 100, 2_000}) {
                List<ScoredId> exact = index.searchExact(query, limit, null, null);
                assertThat(exact).hasSize(Math.min(limit, 900));
                assertBestFirstAndDistinct(distance, exact);
                assertReferenceScores(distance, expected, query, exact);
                // a low ef changes nothing: there is no beam to narrow
                assertThat(index.searchGraph(query, limit, 1, null)).isEqualTo(exact);
                assertThat(index.searchIndexed(query, limit, 1, null)).isEqualTo(exact);
                assertThat(index.searchGraph(query, limit, 1, candidates, odd))
                        .isEqualTo(index.searchExact(query, limit, candidates, odd));
                assertThat(index.searchIndexed(query, limit, 1, candidates, null))
                        .isEqualTo(index.searchExact(query, limit, candidates, null));
                assertThat(index.searchGraph(query, limit, 1, null, odd))
                        .isEqualTo(index.searchExact(query, limit, null, odd));
            }
            // the right points, by a double-precision brute force (ranks 1..5, well clear of float rounding)
            assertThat(index.searchGraph(query, 5, 1, null)).extracting(ScoredId::id)
                    .containsExactlyElementsOf(bruteForce(distance, expected, query, 5, null));
        }

        index.sync(Map.of(id(1), 2L, id(2_000), 1L), id -> data.vectors[1_100]);
        assertThat(background.isEmpty()).isTrue();
        assertThat(index.upToDate()).isTrue();
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.searchGraph(data.vectors[1_100], 1, 1, null)).extracting(ScoredId::id)
                .containsExactly(id(2_000));
    }

    @Test
    void nothingIsPersistedAndAnotherSpecsFileIsNotRead() {
        LuceneTestData data = LuceneTestData.clustered(113, 300, 5, DIM, 5, Distance.EUCLID);
        LuceneVectorIndexPort port = new LuceneVectorIndexPort(storage, 1);
        VectorIndex index = port.open("m0", "dense", noGraph(Distance.EUCLID));
        opened.add(index);
        data.upsertAll(index, 1);
        assertThat(index.upToDate()).isTrue();
        assertThat(index.indexedCount()).isZero();
        index.persist();
        index.close();
        assertThat(storage.resolve("collections")).doesNotExist();

        // a graph persisted with m = 16 is not picked up by the same space with m = 0
        VectorIndex withGraph = new LuceneVectorIndexPort(storage, 1)
                .open("m0", "dense", new VectorIndexSpec(DIM, Distance.EUCLID, 16, 100));
        opened.add(withGraph);
        data.upsertAll(withGraph, 1);
        LuceneTestData.awaitIndexed(withGraph);
        withGraph.persist();
        withGraph.close();
        assertThat(LuceneGraphFiles.of(storage, "m0", "dense").file()).isRegularFile();

        VectorIndex reopened = new LuceneVectorIndexPort(storage, 1).open("m0", "dense", noGraph(Distance.EUCLID));
        opened.add(reopened);
        assertThat(reopened.size()).isZero();
        assertThat(reopened.upToDate()).isTrue();
    }
}
