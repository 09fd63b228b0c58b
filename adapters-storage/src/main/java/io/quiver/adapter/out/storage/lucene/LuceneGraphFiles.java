package io.quiver.adapter.out.storage.lucene;

import io.quiver.adapter.out.storage.vector.VectorSpaceFiles;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec.Quantization;
import io.quiver.domain.vector.Scoring;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.UpdateableRandomVectorScorer;
import org.apache.lucene.util.quantization.ScalarQuantizer;

/**
 * The persisted form of a {@link LuceneVectorIndex}: one file per vector space holding the spec it was
 * built for (quantization included), the ordinals (id, version, live), their vectors and the graph's
 * links, with a CRC32C over everything, written to a temporary file and moved into place. It is a
 * start-up cache: the point store stays the system of record, and {@code sync} reconciles whatever
 * differs. Everything read is validated (counts, ordinals, levels, checksums); a file that fails is
 * ignored and the index rebuilt.
 *
 * <p>A quantized index's floats are not copied into it: they stay in the store's mapped vectors file
 * ({@code <base>.<generation>.f32} beside it), which the graph file names together with the checksum of
 * the vectors it covers and the quantizer (bounds and training size) the codes are recomputed with.
 */
final class LuceneGraphFiles {

    static final long MAGIC = 0x5156_4C55_4348_4E53L; // "QVLUCHNS"
    /** 2: the spec's quantization; quantized indexes name their mapped vectors file instead of holding floats. */
    static final int FORMAT = 2;
    private static final int MAX_LEVELS = 64;
    private static final String SUFFIX = ".lucene-hnsw";
    private static final String FLOATS_SUFFIX = ".f32";

    /** The file was written for another shape or format: not damage, just not ours to use. */
    static final class StaleGraphException extends IOException {
        StaleGraphException(String message) {
            super(message);
        }
    }

    record Loaded(OrdinalVectors store, GraphScoring scorers, HnswGraphBuilder builder, int graphCount) {
    }

    private final Path file;
    private final String base;

    LuceneGraphFiles(Path file) {
        this.file = file;
        String name = file.getFileName().toString();
        this.base = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    }

    static LuceneGraphFiles of(Path storageRoot, String collection, String vectorName) {
        return new LuceneGraphFiles(VectorSpaceFiles.vectorsDir(storageRoot, collection)
                .resolve(VectorSpaceFiles.fileBase(vectorName) + SUFFIX));
    }

    /** The mapped vectors file of a store generation. */
    Path floatsFile(long generation) {
        return file.resolveSibling(base + "." + generation + FLOATS_SUFFIX);
    }

    /** The generation of a vectors file of this space, or -1 for any other name. */
    private long generationOf(String name) {
        String prefix = base + ".";
        if (!name.startsWith(prefix) || !name.endsWith(FLOATS_SUFFIX)) {
            return -1;
        }
        String digits = name.substring(prefix.length(), name.length() - FLOATS_SUFFIX.length());
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    private List<Path> floatsFiles() throws IOException {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, base + ".*" + FLOATS_SUFFIX)) {
            for (Path entry : entries) {
                if (generationOf(entry.getFileName().toString()) >= 0) {
                    found.add(entry);
                }
            }
        }
        return found;
    }

    /** The highest generation of this space's vectors files, 0 if there are none. */
    long lastFloatsGeneration() throws IOException {
        long last = 0;
        for (Path f : floatsFiles()) {
            last = Math.max(last, generationOf(f.getFileName().toString()));
        }
        return last;
    }

    /** Deletes this space's vectors files but {@code keep} (null: all of them). */
    void deleteFloatsExcept(Path keep) throws IOException {
        for (Path f : floatsFiles()) {
            if (!f.equals(keep)) {
                Files.deleteIfExists(f);
            }
        }
    }

    Path file() {
        return file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(temp());
        deleteFloatsExcept(null);
    }

    private Path temp() {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    // ------------------------------------------------------------------------------------------ write

    /**
     * Saves the snapshot's ordinals and vectors and the graph's first {@code graphCount} nodes, scored by
     * {@code scorers}; the graph and the scorers must hold still. A mapped vectors file is forced to disk
     * first, so that the graph file never names vectors that are not durable.
     */
    void write(VectorIndexSpec spec, OrdinalVectors.Snapshot snapshot, GraphScoring scorers, OnHeapHnswGraph graph,
               int graphCount) throws IOException {
        Files.createDirectories(file.getParent());
        if (snapshot.floats() instanceof MappedFloatVectors mapped) {
            mapped.force(snapshot.count());
        }
        Path temp = temp();
        CRC32C crc = new CRC32C();
        try (OutputStream raw = Files.newOutputStream(temp)) {
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc));
            out.writeLong(MAGIC);
            out.writeInt(FORMAT);
            writeSpec(spec, out);
            int count = snapshot.count();
            out.writeInt(count);
            out.writeInt(graphCount);
            for (int ord = 0; ord < count; ord++) {
                VectorSpaceFiles.writeId(snapshot.ids()[ord], out);
                out.writeLong(snapshot.versions()[ord]);
                out.writeBoolean(snapshot.live().get(ord));
            }
            writeVectors(spec.dimension(), snapshot, scorers, out);
            writeGraph(graph, graphCount, out);
            out.flush();
            out.writeInt((int) crc.getValue());
            out.flush();
        }
        try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeSpec(VectorIndexSpec spec, DataOutputStream out) throws IOException {
        out.writeInt(spec.dimension());
        out.writeUTF(spec.distance().name());
        out.writeInt(spec.m());
        out.writeInt(spec.efConstruct());
        out.writeUTF(spec.quantization().kind().name());
        out.writeFloat(spec.quantization().quantile());
    }

    private static void writeVectors(int dimension, OrdinalVectors.Snapshot snapshot, GraphScoring scorers,
                                     DataOutputStream out) throws IOException {
        if (snapshot.floats() instanceof MappedFloatVectors mapped) {
            out.writeUTF(mapped.file().getFileName().toString());
            out.writeInt(snapshot.floatsChecksum());
            QuantizedVectors codes = scorers instanceof QuantizedGraphScorers q ? q.codes() : null;
            out.writeBoolean(codes != null);
            if (codes != null) {
                out.writeFloat(codes.quantizer().getLowerQuantile());
                out.writeFloat(codes.quantizer().getUpperQuantile());
                out.writeInt(codes.trainedOn());
            }
            return;
        }
        ByteBuffer bytes = ByteBuffer.allocate(dimension * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[dimension];
        for (int ord = 0; ord < snapshot.count(); ord++) {
            snapshot.floats().read(ord, vector);
            bytes.clear();
            bytes.asFloatBuffer().put(vector);
            out.write(bytes.array());
        }
    }

    private static void writeGraph(OnHeapHnswGraph graph, int graphCount, DataOutputStream out) throws IOException {
        if (graph == null || graphCount == 0) {
            out.writeInt(0);
            return;
        }
        int levels = graph.numLevels();
        out.writeInt(levels);
        out.writeInt(graph.entryNode());
        for (int level = 0; level < levels; level++) {
            int[] nodes = nodesOnLevel(graph, level, graphCount);
            out.writeInt(nodes.length);
            for (int node : nodes) {
                if (level > 0) {
                    out.writeInt(node);
                }
                NeighborArray neighbours = graph.getNeighbors(level, node);
                int size = neighbours.size();
                int[] ids = neighbours.nodes();
                out.writeInt(size);
                for (int i = 0; i < size; i++) {
                    out.writeInt(ids[i]);
                }
            }
        }
    }

    private static int[] nodesOnLevel(OnHeapHnswGraph graph, int level, int graphCount) {
        if (level == 0) {
            int[] all = new int[graphCount];
            Arrays.setAll(all, i -> i);
            return all;
        }
        HnswGraph.NodesIterator it = graph.getNodesOnLevel(level);
        int[] nodes = new int[it.size()];
        int n = 0;
        while (it.hasNext()) {
            nodes[n++] = it.nextInt();
        }
        int[] sorted = Arrays.copyOf(nodes, n);
        Arrays.sort(sorted);
        return sorted;
    }

    // ------------------------------------------------------------------------------------------- read

    /** The persisted index if there is one for {@code spec}; null if there is none. */
    Loaded read(VectorIndexSpec spec, Scoring scoring) throws IOException {
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        CRC32C crc = new CRC32C();
        try (raw) {
            DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), crc));
            if (in.readLong() != MAGIC) {
                throw new IOException("not a Quiver Lucene graph file");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new StaleGraphException("format " + format + " is not " + FORMAT);
            }
            int dimension = in.readInt();
            String distance = in.readUTF();
            int m = in.readInt();
            int efConstruct = in.readInt();
            String quantization = in.readUTF();
            float quantile = in.readFloat();
            Quantization wanted = spec.quantization();
            if (dimension != spec.dimension() || !distance.equals(spec.distance().name()) || m != spec.m()
                    || efConstruct != spec.efConstruct() || !quantization.equals(wanted.kind().name())
                    || Float.compare(quantile, wanted.quantile()) != 0) {
                throw new StaleGraphException("it was built for " + dimension + "/" + distance + "/m=" + m + "/ef_construct="
                        + efConstruct + "/quantization=" + quantization + "(" + quantile + ")");
            }
            int count = in.readInt();
            int graphCount = in.readInt();
            if (count < 0 || graphCount < 0 || graphCount > count) {
                throw new IOException("bad counts " + count + "/" + graphCount);
            }
            // each ordinal takes at least a numeric id, a version and a flag, plus its vector when the floats
            // are kept here: refuse a count the file cannot hold before allocating for it
            long perOrdinal = 1L + Long.BYTES + Long.BYTES + 1 + (wanted.quantized() ? 0 : (long) dimension * Float.BYTES);
            if (count * perOrdinal > Files.size(file)) {
                throw new IOException("count " + count + " does not fit in the file");
            }
            var ids = new io.quiver.domain.point.PointId[count];
            long[] versions = new long[count];
            boolean[] live = new boolean[count];
            for (int ord = 0; ord < count; ord++) {
                ids[ord] = VectorSpaceFiles.readId(in);
                versions[ord] = in.readLong();
                live[ord] = in.readBoolean();
            }
            OrdinalVectors store;
            GraphScoring scorers;
            if (wanted.quantized()) {
                store = new OrdinalVectors(openFloats(in, dimension, count), count);
                for (int ord = 0; ord < count; ord++) {
                    store.register(ids[ord], versions[ord]);
                }
                ScalarQuantizer quantizer = null;
                int trainedOn = 0;
                if (in.readBoolean()) {
                    float lower = in.readFloat();
                    float upper = in.readFloat();
                    trainedOn = in.readInt();
                    if (!(upper > lower) || trainedOn < 1) {
                        throw new IOException("bad quantizer " + lower + ".." + upper + "/" + trainedOn);
                    }
                    quantizer = new ScalarQuantizer(lower, upper, QuantizedVectors.BITS);
                }
                QuantizedGraphScorers quantized = new QuantizedGraphScorers(store, spec.distance(), wanted.quantile(),
                        quantizer, trainedOn);
                quantized.encodeUpTo(graphCount);
                scorers = quantized;
            } else {
                store = new OrdinalVectors(new HeapFloatVectors(dimension), count);
                byte[] bytes = new byte[dimension * Float.BYTES];
                float[] vector = new float[dimension];
                for (int ord = 0; ord < count; ord++) {
                    in.readFully(bytes);
                    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
                    store.append(ids[ord], vector, versions[ord]);
                }
                scorers = new GraphScorers(store, scoring, spec.distance());
            }
            for (int ord = 0; ord < count; ord++) {
                if (!live[ord] && store.ordOf(ids[ord]) == ord) {
                    store.remove(ids[ord]);
                }
            }
            HnswGraphBuilder builder = HnswGraphBuilder.create(scorers, LuceneVectorIndex.graphM(spec),
                    Math.max(spec.efConstruct(), LuceneVectorIndex.graphM(spec)), LuceneVectorIndex.GRAPH_SEED, -1);
            readGraph(in, builder.getGraph(), graphCount, scorers);
            int expected = (int) crc.getValue();
            if (in.readInt() != expected) {
                throw new IOException("checksum mismatch");
            }
            return new Loaded(store, scorers, builder, graphCount);
        }
    }

    /** The mapped vectors file the graph file names, checked against the checksum it recorded. */
    private MappedFloatVectors openFloats(DataInputStream in, int dimension, int count) throws IOException {
        String name = in.readUTF();
        int checksum = in.readInt();
        if (generationOf(name) < 0) {
            throw new IOException("bad vectors file name " + name);
        }
        return MappedFloatVectors.open(file.resolveSibling(name), dimension, count, checksum);
    }

    private static void readGraph(DataInputStream in, OnHeapHnswGraph graph, int graphCount, GraphScoring scorers)
            throws IOException {
        int levels = in.readInt();
        if (levels == 0) {
            if (graphCount != 0) {
                throw new IOException("graph of " + graphCount + " nodes has no levels");
            }
            return;
        }
        if (levels < 0 || levels > MAX_LEVELS) {
            throw new IOException("bad level count " + levels);
        }
        int entry = in.readInt();
        if (entry < 0 || entry >= graphCount) {
            throw new IOException("bad entry node " + entry);
        }
        int[][] nodes = new int[levels][];
        int[][][] links = new int[levels][][];
        int[] top = new int[graphCount];
        for (int level = 0; level < levels; level++) {
            int n = in.readInt();
            if (level == 0 ? n != graphCount : n < 0 || n > graphCount) {
                throw new IOException("bad node count " + n + " on level " + level);
            }
            nodes[level] = new int[n];
            links[level] = new int[n][];
            int maxLinks = level == 0 ? 2 * graph.maxConn() : graph.maxConn();
            for (int i = 0; i < n; i++) {
                int node = level == 0 ? i : in.readInt();
                if (node < 0 || node >= graphCount || (level > 0 && top[node] != level - 1)) {
                    throw new IOException("bad node " + node + " on level " + level);
                }
                top[node] = level;
                nodes[level][i] = node;
                int size = in.readInt();
                if (size < 0 || size > maxLinks) {
                    throw new IOException("bad neighbour count " + size);
                }
                int[] ids = new int[size];
                for (int j = 0; j < size; j++) {
                    ids[j] = in.readInt();
                    if (ids[j] < 0 || ids[j] >= graphCount) {
                        throw new IOException("bad neighbour " + ids[j]);
                    }
                }
                links[level][i] = ids;
            }
        }
        if (top[entry] != levels - 1) {
            throw new IOException("entry node " + entry + " is not on the top level");
        }
        for (int node = 0; node < graphCount; node++) {
            for (int level = top[node]; level >= 0; level--) {
                graph.addNode(level, node); // from the top down: the first call sizes the node's levels
            }
        }
        UpdateableRandomVectorScorer scorer = scorers.scorer();
        for (int level = 0; level < levels; level++) {
            for (int i = 0; i < nodes[level].length; i++) {
                int node = nodes[level][i];
                int[] ids = links[level][i];
                for (int id : ids) {
                    if (top[id] < level) {
                        throw new IOException("neighbour " + id + " is not on level " + level);
                    }
                }
                scorer.setScoringOrdinal(node);
                link(graph.getNeighbors(level, node), ids, scorer);
            }
        }
        graph.trySetNewEntryNode(entry, levels - 1);
    }

    /** Restores a node's neighbours best first, with the scores Lucene keeps beside them. */
    private static void link(NeighborArray neighbours, int[] ids, UpdateableRandomVectorScorer scorer) throws IOException {
        float[] scores = new float[ids.length];
        for (int j = 0; j < ids.length; j++) {
            scores[j] = scorer.score(ids[j]);
        }
        Integer[] order = new Integer[ids.length];
        for (int j = 0; j < ids.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        for (Integer j : order) {
            neighbours.addInOrder(ids[j], scores[j]);
        }
    }
}
