package io.quiver.adapter.out.storage.lucene;

import static io.quiver.adapter.out.storage.lucene.LuceneTestData.assertBestFirstAndDistinct;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.assertScoresAreExact;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.awaitIndexed;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.bruteForce;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.id;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.recall;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large backlog goes into the graph through several threads (in chunks), and the graph that comes out
 * is as good as one built node by node: it is found by searches, keeps taking single inserts afterwards,
 * and persists and reloads.
 */
class LuceneBulkBuildTest {

    private static final Distance DISTANCE = Distance.COSINE;
    private static final VectorIndexSpec SPEC = new VectorIndexSpec(24, DISTANCE, 16, 100);

    @TempDir
    Path storage;

    private LuceneVectorIndexPort port() {
        return new LuceneVectorIndexPort(storage, 1, LuceneVectorIndex.Tuning.DEFAULTS, 2, 1_000, 3_000);
    }

    @Test
    void aBacklogIsInsertedInParallelChunksAndSearchesAsWellAsAGraphBuiltNodeByNode() {
        LuceneTestData data = LuceneTestData.clustered(11, 8_000, 40, 24, 16, DISTANCE);
        Map<PointId, float[]> stored = new HashMap<>();
        VectorIndex index = port().open("bulk", "", SPEC);
        data.upsertAll(index, 1);
        for (int i = 0; i < data.vectors.length; i++) {
            stored.put(id(i), data.vectors[i]);
        }
        awaitIndexed(index);
        assertThat(index.indexedCount()).isEqualTo(8_000);
        assertThat(((LuceneVectorIndex) index).bulkSteps()).as("chunks of at most 3,000 inserted in bulk").isGreaterThanOrEqualTo(3);
        assertThat(meanRecall(index, data, stored)).isGreaterThanOrEqualTo(0.95);

        // after the bulk: a few more points take the single-threaded path and are found through the graph
        LuceneTestData more = LuceneTestData.clustered(12, 500, 0, 24, 16, DISTANCE);
        for (int i = 0; i < more.vectors.length; i++) {
            index.upsert(id(20_000 + i), more.vectors[i], 2);
            stored.put(id(20_000 + i), more.vectors[i]);
        }
        awaitIndexed(index);
        assertThat(index.indexedCount()).isEqualTo(8_500);
        for (int i = 0; i < more.vectors.length; i += 50) {
            List<ScoredId> hits = index.searchIndexed(more.vectors[i], 1, 64, null);
            assertThat(hits).extracting(ScoredId::id).containsExactly(id(20_000 + i));
        }
        assertThat(meanRecall(index, data, stored)).isGreaterThanOrEqualTo(0.95);

        index.persist();
        index.close();
        VectorIndex reopened = port().open("bulk", "", SPEC);
        Map<PointId, Long> versions = new HashMap<>();
        stored.keySet().forEach(id -> versions.put(id, id.compareTo(id(20_000)) >= 0 ? 2L : 1L));
        int[] loads = {0};
        reopened.sync(versions, id -> {
            loads[0]++;
            return stored.get(id);
        });
        assertThat(loads[0]).as("vectors loaded from the point store after a restart").isZero();
        assertThat(reopened.indexedCount()).isEqualTo(8_500);
        assertThat(meanRecall(reopened, data, stored)).isGreaterThanOrEqualTo(0.95);
        reopened.close();
    }

    @Test
    void searchesDuringABulkInsertAreExactAndComplete() {
        LuceneTestData data = LuceneTestData.clustered(13, 8_000, 10, 24, 16, DISTANCE);
        Map<PointId, float[]> stored = new HashMap<>();
        VectorIndex index = port().open("during", "", SPEC);
        data.upsertAll(index, 1);
        for (int i = 0; i < data.vectors.length; i++) {
            stored.put(id(i), data.vectors[i]);
        }
        // whatever the background is doing, every answer is the exact one or as good as the graph's
        while (!index.upToDate()) {
            for (float[] query : data.queries) {
                List<ScoredId> hits = index.searchGraph(query, 10, 64, null);
                assertBestFirstAndDistinct(DISTANCE, hits);
                assertScoresAreExact(index, query, hits);
                assertThat(hits).hasSize(10);
            }
        }
        awaitIndexed(index);
        assertThat(meanRecall(index, data, stored)).isGreaterThanOrEqualTo(0.95);
        index.close();
    }

    private static double meanRecall(VectorIndex index, LuceneTestData data, Map<PointId, float[]> stored) {
        double sum = 0;
        for (float[] query : data.queries) {
            sum += recall(bruteForce(DISTANCE, stored, query, 10, null), index.searchGraph(query, 10, 64, null));
        }
        return sum / data.queries.length;
    }
}
