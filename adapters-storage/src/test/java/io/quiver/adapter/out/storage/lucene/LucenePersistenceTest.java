package io.quiver.adapter.out.storage.lucene;

import static io.quiver.adapter.out.storage.lucene.LuceneTestData.awaitIndexed;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.bruteForce;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.id;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.number;
import static io.quiver.adapter.out.storage.lucene.LuceneTestData.recall;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persisted graph: a restart loads it instead of rebuilding, and a sync with unchanged versions reads
 * nothing; a file written for another spec is ignored; a damaged or hostile file is ignored without an
 * exception escaping {@code open}, and sync rebuilds the index; {@code drop} deletes the file.
 */
class LucenePersistenceTest {

    private static final int DIM = 32;
    private static final Distance DISTANCE = Distance.EUCLID;
    private static final VectorIndexSpec SPEC = new VectorIndexSpec(DIM, DISTANCE, 16, 64);

    /** Where the point count sits in a file for {@link #SPEC}: magic, format, dimension, distance (UTF), m, ef. */
    /** magic, format, dimension, distance, m, ef_construct, quantization kind and quantile, then the counts. */
    private static final int COUNT_OFFSET = 8 + 4 + 4 + 2 + DISTANCE.name().length() + 4 + 4
            + 2 + VectorIndexSpec.Quantization.NONE.kind().name().length() + 4;
    private static final int GRAPH_COUNT_OFFSET = COUNT_OFFSET + 4;
    /** A numeric id (tag and long), its version and its live flag. */
    private static final int ORDINAL_BYTES = 1 + 8 + 8 + 1;

    @TempDir
    Path storage;

    private final List<VectorIndex> opened = new ArrayList<>();

    @AfterEach
    void closeIndexes() {
        opened.forEach(VectorIndex::close);
    }

    /** A new port each time: every open stands for a start of the server. */
    private LuceneVectorIndex open(String collection, VectorIndexSpec spec) {
        LuceneVectorIndex index = (LuceneVectorIndex) new LuceneVectorIndexPort(storage, 1)
                .open(collection, "dense", spec);
        opened.add(index);
        return index;
    }

    private Path graphFile(String collection) {
        return LuceneGraphFiles.of(storage, collection, "dense").file();
    }

    private static Map<PointId, Long> versionsOf(int n, long version) {
        Map<PointId, Long> versions = new HashMap<>();
        for (int i = 0; i < n; i++) {
            versions.put(id(i), version);
        }
        return versions;
    }

    // ----------------------------------------------------------------------------------- restart

    @Test
    void aRestartLoadsTheGraphAndASyncWithTheSameVersionsLoadsNothing() {
        LuceneTestData data = LuceneTestData.clustered(91, 2_400, 20, DIM, 20, DISTANCE);
        LuceneVectorIndex first = open("restart", SPEC);
        Map<PointId, float[]> stored = new LinkedHashMap<>();
        Map<PointId, Long> versions = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            first.upsert(id(i), data.vectors[i], 1);
            stored.put(id(i), data.vectors[i]);
            versions.put(id(i), 1L);
        }
        awaitIndexed(first);
        // dead ordinals in the saved graph: 200 overwritten, 100 removed
        for (int i = 0; i < 200; i++) {
            first.upsert(id(i), data.vectors[2_000 + i], 2);
            stored.put(id(i), data.vectors[2_000 + i]);
            versions.put(id(i), 2L);
        }
        for (int i = 200; i < 300; i++) {
            first.remove(id(i));
            stored.remove(id(i));
            versions.remove(id(i));
        }
        awaitIndexed(first);
        assertThat(first.deadOrdinals()).isEqualTo(300);
        Set<PointId> candidates = new HashSet<>();
        for (int i = 0; i < 2_000; i += 3) {
            candidates.add(id(i));
        }
        Predicate<PointId> accept = id -> number(id) % 2 == 1;
        List<List<ScoredId>> before = new ArrayList<>();
        for (float[] query : data.queries) {
            before.add(first.searchGraph(query, 10, 64, null));
            before.add(first.searchGraph(query, 10, 32, candidates, null));
            before.add(first.searchGraph(query, 10, 32, null, accept));
            before.add(first.searchIndexed(query, 10, 64, null));
        }
        first.persist();
        first.close();
        assertThat(graphFile("restart")).isRegularFile();

        LuceneVectorIndex second = open("restart", SPEC);
        // loaded, not rebuilt: everything is in the graph before any sync or background work
        assertThat(second.size()).isEqualTo(1_900);
        assertThat(second.indexedCount()).isEqualTo(1_900);
        assertThat(second.deadOrdinals()).isEqualTo(300);
        assertThat(second.upToDate()).isTrue();
        AtomicInteger loads = new AtomicInteger();
        second.sync(versions, id -> {
            loads.incrementAndGet();
            return stored.get(id);
        });
        assertThat(loads).as("vectors re-read by sync").hasValue(0);
        assertThat(second.size()).isEqualTo(1_900);
        assertThat(second.upToDate()).isTrue();
        stored.forEach((id, v) -> assertThat(second.vector(id)).as("vector of %s", id).containsExactly(v));
        for (int i = 200; i < 300; i++) {
            assertThat(second.vector(id(i))).isNull();
        }
        List<List<ScoredId>> after = new ArrayList<>();
        for (float[] query : data.queries) {
            after.add(second.searchGraph(query, 10, 64, null));
            after.add(second.searchGraph(query, 10, 32, candidates, null));
            after.add(second.searchGraph(query, 10, 32, null, accept));
            after.add(second.searchIndexed(query, 10, 64, null));
        }
        assertThat(after).containsExactlyElementsOf(before);

        // the loaded graph takes new nodes like one built here
        for (int i = 2_000; i < 2_200; i++) {
            second.upsert(id(i), data.vectors[i + 200], 3);
        }
        awaitIndexed(second);
        assertThat(second.indexedCount()).isEqualTo(2_100);
        for (int i = 2_000; i < 2_200; i++) {
            List<ScoredId> top = second.searchIndexed(data.vectors[i + 200], 1, 64, null);
            assertThat(top).extracting(ScoredId::id).containsExactly(id(i));
        }
    }

    @Test
    void syncAfterARestartReplaysOnlyWhatChanged() {
        LuceneTestData data = LuceneTestData.clustered(99, 1_500, 20, DIM, 15, DISTANCE);
        LuceneVectorIndex first = open("replay", SPEC);
        for (int i = 0; i < 1_000; i++) {
            first.upsert(id(i), data.vectors[i], 1);
        }
        awaitIndexed(first);
        first.persist();
        first.close();

        // written after the last persist, before a crash: 0..49 changed, 50..99 deleted, 1000..1049 new
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
        LuceneVectorIndex second = open("replay", SPEC);
        assertThat(second.indexedCount()).isEqualTo(1_000);
        List<PointId> loaded = new ArrayList<>();
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
        for (float[] query : data.queries) {
            List<ScoredId> hits = second.searchGraph(query, 10, 64, null);
            assertThat(hits).hasSize(10);
            LuceneTestData.assertReferenceScores(DISTANCE, store, query, hits);
        }
    }

    @Test
    void vectorsNotYetInTheGraphWhenPersistedAreIndexedAfterTheRestart() {
        LuceneTestData data = LuceneTestData.clustered(92, 1_500, 20, DIM, 20, DISTANCE);
        LuceneVectorIndex first = open("pending", SPEC);
        data.upsertAll(first, 1);
        first.persist(); // whatever the graph holds by now
        first.close();

        LuceneVectorIndex second = open("pending", SPEC);
        assertThat(second.size()).isEqualTo(1_500);
        AtomicInteger loads = new AtomicInteger();
        second.sync(versionsOf(1_500, 1), id -> {
            loads.incrementAndGet();
            return data.vectors[number(id)];
        });
        assertThat(loads).hasValue(0);
        awaitIndexed(second);
        assertThat(second.indexedCount()).isEqualTo(1_500);
        assertGoodRecall(second, data);
    }

    @Test
    void persistLeavesNoTemporaryFileAndDropDeletesTheFile() throws Exception {
        LuceneVectorIndexPort port = new LuceneVectorIndexPort(storage, 1);
        VectorIndex index = port.open("my collection", "image", SPEC);
        opened.add(index);
        LuceneTestData data = LuceneTestData.clustered(93, 300, 1, DIM, 4, DISTANCE);
        data.upsertAll(index, 1);
        awaitIndexed(index);
        index.persist();

        byte[] hash = MessageDigest.getInstance("SHA-256").digest("my collection".getBytes(StandardCharsets.UTF_8));
        Path vectors = storage.resolve("collections").resolve(HexFormat.of().formatHex(hash, 0, 16)).resolve("vectors");
        Path file = vectors.resolve(HexFormat.of().formatHex("image".getBytes(StandardCharsets.UTF_8)) + ".lucene-hnsw");
        assertThat(file).isRegularFile();
        try (Stream<Path> files = Files.list(vectors)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(file.getFileName().toString());
        }
        Files.write(file.resolveSibling(file.getFileName() + ".tmp"), new byte[] {1, 2, 3}); // a crash's leftover

        index.close();
        port.drop("my collection", "image");
        assertThat(file).doesNotExist();
        try (Stream<Path> files = Files.list(vectors)) {
            assertThat(files).isEmpty();
        }
        port.drop("my collection", "image"); // nothing left: no error
        VectorIndex reopened = port.open("my collection", "image", SPEC);
        opened.add(reopened);
        assertThat(reopened.size()).isZero();
    }

    // ----------------------------------------------------------------------------- other specs

    @Test
    void aFileWrittenForAnotherSpecIsIgnoredAndSyncRefillsTheIndex() {
        LuceneTestData data = LuceneTestData.clustered(94, 600, 10, DIM, 10, DISTANCE);
        persistOnce("respec", data);

        for (VectorIndexSpec other : List.of(new VectorIndexSpec(DIM, DISTANCE, 8, 64),
                new VectorIndexSpec(DIM, DISTANCE, 16, 100),
                new VectorIndexSpec(DIM, Distance.MANHATTAN, 16, 64),
                new VectorIndexSpec(DIM, Distance.DOT, 16, 64))) {
            LuceneVectorIndex reopened = open("respec", other);
            assertThat(reopened.size()).as("%s", other).isZero();
            assertThat(reopened.indexedCount()).isZero();
            AtomicInteger loads = new AtomicInteger();
            reopened.sync(versionsOf(600, 1), id -> {
                loads.incrementAndGet();
                return data.vectors[number(id)];
            });
            assertThat(loads).hasValue(600);
            assertThat(reopened.size()).isEqualTo(600);
            awaitIndexed(reopened);
            for (float[] query : data.queries) {
                assertThat(reopened.searchGraph(query, 5, 64, null))
                        .containsExactlyElementsOf(reopened.searchExact(query, 5, null, null));
            }
            reopened.close();
        }
        LuceneVectorIndex otherDimension = open("respec", new VectorIndexSpec(DIM + 1, DISTANCE, 16, 64));
        assertThat(otherDimension.size()).isZero();
        float[] wider = Arrays.copyOf(data.vectors[0], DIM + 1);
        otherDimension.sync(Map.of(id(0), 1L), id -> wider);
        assertThat(otherDimension.vector(id(0))).containsExactly(wider);
        otherDimension.close();

        // none of them overwrote the file: the original spec still loads it
        LuceneVectorIndex same = open("respec", SPEC);
        assertThat(same.size()).isEqualTo(600);
        assertThat(same.indexedCount()).isEqualTo(600);
    }

    // --------------------------------------------------------------------------- hostile files

    @Test
    void truncatedFilesAreIgnored() throws Exception {
        LuceneTestData data = LuceneTestData.clustered(95, 400, 10, DIM, 8, DISTANCE);
        Path file = persistOnce("truncated", data);
        byte[] bytes = Files.readAllBytes(file);
        for (int length : new int[] {0, 7, COUNT_OFFSET + 2, COUNT_OFFSET + 8 + 5 * ORDINAL_BYTES, bytes.length / 2,
                bytes.length - 5, bytes.length - 1}) {
            Files.write(file, Arrays.copyOf(bytes, length));
            assertIgnoredAndRebuilt("truncated", data, "truncated to " + length + " bytes");
        }
    }

    @Test
    void flippedBytesAreIgnored() throws Exception {
        LuceneTestData data = LuceneTestData.clustered(96, 400, 10, DIM, 8, DISTANCE);
        Path file = persistOnce("flipped", data);
        byte[] original = Files.readAllBytes(file);
        int vectors = COUNT_OFFSET + 8 + 400 * ORDINAL_BYTES;
        int graph = vectors + 400 * DIM * Float.BYTES;
        // in the ids, a version, the vectors (the middle of the file), the graph's links, the checksum
        for (int at : new int[] {COUNT_OFFSET + 8 + 3, COUNT_OFFSET + 8 + 5 * ORDINAL_BYTES + 12, original.length / 2,
                vectors + 7, graph + 40, (graph + original.length) / 2, original.length - 2}) {
            byte[] bytes = original.clone();
            bytes[at] ^= 0x5A;
            Files.write(file, bytes);
            assertIgnoredAndRebuilt("flipped", data, "byte " + at + " of " + original.length + " flipped");
        }
    }

    @Test
    void aWrongMagicOrFormatIsIgnored() throws Exception {
        LuceneTestData data = LuceneTestData.clustered(97, 400, 10, DIM, 8, DISTANCE);
        Path file = persistOnce("magic", data);
        byte[] original = Files.readAllBytes(file);

        byte[] magic = original.clone();
        ByteBuffer.wrap(magic).putLong(0, 0x5156_4C55_4348_4E54L);
        Files.write(file, withChecksum(magic));
        assertIgnoredAndRebuilt("magic", data, "wrong magic");

        byte[] format = original.clone();
        ByteBuffer.wrap(format).putInt(8, LuceneGraphFiles.FORMAT + 1);
        Files.write(file, withChecksum(format));
        assertIgnoredAndRebuilt("magic", data, "a later format");

        Files.write(file, "not a graph at all, just some text that is long enough".getBytes(StandardCharsets.UTF_8));
        assertIgnoredAndRebuilt("magic", data, "text");
    }

    @Test
    void absurdCountsAreIgnoredWithAValidChecksum() throws Exception {
        LuceneTestData data = LuceneTestData.clustered(98, 400, 10, DIM, 8, DISTANCE);
        Path file = persistOnce("counts", data);
        byte[] original = Files.readAllBytes(file);
        int graphAt = COUNT_OFFSET + 8 + 400 * ORDINAL_BYTES + 400 * DIM * Float.BYTES;
        Map<String, byte[]> hostile = new LinkedHashMap<>();
        hostile.put("count MAX_VALUE", withInt(original, COUNT_OFFSET, Integer.MAX_VALUE));
        hostile.put("count 2^28", withInt(original, COUNT_OFFSET, 1 << 28));
        hostile.put("count -1", withInt(original, COUNT_OFFSET, -1));
        hostile.put("count 401", withInt(original, COUNT_OFFSET, 401));
        hostile.put("count 399", withInt(original, COUNT_OFFSET, 399));
        hostile.put("graph count above count", withInt(original, GRAPH_COUNT_OFFSET, 401));
        hostile.put("graph count MAX_VALUE", withInt(original, GRAPH_COUNT_OFFSET, Integer.MAX_VALUE));
        hostile.put("graph count -1", withInt(original, GRAPH_COUNT_OFFSET, -1));
        hostile.put("graph count 399", withInt(original, GRAPH_COUNT_OFFSET, 399));
        hostile.put("levels MAX_VALUE", withInt(original, graphAt, Integer.MAX_VALUE));
        hostile.put("levels -1", withInt(original, graphAt, -1));
        hostile.put("levels 0", withInt(original, graphAt, 0));
        hostile.put("entry node 400", withInt(original, graphAt + 4, 400));
        hostile.put("entry node -1", withInt(original, graphAt + 4, -1));
        hostile.put("level 0 nodes MAX_VALUE", withInt(original, graphAt + 8, Integer.MAX_VALUE));
        hostile.put("neighbour count MAX_VALUE", withInt(original, graphAt + 12, Integer.MAX_VALUE));
        hostile.put("neighbour count -1", withInt(original, graphAt + 12, -1));
        hostile.put("neighbour 400", withInt(original, graphAt + 16, 400));
        hostile.put("neighbour -7", withInt(original, graphAt + 16, -7));
        hostile.put("unknown id tag", withByte(original, COUNT_OFFSET + 8, (byte) 9));
        for (Map.Entry<String, byte[]> e : hostile.entrySet()) {
            Files.write(file, withChecksum(e.getValue()));
            assertIgnoredAndRebuilt("counts", data, e.getKey());
        }
    }

    // --------------------------------------------------------------------------------- helpers

    private Path persistOnce(String collection, LuceneTestData data) {
        LuceneVectorIndex index = open(collection, SPEC);
        data.upsertAll(index, 1);
        awaitIndexed(index);
        index.persist();
        index.close();
        Path file = graphFile(collection);
        assertThat(file).isRegularFile();
        return file;
    }

    /**
     * Opening ignores the file (an empty index, no exception), sync refills it with every vector, and the
     * rebuilt index searches well and persists a file the next start loads.
     */
    private void assertIgnoredAndRebuilt(String collection, LuceneTestData data, String damage) {
        LuceneVectorIndex index;
        try {
            index = open(collection, SPEC);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("open threw with a file " + damage, e);
        }
        assertThat(index.size()).as("size after opening a file " + damage).isZero();
        int n = data.vectors.length;
        AtomicInteger loads = new AtomicInteger();
        index.sync(versionsOf(n, 1), id -> {
            loads.incrementAndGet();
            return data.vectors[number(id)];
        });
        assertThat(loads).as("loads after a file " + damage).hasValue(n);
        awaitIndexed(index);
        assertThat(index.indexedCount()).isEqualTo(n);
        assertGoodRecall(index, data);
        index.persist();
        index.close();

        LuceneVectorIndex again = open(collection, SPEC);
        assertThat(again.indexedCount()).as("reloaded after a rebuild from a file " + damage).isEqualTo(n);
        again.close();
    }

    private static void assertGoodRecall(VectorIndex index, LuceneTestData data) {
        Map<PointId, float[]> stored = new HashMap<>();
        for (int i = 0; i < data.vectors.length; i++) {
            stored.put(id(i), data.vectors[i]);
        }
        double sum = 0;
        for (float[] query : data.queries) {
            sum += recall(bruteForce(DISTANCE, stored, query, 10, null), index.searchGraph(query, 10, 64, null));
        }
        assertThat(sum / data.queries.length).isGreaterThanOrEqualTo(0.95);
    }

    private static byte[] withInt(byte[] original, int at, int value) {
        byte[] bytes = original.clone();
        ByteBuffer.wrap(bytes).putInt(at, value);
        return bytes;
    }

    private static byte[] withByte(byte[] original, int at, byte value) {
        byte[] bytes = original.clone();
        bytes[at] = value;
        return bytes;
    }

    /** The bytes with their trailing CRC32C recomputed, so only the validation of the content can refuse them. */
    private static byte[] withChecksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }
}
