package io.quiver.adapter.out.storage.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quiver.adapter.out.storage.vector.VectorSpaceFiles;
import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndex.QuantizedSearch;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec.Quantization;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.ScalarVectorMath;
import io.quiver.domain.vector.Scoring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Scalar int8 quantization in the Lucene adapter: recall, heap footprint, restart, files, search options. */
class LuceneQuantizedVectorIndexTest {

    private static final Scoring SCORING = new Scoring(new ScalarVectorMath());
    private static final Quantization INT8 = Quantization.scalarInt8(0.99f);

    @TempDir
    Path storage;

    private final List<VectorIndex> opened = new ArrayList<>();

    @AfterEach
    void closeIndexes() {
        opened.forEach(VectorIndex::close);
    }

    private LuceneVectorIndex open(LuceneVectorIndexPort port, String collection, VectorIndexSpec spec) {
        LuceneVectorIndex index = (LuceneVectorIndex) port.open(collection, "v", spec);
        opened.add(index);
        return index;
    }

    private static VectorIndexSpec spec(int dim, Distance distance, Quantization quantization) {
        return new VectorIndexSpec(dim, distance, 16, 100, quantization);
    }

    /** Qdrant's defaults: the whole range of values (no quantile given), rescoring, no oversampling. */
    @ParameterizedTest
    @EnumSource(value = Distance.class, names = {"COSINE", "EUCLID"})
    void rescoredSearchesFindTheTrueNeighbours(Distance distance) {
        LuceneVectorIndex index = open(new LuceneVectorIndexPort(storage, 1), "recall",
                spec(64, distance, Quantization.scalarInt8(1f)));
        LuceneTestData data = LuceneTestData.clustered(7, 5_000, 100, 64, 40, distance);
        data.upsertAll(index, 1);
        awaitIdle(index);

        assertThat(recall(index, data, distance, QuantizedSearch.DEFAULT)).as("recall@10").isGreaterThanOrEqualTo(0.95);
    }

    /**
     * A quantile below 1 clips the values beyond it, and on tightly clustered vectors the clipped codes rank
     * the nearest neighbours less well: oversampling makes up for it, as Qdrant advises.
     */
    @Test
    void oversamplingMakesUpForClippedValues() {
        LuceneVectorIndex index = open(new LuceneVectorIndexPort(storage, 1), "clipped", spec(64, Distance.COSINE, INT8));
        LuceneTestData data = LuceneTestData.clustered(7, 5_000, 100, 64, 40, Distance.COSINE);
        data.upsertAll(index, 1);
        awaitIdle(index);

        double plain = recall(index, data, Distance.COSINE, QuantizedSearch.DEFAULT);
        double oversampled = recall(index, data, Distance.COSINE, new QuantizedSearch(false, true, 2));
        double ignored = recall(index, data, Distance.COSINE, new QuantizedSearch(true, true, 1));
        assertThat(plain).isGreaterThanOrEqualTo(0.85);
        assertThat(oversampled).isGreaterThanOrEqualTo(0.95).isGreaterThanOrEqualTo(plain);
        assertThat(ignored).isGreaterThanOrEqualTo(oversampled);
    }

    private static double recall(VectorIndex index, LuceneTestData data, Distance distance, QuantizedSearch options) {
        double sum = 0;
        for (float[] query : data.queries) {
            Set<PointId> truth = bruteForce(data.vectors, query, 10, distance);
            List<ScoredId> hits = index.searchGraph(query, 10, 100, null, null, options);
            assertThat(hits).hasSize(10);
            sum += hits.stream().filter(hit -> truth.contains(hit.id())).count() / 10.0;
        }
        return sum / data.queries.length;
    }

    @Test
    void quantizedVectorsTakeAQuarterOfTheHeapAndTheFloatsAreMapped() {
        LuceneVectorIndexPort port = new LuceneVectorIndexPort(storage, 1);
        LuceneVectorIndex floats = open(port, "floats", spec(64, Distance.COSINE, Quantization.NONE));
        LuceneVectorIndex quantized = open(port, "quantized", spec(64, Distance.COSINE, INT8));
        LuceneTestData data = LuceneTestData.clustered(8, 5_000, 1, 64, 40, Distance.COSINE);
        data.upsertAll(floats, 1);
        data.upsertAll(quantized, 1);
        awaitIdle(floats);
        awaitIdle(quantized);

        assertThat(floats.mappedVectorBytes()).isZero();
        assertThat(floats.heapVectorBytes()).isGreaterThanOrEqualTo(5_000L * 64 * Float.BYTES);
        assertThat(quantized.heapVectorBytes()).isPositive().isLessThanOrEqualTo(floats.heapVectorBytes() / 3);
        assertThat(quantized.mappedVectorBytes()).isGreaterThanOrEqualTo(5_000L * 64 * Float.BYTES);
        assertThat(quantized.memoryBytes()).isLessThan(floats.memoryBytes());
        assertThat(floatsFiles("quantized")).hasSize(1);
        assertThat(floatsFiles("floats")).isEmpty();
    }

    @Test
    void aRestartedIndexAnswersExactlyAsBefore() {
        VectorIndexSpec spec = spec(32, Distance.DOT, INT8);
        LuceneTestData data = LuceneTestData.clustered(9, 2_000, 30, 32, 20, Distance.DOT);
        LuceneVectorIndex first = open(new LuceneVectorIndexPort(storage, 1), "restart", spec);
        data.upsertAll(first, 1);
        for (int i = 0; i < 100; i++) { // dead ordinals survive a restart too
            first.remove(PointId.of(i));
        }
        awaitIdle(first);
        List<List<ScoredId>> before = searchAll(first, data.queries);
        first.persist();
        first.close();

        LuceneVectorIndex second = open(new LuceneVectorIndexPort(storage, 1), "restart", spec);
        Map<PointId, Long> versions = new HashMap<>();
        for (int i = 100; i < data.vectors.length; i++) {
            versions.put(PointId.of(i), 1L);
        }
        second.sync(versions, id -> fail("nothing to reload, %s", id));
        assertThat(second.upToDate()).isTrue();
        assertThat(second.indexedCount()).isEqualTo(data.vectors.length - 100);
        assertThat(searchAll(second, data.queries)).isEqualTo(before);
        assertThat(second.vector(PointId.of(500))).containsExactly(data.vectors[500]);
    }

    @Test
    void rescoreOffAndIgnoreStillReportExactScoresBestFirst() {
        LuceneVectorIndex index = open(new LuceneVectorIndexPort(storage, 1), "options", spec(32, Distance.EUCLID, INT8));
        LuceneTestData data = LuceneTestData.clustered(10, 2_000, 10, 32, 20, Distance.EUCLID);
        data.upsertAll(index, 1);
        awaitIdle(index);
        for (float[] query : data.queries) {
            Map<PointId, Float> exact = index.searchExact(query, data.vectors.length, null, null).stream()
                    .collect(Collectors.toMap(ScoredId::id, ScoredId::score));
            for (QuantizedSearch options : List.of(new QuantizedSearch(false, false, 1), new QuantizedSearch(true, true, 1),
                    new QuantizedSearch(false, true, 3.5))) {
                List<ScoredId> hits = index.searchGraph(query, 10, 64, null, null, options);
                assertThat(hits).as("%s", options).hasSize(10);
                for (int i = 0; i < hits.size(); i++) {
                    assertThat(hits.get(i).score()).isEqualTo(exact.get(hits.get(i).id()));
                    if (i > 0) {
                        assertThat(hits.get(i).score()).isGreaterThanOrEqualTo(hits.get(i - 1).score());
                    }
                }
            }
            // oversampling only adds candidates: it never ranks worse than the plain rescored search
            float plain = index.searchGraph(query, 10, 64, null, null, QuantizedSearch.DEFAULT).getLast().score();
            float oversampled = index.searchGraph(query, 10, 64, null, null, new QuantizedSearch(false, true, 4))
                    .getLast().score();
            assertThat(oversampled).isLessThanOrEqualTo(plain);
        }
    }

    @Test
    void compactionMovesTheFloatsToANewFileAndTheOldOneGoesAfterPersisting() {
        LuceneVectorIndex.Tuning eager = new LuceneVectorIndex.Tuning(10, 0.2, 64, TimeUnit.MILLISECONDS.toNanos(50));
        LuceneVectorIndexPort port = new LuceneVectorIndexPort(storage, 1, eager);
        LuceneVectorIndex index = open(port, "compacted", spec(16, Distance.COSINE, INT8));
        LuceneTestData data = LuceneTestData.clustered(11, 600, 10, 16, 8, Distance.COSINE);
        data.upsertAll(index, 1);
        awaitIdle(index);
        index.persist();
        Path persistedFile = floatsFiles("compacted").getFirst();
        LuceneTestData moved = LuceneTestData.clustered(12, 400, 0, 16, 8, Distance.COSINE);
        for (int i = 0; i < 400; i++) {
            index.upsert(PointId.of(i), moved.vectors[i], 2);
            data.vectors[i] = moved.vectors[i];
        }
        awaitIdle(index);
        assertThat(index.rebuilds()).isPositive();
        assertThat(index.deadOrdinals()).isLessThan(400);
        assertThat(floatsFiles("compacted")).contains(persistedFile).hasSize(2); // the persisted graph still names it

        index.persist();
        assertThat(floatsFiles("compacted")).hasSize(1).doesNotContain(persistedFile);
        for (float[] query : data.queries) {
            List<ScoredId> hits = index.searchGraph(query, 5, 64, null, null, QuantizedSearch.DEFAULT);
            assertThat(hits).hasSize(5);
            hits.forEach(hit -> assertThat(hit.score()).isCloseTo(
                    SCORING.score(Distance.COSINE, query, data.vectors[(int) ((PointId.NumericId) hit.id()).value()]),
                    org.assertj.core.data.Offset.offset(1e-5f)));
        }
        for (int i = 0; i < data.vectors.length; i++) {
            assertThat(index.vector(PointId.of(i))).containsExactly(data.vectors[i]);
        }
    }

    @Test
    void aGraphPersistedWithAnotherQuantizationIsRebuiltAndItsFloatsFileDeleted() {
        LuceneTestData data = LuceneTestData.clustered(13, 300, 0, 16, 4, Distance.EUCLID);
        LuceneVectorIndex quantized = open(new LuceneVectorIndexPort(storage, 1), "respec", spec(16, Distance.EUCLID, INT8));
        data.upsertAll(quantized, 1);
        awaitIdle(quantized);
        quantized.persist();
        quantized.close();
        assertThat(floatsFiles("respec")).hasSize(1);

        LuceneVectorIndex plain = open(new LuceneVectorIndexPort(storage, 1), "respec",
                spec(16, Distance.EUCLID, Quantization.NONE));
        assertThat(plain.size()).isZero(); // stale: rebuilt from the point store by sync
        assertThat(floatsFiles("respec")).isEmpty();
        plain.close();

        LuceneVectorIndex otherQuantile = open(new LuceneVectorIndexPort(storage, 1), "respec",
                spec(16, Distance.EUCLID, Quantization.scalarInt8(0.95f)));
        assertThat(otherQuantile.size()).isZero();
    }

    @Test
    void aDamagedFloatsFileIsNotTrusted() throws IOException {
        VectorIndexSpec spec = spec(16, Distance.DOT, INT8);
        LuceneTestData data = LuceneTestData.clustered(14, 300, 0, 16, 4, Distance.DOT);
        LuceneVectorIndex first = open(new LuceneVectorIndexPort(storage, 1), "damaged", spec);
        data.upsertAll(first, 1);
        awaitIdle(first);
        first.persist();
        first.close();
        Path file = floatsFiles("damaged").getFirst();
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), 40);
        }

        LuceneVectorIndex second = open(new LuceneVectorIndexPort(storage, 1), "damaged", spec);
        assertThat(second.size()).isZero();
        assertThat(floatsFiles("damaged")).hasSize(1).doesNotContain(file);
    }

    @Test
    void withoutAGraphTheFloatsAreStillMappedAndSearchesExact() {
        VectorIndexSpec noGraph = new VectorIndexSpec(16, Distance.MANHATTAN, 0, 100, INT8);
        LuceneTestData data = LuceneTestData.clustered(16, 400, 5, 16, 4, Distance.MANHATTAN);
        LuceneVectorIndex first = open(new LuceneVectorIndexPort(storage, 1), "flat", noGraph);
        data.upsertAll(first, 1);
        assertThat(first.heapVectorBytes()).isZero();
        assertThat(first.mappedVectorBytes()).isPositive();
        for (float[] query : data.queries) {
            assertThat(first.searchGraph(query, 7, 16, null, null, QuantizedSearch.DEFAULT))
                    .isEqualTo(first.searchExact(query, 7, null, null));
        }
        first.persist();
        first.close();

        LuceneVectorIndex second = open(new LuceneVectorIndexPort(storage, 1), "flat", noGraph);
        assertThat(second.size()).isZero(); // nothing persisted without a graph: sync reloads the points
        assertThat(floatsFiles("flat")).hasSize(1);
    }

    @Test
    void dropDeletesTheFloatsFiles() {
        LuceneVectorIndexPort port = new LuceneVectorIndexPort(storage, 1);
        LuceneVectorIndex index = open(port, "dropped", spec(8, Distance.COSINE, INT8));
        LuceneTestData.clustered(15, 50, 0, 8, 2, Distance.COSINE).upsertAll(index, 1);
        awaitIdle(index);
        index.persist();
        index.close();
        // searches keep working after close (a replaced collection answers until its readers are done)
        assertThat(index.searchExact(new float[8], 3, null, null)).hasSize(3);
        port.drop("dropped", "v");
        assertThat(floatsFiles("dropped")).isEmpty();
    }

    // ---------------------------------------------------------------------------------- helpers

    private List<Path> floatsFiles(String collection) {
        Path dir = VectorSpaceFiles.vectorsDir(storage, collection);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".f32")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<List<ScoredId>> searchAll(VectorIndex index, float[][] queries) {
        List<List<ScoredId>> all = new ArrayList<>();
        for (float[] query : queries) {
            all.add(index.searchGraph(query, 10, 64, null, null, QuantizedSearch.DEFAULT));
            all.add(index.searchGraph(query, 10, 64, null, null, new QuantizedSearch(false, false, 1)));
        }
        return all;
    }

    private static Set<PointId> bruteForce(float[][] vectors, float[] query, int k, Distance distance) {
        List<Integer> order = new ArrayList<>();
        double[] scores = new double[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            order.add(i);
            scores[i] = SCORING.score(distance, query, vectors[i]);
        }
        order.sort((a, b) -> distance.higherIsBetter() ? Double.compare(scores[b], scores[a])
                : Double.compare(scores[a], scores[b]));
        Set<PointId> top = new HashSet<>();
        for (int i = 0; i < k; i++) {
            top.add(PointId.of(order.get(i)));
        }
        return top;
    }

    private static void awaitIdle(VectorIndex index) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!index.upToDate()) {
            if (System.nanoTime() > deadline) {
                fail("index did not become up to date");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
