package io.quiver.adapter.out.storage.hnsw;

import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.adapter.out.storage.vector.VectorSpaceFiles;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The persisted form of one vector space's graph:
 * {@code <storage>/collections/<hash of collection>/vectors/<hex of vector name>.hnsw} and, next to it,
 * {@code .versions}, the (point id → version) map of what the graph holds.
 *
 * <p>The {@code .hnsw} file is a fixed 64-byte header of ours (magic, format, a token shared with the
 * version map, the spec the graph was built for, the graph's write sequence and node count, payload
 * length and CRC-32C) followed by hnswlib's own save, which is Java serialization. That stream is only
 * ever read after the header matched the spec and the checksum matched the payload, and then only
 * through {@link #FILTER}: an allow-list of the handful of classes a graph consists of, with depth,
 * reference and array limits, so a crafted file cannot instantiate anything else. Items inside the
 * stream are written by {@link GraphItemSerializer} as raw numbers, never as objects.
 *
 * <p>Both files are written to a temporary file and moved into place atomically; the token ties a graph
 * to the version map saved with it, so a crash between the two moves makes both unusable (and the
 * graph is rebuilt) instead of mismatched.
 */
final class GraphFiles {

    static final long GRAPH_MAGIC = 0x5156_484E_5357_4746L;     // "QVHNSWGF"
    static final long VERSIONS_MAGIC = 0x5156_4856_4552_5346L;  // "QVHVERSF"
    static final int FORMAT = 1;
    static final int HEADER_BYTES = 64;

    /** What a graph file describes besides the graph itself. */
    record Meta(VectorIndexSpec spec, long writeSeq, int nodeCount) {
    }

    /** A graph read back, with the versions of the points it holds. */
    record Loaded(HnswIndex<PointId, float[], GraphItem, Float> graph, Meta meta, Map<PointId, Long> versions) {
    }

    /** The persisted graph was built for another spec (dimension, distance, m, ef_construct): not an error. */
    static final class StaleGraphException extends IOException {
        StaleGraphException(String message) {
            super(message);
        }
    }

    private static final Set<Class<?>> ALLOWED = Set.of(
            HnswIndex.class,
            GraphDistance.class,
            GraphDistanceOrder.class,
            PointIdSerializer.class,
            GraphItemSerializer.class,
            String.class, Number.class, Integer.class, Long.class, Float.class, Double.class, Boolean.class,
            Enum.class);

    private static final int MAX_DEPTH = 8;
    private static final long MAX_REFERENCES = 1_000;
    private static final long MAX_ARRAY_LENGTH = GraphItemSerializer.MAX_DIMENSION;

    /**
     * Lets through only the classes a saved graph is made of (and primitive arrays), within tight
     * depth, reference and array-length limits; everything else is rejected before it is instantiated.
     */
    static final ObjectInputFilter FILTER = info -> {
        if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES || info.arrayLength() > MAX_ARRAY_LENGTH) {
            return ObjectInputFilter.Status.REJECTED;
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        return type.isPrimitive() || ALLOWED.contains(type)
                ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    };

    private final Path dir;
    private final String base;

    GraphFiles(Path dir, String base) {
        this.dir = dir;
        this.base = base;
    }

    /** The files of a vector space, in the collection folder the point store uses too. */
    static GraphFiles of(Path storageRoot, String collection, String vectorName) {
        return new GraphFiles(collectionDir(storageRoot, collection).resolve("vectors"), fileBase(vectorName));
    }

    static Path collectionDir(Path storageRoot, String collection) {
        return VectorSpaceFiles.collectionDir(storageRoot, collection);
    }

    static String fileBase(String vectorName) {
        return VectorSpaceFiles.fileBase(vectorName);
    }

    Path graphFile() {
        return dir.resolve(base + ".hnsw");
    }

    Path versionsFile() {
        return dir.resolve(base + ".versions");
    }

    private Path temp(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    // ------------------------------------------------------------------------------------------ write

    /** Saves the graph and the versions of the points it holds; the caller keeps the graph still meanwhile. */
    void write(HnswIndex<PointId, float[], GraphItem, Float> graph, Meta meta, Map<PointId, Long> versions)
            throws IOException {
        Files.createDirectories(dir);
        long token = ThreadLocalRandom.current().nextLong() ^ System.nanoTime();
        Path graphTemp = temp(graphFile());
        try (FileChannel channel = FileChannel.open(graphTemp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.position(HEADER_BYTES);
            CRC32C crc = new CRC32C();
            CheckedOutputStream payload = new CheckedOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), crc);
            graph.save(new KeepOpen(payload));
            payload.flush();
            long payloadLength = channel.position() - HEADER_BYTES;
            ByteBuffer header = header(meta, token, payloadLength, (int) crc.getValue());
            while (header.hasRemaining()) {
                channel.write(header, header.position());
            }
            channel.force(true);
        }
        Path versionsTemp = temp(versionsFile());
        try (FileChannel channel = FileChannel.open(versionsTemp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            CRC32C crc = new CRC32C();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), crc));
            out.writeLong(VERSIONS_MAGIC);
            out.writeInt(FORMAT);
            out.writeLong(token);
            out.writeInt(versions.size());
            for (Map.Entry<PointId, Long> e : versions.entrySet()) {
                PointIdSerializer.writeId(e.getKey(), out);
                out.writeLong(e.getValue());
            }
            out.writeInt((int) crc.getValue());
            out.flush();
            channel.force(true);
        }
        move(graphTemp, graphFile());
        move(versionsTemp, versionsFile());
    }

    private static ByteBuffer header(Meta meta, long token, long payloadLength, int payloadCrc) {
        VectorIndexSpec spec = meta.spec();
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
        b.putLong(GRAPH_MAGIC).putInt(FORMAT).putLong(token)
                .putInt(spec.dimension()).putInt(distanceCode(spec.distance())).putInt(spec.m()).putInt(spec.efConstruct())
                .putLong(meta.writeSeq()).putInt(meta.nodeCount())
                .putLong(payloadLength).putInt(payloadCrc);
        return b.clear();
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    // ------------------------------------------------------------------------------------------- read

    /**
     * The persisted graph, or null when there is none. Throws {@link StaleGraphException} when it was
     * built for another spec, and another {@link IOException} when the files are damaged, do not belong
     * together, or hold anything but a graph.
     */
    Loaded read(VectorIndexSpec spec) throws IOException {
        if (!Files.isRegularFile(graphFile()) || !Files.isRegularFile(versionsFile())) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(graphFile(), StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < HEADER_BYTES) {
                throw new IOException("graph file too short");
            }
            ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
            while (h.hasRemaining()) {
                if (channel.read(h, h.position()) < 0) {
                    throw new EOFException("graph file header");
                }
            }
            h.flip();
            if (h.getLong() != GRAPH_MAGIC || h.getInt() != FORMAT) {
                throw new IOException("not a graph file of this format");
            }
            long token = h.getLong();
            int dimension = h.getInt();
            int distance = h.getInt();
            int m = h.getInt();
            int efConstruct = h.getInt();
            long writeSeq = h.getLong();
            int nodeCount = h.getInt();
            long payloadLength = h.getLong();
            int payloadCrc = h.getInt();
            if (dimension != spec.dimension() || distance != distanceCode(spec.distance()) || m != spec.m()
                    || efConstruct != spec.efConstruct()) {
                throw new StaleGraphException("the graph was built for dim " + dimension + ", distance #" + distance
                        + ", m " + m + ", ef_construct " + efConstruct + ", not for " + spec);
            }
            if (payloadLength != size - HEADER_BYTES) {
                throw new IOException("graph file length does not match its header");
            }
            if (crcOf(channel, HEADER_BYTES) != payloadCrc) {
                throw new IOException("graph file checksum mismatch");
            }
            Map<PointId, Long> versions = readVersions(token);
            channel.position(HEADER_BYTES);
            Object read;
            ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
            in.setObjectInputFilter(FILTER);
            try {
                read = in.readObject();
            } catch (ClassNotFoundException e) {
                throw new IOException("graph file names an unknown class: " + e.getMessage(), e);
            }
            if (!(read instanceof HnswIndex<?, ?, ?, ?> any)) {
                throw new IOException("graph file holds a " + (read == null ? "null" : read.getClass().getName()));
            }
            @SuppressWarnings("unchecked")
            HnswIndex<PointId, float[], GraphItem, Float> graph = (HnswIndex<PointId, float[], GraphItem, Float>) any;
            validate(graph, spec, nodeCount);
            return new Loaded(graph, new Meta(spec, writeSeq, nodeCount), versions);
        }
    }

    private static void validate(HnswIndex<?, ?, ?, ?> graph, VectorIndexSpec spec, int nodeCount) throws IOException {
        int m = HnswVectorIndex.graphM(spec);
        boolean ok = graph.getDimensions() == spec.dimension()
                && graph.getM() == m
                && graph.getEfConstruction() == Math.max(spec.efConstruct(), m)
                && graph.isRemoveEnabled()
                && graph.getDistanceFunction() instanceof GraphDistance d && d.distance() == spec.distance()
                && graph.getDistanceComparator() instanceof GraphDistanceOrder
                && graph.getItemIdSerializer() instanceof PointIdSerializer
                && graph.getItemSerializer() instanceof GraphItemSerializer
                && nodeCount >= 0 && nodeCount <= graph.getMaxItemCount();
        if (!ok) {
            throw new IOException("graph file does not describe a graph of " + spec);
        }
    }

    private Map<PointId, Long> readVersions(long expectedToken) throws IOException {
        long size = Files.size(versionsFile());
        CRC32C crc = new CRC32C();
        try (InputStream file = Files.newInputStream(versionsFile())) {
            DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(file, 1 << 16), crc));
            if (in.readLong() != VERSIONS_MAGIC || in.readInt() != FORMAT) {
                throw new IOException("not a version map of this format");
            }
            if (in.readLong() != expectedToken) {
                throw new IOException("graph and version map are from different saves");
            }
            int count = in.readInt();
            // every entry takes at least 17 bytes: refuse counts the file cannot hold before allocating
            if (count < 0 || count > (size - 28) / 17) {
                throw new IOException("implausible version map size " + count);
            }
            Map<PointId, Long> versions = HashMap.newHashMap(count);
            for (int i = 0; i < count; i++) {
                PointId id = PointIdSerializer.readId(in);
                versions.put(id, in.readLong());
            }
            int expected = (int) crc.getValue();
            if (in.readInt() != expected || in.read() != -1) {
                throw new IOException("version map checksum mismatch");
            }
            return versions;
        }
    }

    private static int crcOf(FileChannel channel, long from) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        long position = from;
        int n;
        while ((n = channel.read(buffer, position)) > 0) {
            buffer.flip();
            crc.update(buffer);
            buffer.clear();
            position += n;
        }
        return (int) crc.getValue();
    }

    // ----------------------------------------------------------------------------------------- delete

    /** Removes the persisted graph, its version map and any leftover temporary files. */
    void delete() throws IOException {
        for (Path p : new Path[] {graphFile(), versionsFile(), temp(graphFile()), temp(versionsFile())}) {
            Files.deleteIfExists(p);
        }
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            // other vector spaces of the collection still have files there
        }
    }

    // ------------------------------------------------------------------------------------------ misc

    private static int distanceCode(Distance distance) {
        return switch (distance) {
            case COSINE -> 1;
            case EUCLID -> 2;
            case DOT -> 3;
            case MANHATTAN -> 4;
        };
    }

    /** hnswlib closes the stream it saved to; the header still has to be written through the channel. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
