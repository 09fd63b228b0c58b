package io.quiver.adapter.out.storage.hnsw;

import static io.quiver.adapter.out.storage.hnsw.ClusteredData.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the HNSW adapter promises beyond the port contract: recall, background work, restart, hostile files. */
class HnswVectorIndexTest {

    private static final int DIM = 32;

    @TempDir
    Path storage;

    private final List<VectorIndex> opened = new ArrayList<>();

    @AfterEach
    void closeIndexes() {
        opened.forEach(VectorIndex::close);
    }

    private HnswVectorIndex open(HnswVectorIndexPort port, String collection, VectorIndexSpec spec) {
        HnswVectorIndex index = (HnswVectorIndex) port.open(collection, "dense", spec);
        opened.add(index);
        return index;
    }

    private static VectorIndexSpec spec(Distance distance) {
        return new VectorIndexSpec(DIM, distance, 16, 100);
    }

    // -------------------------------------------------------------------------------------- recall

    @ParameterizedTest
    @EnumSource(value = Distance.class, names = {"COSINE", "EUCLID"})
    void recallAt10IsAtLeast95PercentOnClusteredData(Distance distance) {
        ClusteredData data = ClusteredData.generate(42, 5_000, 100, DIM, 50, distance);
        HnswVectorIndex index = open(new HnswVectorIndexPort(storage, 1), "recall", spec(distance));
        data.upsertAll(index, 1);
        awaitIndexed(index);

        assertThat(ClusteredData.recall(index, data.queries, 10, 100, null)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void filteredSearchKeepsRecallWithATenPercentFilter() {
        ClusteredData data = ClusteredData.generate(43, 5_000, 100, DIM, 50, Distance.COSINE);
        HnswVectorIndex index = open(new HnswVectorIndexPort(storage, 1), "filtered", spec(Distance.COSINE));
        data.upsertAll(index, 1);
        awaitIndexed(index);
        Predicate<PointId> tenPercent = id -> ((PointId.NumericId) id).value() % 10 == 3;

        assertThat(ClusteredData.recall(index, data.queries, 10, 100, tenPercent)).isGreaterThanOrEqualTo(0.9);
        for (float[] q : data.queries) {
            assertThat(index.searchGraph(q, 10, 100, tenPercent)).hasSize(10).extracting(ScoredId::id).allMatch(tenPercent);
        }
    }

    // ---------------------------------------------------------------------------- background work

    @Test
    void backgroundIndexingCatchesUpWithoutHoldingUploadsBack() {
        ClusteredData data = ClusteredData.generate(44, 4_000, 20, DIM, 40, Distance.DOT);
        HnswVectorIndex index = open(new HnswVectorIndexPort(storage, 1), "background", spec(Distance.DOT));
        data.upsertAll(index, 1);
        // every vector is searchable at once, whatever the graph has got to
        assertThat(index.size()).isEqualTo(4_000);
        assertThat(index.indexedCount()).isBetween(0, 4_000);
        for (int i = 0; i < 4_000; i += 397) {
            assertThat(index.vector(id(i))).containsExactly(data.vectors[i]);
        }

        awaitIndexed(index);
        assertThat(index.upToDate()).isTrue();
        assertThat(index.indexedCount()).isEqualTo(index.size());
        assertThat(ClusteredData.recall(index, data.queries, 10, 100, null)).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void concurrentWritesSearchesAndIndexingStayConsistent() throws Exception {
        ClusteredData data = ClusteredData.generate(45, 3_000, 50, DIM, 30, Distance.EUCLID);
        HnswVectorIndex index = open(new HnswVectorIndexPort(storage, 1), "concurrent", spec(Distance.EUCLID));
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch readers = new CountDownLatch(2);
        for (int r = 0; r < 2; r++) {
            int seed = r;
            Thread.ofPlatform().start(() -> {
                Random random = new Random(seed);
                try {
                    while (writing.get()) {
                        float[] q = data.queries[random.nextInt(data.queries.length)];
                        List<ScoredId> hits = index.searchGraph(q, 10, 64, random.nextBoolean() ? null : id -> id.hashCode() % 3 == 0);
                        for (int i = 1; i < hits.size(); i++) {
                            if (hits.get(i - 1).score() > hits.get(i).score()) {
                                throw new AssertionError("not best first: " + hits);
                            }
                        }
                        index.searchExact(q, 5, null, null);
                    }
                } catch (Throwable t) {
                    errors.add(t);
                } finally {
                    readers.countDown();
                }
            });
        }
        Random random = new Random(7);
        Map<PointId, float[]> expected = new HashMap<>();
        for (int op = 0; op < 9_000; op++) {
            int i = random.nextInt(3_000);
            if (random.nextInt(5) == 0) {
                index.remove(id(i));
                expected.remove(id(i));
            } else {
                float[] v = data.vectors[random.nextInt(3_000)];
                index.upsert(id(i), v, op);
                expected.put(id(i), v);
            }
        }
        writing.set(false);
        assertThat(readers.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(errors).isEmpty();

        awaitIndexed(index);
        assertThat(index.size()).isEqualTo(expected.size());
        assertThat(index.indexedCount()).isEqualTo(expected.size());
        expected.forEach((id, v) -> assertThat(index.vector(id)).containsExactly(v));
        for (float[] q : data.queries) {
            index.searchGraph(q, 20, 64, null).forEach(hit -> assertThat(expected).containsKey(hit.id()));
        }
    }

    @Test
    void deadNodesAreCompactedAwayInTheBackground() {
        HnswVectorIndex.Tuning eager = new HnswVectorIndex.Tuning(100, 0.2, 64, TimeUnit.MILLISECONDS.toNanos(20));
        HnswVectorIndexPort port = new HnswVectorIndexPort(storage, 1, eager);
        ClusteredData data = ClusteredData.generate(46, 2_000, 50, DIM, 20, Distance.COSINE);
        HnswVectorIndex index = open(port, "compaction", spec(Distance.COSINE));
        for (int i = 0; i < 1_000; i++) {
            index.upsert(id(i), data.vectors[i], 1);
        }
        awaitIndexed(index);
        assertThat(index.deadNodes()).isZero();

        // overwrite 400 with other vectors and remove 200: 600 dead of 1,400 nodes
        for (int i = 0; i < 400; i++) {
            index.upsert(id(i), data.vectors[1_000 + i], 2);
        }
        for (int i = 400; i < 600; i++) {
            index.remove(id(i));
        }
        awaitIndexed(index);
        assertThat(index.rebuilds()).isGreaterThanOrEqualTo(1);
        // writes applied after the compaction's snapshot may leave some dead nodes, never enough for another one
        int dead = index.deadNodes();
        assertThat(dead <= 100 || dead <= 0.2 * (800 + dead)).as("%s dead nodes left", dead).isTrue();
        assertThat(index.size()).isEqualTo(800);
        assertThat(index.indexedCount()).isEqualTo(800);

        for (int i = 0; i < 400; i++) {
            assertThat(index.vector(id(i))).containsExactly(data.vectors[1_000 + i]);
        }
        Set<PointId> removed = new HashSet<>();
        for (int i = 400; i < 600; i++) {
            removed.add(id(i));
        }
        for (float[] q : data.queries) {
            assertThat(index.searchGraph(q, 10, 100, null)).extracting(ScoredId::id).doesNotContainAnyElementsOf(removed);
        }
        assertThat(ClusteredData.recall(index, data.queries, 10, 100, null)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void withoutAGraphEverySearchIsExact() {
        VectorIndexSpec noGraph = new VectorIndexSpec(DIM, Distance.EUCLID, 0, 100);
        ClusteredData data = ClusteredData.generate(47, 500, 10, DIM, 5, Distance.EUCLID);
        HnswVectorIndexPort port = new HnswVectorIndexPort(storage, 1);
        HnswVectorIndex index = open(port, "m0", noGraph);
        data.upsertAll(index, 1);
        assertThat(index.upToDate()).isTrue();
        assertThat(index.indexedCount()).isZero();
        for (float[] q : data.queries) {
            assertThat(index.searchGraph(q, 10, 16, null)).isEqualTo(index.searchExact(q, 10, null, null));
        }
        index.persist();
        assertThat(storage.resolve("collections")).doesNotExist();
    }

    // ------------------------------------------------------------------------------- persistence

    @Test
    void aRestartLoadsTheGraphInsteadOfRebuildingIt() {
        ClusteredData data = ClusteredData.generate(48, 5_000, 50, DIM, 50, Distance.COSINE);
        HnswVectorIndex first = open(new HnswVectorIndexPort(storage, 1), "restart", spec(Distance.COSINE));
        data.upsertAll(first, 7);
        awaitIndexed(first);
        double recallBefore = ClusteredData.recall(first, data.queries, 10, 100, null);
        first.persist();
        first.close();

        HnswVectorIndex second = open(new HnswVectorIndexPort(storage, 1), "restart", spec(Distance.COSINE));
        // loaded, not rebuilt: every vector is in the graph before any sync or background work
        assertThat(second.size()).isEqualTo(5_000);
        assertThat(second.indexedCount()).isEqualTo(5_000);
        assertThat(second.upToDate()).isTrue();

        Map<PointId, Long> versions = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            versions.put(id(i), 7L);
        }
        second.sync(versions, id -> fail("nothing changed, yet %s was re-read", id));
        assertThat(second.indexedCount()).isEqualTo(5_000);
        assertThat(second.upToDate()).isTrue();
        for (int i = 0; i < 5_000; i += 499) {
            assertThat(second.vector(id(i))).containsExactly(data.vectors[i]);
        }
        assertThat(ClusteredData.recall(second, data.queries, 10, 100, null)).isGreaterThanOrEqualTo(recallBefore - 0.02);
    }

    @Test
    void syncAfterARestartReplaysOnlyWhatChanged() {
        ClusteredData data = ClusteredData.generate(49, 1_500, 20, DIM, 15, Distance.EUCLID);
        HnswVectorIndex first = open(new HnswVectorIndexPort(storage, 1), "replay", spec(Distance.EUCLID));
        for (int i = 0; i < 1_000; i++) {
            first.upsert(id(i), data.vectors[i], 1);
        }
        awaitIndexed(first);
        first.persist();
        first.close();

        // meanwhile (e.g. written after the last persist, before a crash): 0..49 changed, 50..99 deleted, 1000..1049 new
        Map<PointId, Long> versions = new HashMap<>();
        Map<PointId, float[]> store = new HashMap<>();
        for (int i = 0; i < 1_050; i++) {
            if (i >= 50 && i < 100) {
                continue;
            }
            boolean changed = i < 50 || i >= 1_000;
            versions.put(id(i), changed ? 2L : 1L);
            store.put(id(i), changed ? data.vectors[i + 400] : data.vectors[i]);
        }
        HnswVectorIndex second = open(new HnswVectorIndexPort(storage, 1), "replay", spec(Distance.EUCLID));
        assertThat(second.indexedCount()).isEqualTo(1_000);
        List<PointId> loaded = Collections.synchronizedList(new ArrayList<>());
        second.sync(versions, id -> {
            loaded.add(id);
            return store.get(id);
        });

        assertThat(loaded).hasSize(100).allMatch(id -> versions.get(id) == 2L);
        assertThat(second.size()).isEqualTo(1_000);
        store.forEach((id, v) -> assertThat(second.vector(id)).containsExactly(v));
        for (int i = 50; i < 100; i++) {
            assertThat(second.vector(id(i))).isNull();
        }
        awaitIndexed(second);
        assertThat(second.indexedCount()).isEqualTo(1_000);
        for (float[] q : data.queries) {
            second.searchGraph(q, 10, 64, null).forEach(hit -> assertThat(store).containsKey(hit.id()));
        }
    }

    @Test
    void vectorsPendingAtPersistTimeAreReplayedAfterTheRestart() {
        ClusteredData data = ClusteredData.generate(50, 2_000, 10, DIM, 15, Distance.DOT);
        HnswVectorIndex first = open(new HnswVectorIndexPort(storage, 1), "pending", spec(Distance.DOT));
        data.upsertAll(first, 1);
        first.persist(); // whatever the graph holds by now
        first.close();

        HnswVectorIndex second = open(new HnswVectorIndexPort(storage, 1), "pending", spec(Distance.DOT));
        Map<PointId, Long> versions = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            versions.put(id(i), 1L);
        }
        second.sync(versions, id -> data.vectors[(int) ((PointId.NumericId) id).value()]);
        assertThat(second.size()).isEqualTo(2_000);
        awaitIndexed(second);
        assertThat(second.indexedCount()).isEqualTo(2_000);
        for (int i = 0; i < 2_000; i += 101) {
            assertThat(second.vector(id(i))).containsExactly(data.vectors[i]);
        }
    }

    @Test
    void aGraphBuiltForAnotherSpecIsIgnored() {
        ClusteredData data = ClusteredData.generate(51, 600, 5, DIM, 10, Distance.EUCLID);
        HnswVectorIndex first = open(new HnswVectorIndexPort(storage, 1), "respec", spec(Distance.EUCLID));
        data.upsertAll(first, 1);
        awaitIndexed(first);
        first.persist();
        first.close();

        for (VectorIndexSpec other : List.of(new VectorIndexSpec(DIM, Distance.EUCLID, 8, 100),
                new VectorIndexSpec(DIM, Distance.EUCLID, 16, 64),
                new VectorIndexSpec(DIM, Distance.MANHATTAN, 16, 100))) {
            HnswVectorIndex reopened = open(new HnswVectorIndexPort(storage, 1), "respec", other);
            assertThat(reopened.size()).isZero();
            assertThat(reopened.indexedCount()).isZero();
        }
        HnswVectorIndex otherDimension = open(new HnswVectorIndexPort(storage, 1), "respec",
                new VectorIndexSpec(DIM + 1, Distance.EUCLID, 16, 100));
        assertThat(otherDimension.size()).isZero();

        HnswVectorIndex same = open(new HnswVectorIndexPort(storage, 1), "respec", spec(Distance.EUCLID));
        assertThat(same.indexedCount()).isEqualTo(600);
    }

    @Test
    void filesLiveInTheCollectionFolderAndDropDeletesThem() throws Exception {
        HnswVectorIndexPort port = new HnswVectorIndexPort(storage, 1);
        VectorIndex named = port.open("my collection", "image", spec(Distance.COSINE));
        VectorIndex unnamed = port.open("my collection", "", spec(Distance.COSINE));
        opened.add(named);
        opened.add(unnamed);
        ClusteredData data = ClusteredData.generate(52, 100, 1, DIM, 4, Distance.COSINE);
        data.upsertAll(named, 1);
        data.upsertAll(unnamed, 1);
        named.persist();
        unnamed.persist();

        byte[] hash = MessageDigest.getInstance("SHA-256").digest("my collection".getBytes(StandardCharsets.UTF_8));
        Path vectors = storage.resolve("collections").resolve(HexFormat.of().formatHex(hash, 0, 16)).resolve("vectors");
        String image = HexFormat.of().formatHex("image".getBytes(StandardCharsets.UTF_8));
        assertThat(vectors.resolve(image + ".hnsw")).isRegularFile();
        assertThat(vectors.resolve(image + ".versions")).isRegularFile();
        assertThat(vectors.resolve("_.hnsw")).isRegularFile();
        try (Stream<Path> files = Files.list(vectors)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }

        named.close();
        port.drop("my collection", "image");
        assertThat(vectors.resolve(image + ".hnsw")).doesNotExist();
        assertThat(vectors.resolve(image + ".versions")).doesNotExist();
        assertThat(vectors.resolve("_.hnsw")).isRegularFile();
        unnamed.close();
        port.drop("my collection", "");
        assertThat(vectors).doesNotExist();
    }

    // --------------------------------------------------------------------------- hostile files

    /** Would record that it was deserialized: the allow-list must stop it before that. */
    static final class Gadget implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean DESERIALIZED = new AtomicBoolean();
        final String payload = "rm -rf /";

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            DESERIALIZED.set(true);
            in.defaultReadObject();
        }
    }

    @Test
    void theFilterRejectsClassesOutsideTheAllowList() throws Exception {
        for (Object hostile : List.of(new Gadget(), new HashMap<>(Map.of("a", 1)), new ArrayList<>(List.of(1)))) {
            ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialize(hostile)));
            in.setObjectInputFilter(GraphFiles.FILTER);
            assertThatThrownBy(in::readObject).isInstanceOf(InvalidClassException.class);
        }
        assertThat(Gadget.DESERIALIZED).isFalse();
        // a graph saved with hnswlib's default (Java-serializing) serializers is not one of ours either
        HnswIndex<Integer, float[], GenericItem, Float> foreign = HnswIndex
                .newBuilder(3, new GraphDistance(Distance.EUCLID), GraphDistanceOrder.INSTANCE, 10).build();
        foreign.add(new GenericItem(1, new float[] {1, 2, 3}));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        foreign.save(bytes);
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        in.setObjectInputFilter(GraphFiles.FILTER);
        assertThatThrownBy(in::readObject).isInstanceOf(InvalidClassException.class);
    }

    record GenericItem(Integer id, float[] vector) implements com.github.jelmerk.hnswlib.core.Item<Integer, float[]> {
        @Override
        public int dimensions() {
            return vector.length;
        }
    }

    @Test
    void aGraphFileSmugglingAnotherClassIsRejectedAndTheIndexRebuilt() throws Exception {
        ClusteredData data = ClusteredData.generate(53, 800, 10, DIM, 8, Distance.COSINE);
        Path graphFile = persistOnce("hostile", data);
        // keep our header (token, spec) and put a different object in the payload, with a valid checksum
        replacePayload(graphFile, serialize(new Gadget()));

        assertRejectedAndRebuilt("hostile", data);
        assertThat(Gadget.DESERIALIZED).isFalse();
    }

    @Test
    void aDamagedGraphFileIsRejectedAndTheIndexRebuilt() throws Exception {
        ClusteredData data = ClusteredData.generate(54, 800, 10, DIM, 8, Distance.COSINE);
        Path graphFile = persistOnce("damaged", data);
        byte[] bytes = Files.readAllBytes(graphFile);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(graphFile, bytes);

        assertRejectedAndRebuilt("damaged", data);
    }

    @Test
    void garbageAndTruncatedFilesAreRejected() throws Exception {
        ClusteredData data = ClusteredData.generate(55, 300, 10, DIM, 8, Distance.COSINE);
        Path graphFile = persistOnce("garbage", data);
        byte[] bytes = Files.readAllBytes(graphFile);
        Files.write(graphFile, Arrays.copyOf(bytes, bytes.length / 3));
        assertRejectedAndRebuilt("garbage", data);

        persistOnce("garbage2", data);
        Files.write(GraphFiles.of(storage, "garbage2", "dense").versionsFile(), new byte[] {1, 2, 3});
        assertRejectedAndRebuilt("garbage2", data);
    }

    private Path persistOnce(String collection, ClusteredData data) {
        HnswVectorIndex index = open(new HnswVectorIndexPort(storage, 1), collection, spec(Distance.COSINE));
        data.upsertAll(index, 1);
        awaitIndexed(index);
        index.persist();
        index.close();
        Path graphFile = GraphFiles.of(storage, collection, "dense").graphFile();
        assertThat(graphFile).isRegularFile();
        return graphFile;
    }

    private void assertRejectedAndRebuilt(String collection, ClusteredData data) {
        HnswVectorIndex index = open(new HnswVectorIndexPort(storage, 1), collection, spec(Distance.COSINE));
        assertThat(index.size()).isZero();
        Map<PointId, Long> versions = new HashMap<>();
        for (int i = 0; i < data.vectors.length; i++) {
            versions.put(id(i), 1L);
        }
        index.sync(versions, id -> data.vectors[(int) ((PointId.NumericId) id).value()]);
        awaitIndexed(index);
        assertThat(index.indexedCount()).isEqualTo(data.vectors.length);
        assertThat(ClusteredData.recall(index, data.queries, 10, 100, null)).isGreaterThanOrEqualTo(0.9);
    }

    private static void replacePayload(Path graphFile, byte[] payload) throws IOException {
        byte[] file = Files.readAllBytes(graphFile);
        ByteBuffer out = ByteBuffer.allocate(GraphFiles.HEADER_BYTES + payload.length);
        out.put(file, 0, GraphFiles.HEADER_BYTES).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        out.putLong(48, payload.length).putInt(56, (int) crc.getValue());
        Files.write(graphFile, out.array());
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    // ---------------------------------------------------------------------------------- helpers

    /** Polls (bounded) until the background work is done and every vector is in the graph. */
    static void awaitIndexed(VectorIndex index) {
        await(() -> index.upToDate() && index.indexedCount() == index.size(), "index caught up");
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
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
