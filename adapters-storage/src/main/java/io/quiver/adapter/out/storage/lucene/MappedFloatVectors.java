package io.quiver.adapter.out.storage.lucene;

import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.Scoring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Vectors in a file, little-endian floats back to back by ordinal, mapped into memory in fixed-size
 * chunks (about {@value #CHUNK_TARGET_BYTES} bytes, a whole number of vectors, so no vector straddles two).
 * The page cache holds them instead of the Java heap; reading one copies it out.
 *
 * <p>The file only grows: a chunk is mapped (and the file extended, sparsely) when the first vector
 * lands in it. A running CRC32C over the vectors in write order lets a persisted index name the exact
 * prefix it was saved with, and {@link #open} check that the file still holds it.
 *
 * <p>Mappings belong to an automatic arena: they stay valid for as long as anything can still read
 * them (an index closed while a search is running keeps answering), and go when the store is garbage.
 * Threads: one writer; readers of ordinals below the owning store's count, as with
 * {@link HeapFloatVectors}.
 */
final class MappedFloatVectors implements FloatVectors {

    static final long CHUNK_TARGET_BYTES = 16L << 20;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final int dimension;
    private final long vectorBytes;
    private final int chunkShift;
    private final int chunkMask;
    private final long chunkBytes;
    private final Arena arena = Arena.ofAuto();
    private volatile MemorySegment[] chunks = new MemorySegment[0];
    // writer's state
    private final CRC32C checksum = new CRC32C();
    private int written;
    // persisting thread's state
    private int forced;

    private MappedFloatVectors(Path file, int dimension, long chunkTargetBytes) {
        this.file = file;
        this.dimension = dimension;
        this.vectorBytes = (long) dimension * Float.BYTES;
        int perChunk = Integer.highestOneBit((int) Math.min(1 << 30, Math.max(1, chunkTargetBytes / vectorBytes)));
        this.chunkShift = Integer.numberOfTrailingZeros(perChunk);
        this.chunkMask = perChunk - 1;
        this.chunkBytes = perChunk * vectorBytes;
    }

    /** An empty store in {@code file}, replacing whatever the file held. */
    static MappedFloatVectors create(Path file, int dimension) throws IOException {
        return create(file, dimension, CHUNK_TARGET_BYTES);
    }

    /** {@link #create(Path, int)} with chunks of about {@code chunkTargetBytes} (tests use small ones). */
    static MappedFloatVectors create(Path file, int dimension, long chunkTargetBytes) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.force(true);
        }
        return new MappedFloatVectors(file, dimension, chunkTargetBytes);
    }

    /**
     * The store in {@code file} with its first {@code count} vectors, which must have the {@code checksum}
     * {@link #checksum()} reported when they were written; anything after them is overwritten by the
     * next writes.
     */
    static MappedFloatVectors open(Path file, int dimension, int count, int checksum) throws IOException {
        return open(file, dimension, count, checksum, CHUNK_TARGET_BYTES);
    }

    /** {@link #open(Path, int, int, int)} with chunks of about {@code chunkTargetBytes} (the file layout does not depend on it). */
    static MappedFloatVectors open(Path file, int dimension, int count, int checksum, long chunkTargetBytes)
            throws IOException {
        MappedFloatVectors vectors = new MappedFloatVectors(file, dimension, chunkTargetBytes);
        long needed = count * vectors.vectorBytes;
        long size = Files.size(file);
        if (size < needed) {
            throw new IOException(file.getFileName() + " holds " + size + " bytes, not the " + needed + " of "
                    + count + " vectors");
        }
        if (count > 0) {
            vectors.mapThrough(count - 1);
        }
        for (long from = 0; from < needed; from += vectors.chunkBytes) {
            MemorySegment chunk = vectors.chunks[(int) (from / vectors.chunkBytes)];
            vectors.checksum.update(chunk.asSlice(0, Math.min(vectors.chunkBytes, needed - from)).asByteBuffer());
        }
        if ((int) vectors.checksum.getValue() != checksum) {
            throw new IOException(file.getFileName() + " does not hold the vectors the index was saved with");
        }
        vectors.written = count;
        vectors.forced = count;
        return vectors;
    }

    Path file() {
        return file;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    private long offset(int ord) {
        return (ord & chunkMask) * vectorBytes;
    }

    private MemorySegment chunk(int ord) {
        return chunks[ord >>> chunkShift];
    }

    @Override
    public void write(int ord, float[] vector) {
        if (ord != written) {
            throw new IllegalStateException("vector " + ord + " written out of order (next is " + written + ")");
        }
        try {
            mapThrough(ord);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extend " + file, e);
        }
        MemorySegment chunk = chunk(ord);
        long offset = offset(ord);
        MemorySegment.copy(vector, 0, chunk, FLOAT, offset, dimension);
        checksum.update(chunk.asSlice(offset, vectorBytes).asByteBuffer());
        written = ord + 1;
    }

    /** Maps chunks until the one holding {@code ord}; republishes {@link #chunks} before anyone may read it. */
    private void mapThrough(int ord) throws IOException {
        int needed = (ord >>> chunkShift) + 1;
        MemorySegment[] current = chunks;
        if (needed <= current.length) {
            return;
        }
        MemorySegment[] grown = Arrays.copyOf(current, needed);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (int c = current.length; c < needed; c++) {
                grown[c] = channel.map(FileChannel.MapMode.READ_WRITE, c * chunkBytes, chunkBytes, arena);
            }
        }
        chunks = grown;
    }

    @Override
    public void read(int ord, float[] into) {
        MemorySegment.copy(chunk(ord), FLOAT, offset(ord), into, 0, dimension);
    }

    @Override
    public boolean matches(int ord, float[] vector) {
        float[] stored = new float[dimension];
        read(ord, stored);
        return Arrays.equals(stored, vector);
    }

    @Override
    public QueryScorer scorer(Scoring scoring, Distance distance, float[] query) {
        MemorySegment[] snapshot = chunks;
        float[] scratch = new float[dimension];
        int shift = chunkShift;
        int mask = chunkMask;
        long bytes = vectorBytes;
        int dim = dimension;
        return ord -> {
            MemorySegment.copy(snapshot[ord >>> shift], FLOAT, (ord & mask) * bytes, scratch, 0, dim);
            return scoring.score(distance, query, scratch, 0);
        };
    }

    /** CRC32C of the vectors written so far, in order; read under the writer's lock to pair it with a count. */
    int checksum() {
        return (int) checksum.getValue();
    }

    /** Makes the first {@code count} vectors durable (the persisting thread only). */
    void force(int count) {
        if (count <= forced) {
            return;
        }
        MemorySegment[] snapshot = chunks;
        long from = forced * vectorBytes;
        long to = count * vectorBytes;
        while (from < to) {
            int c = (int) (from / chunkBytes);
            long start = from - c * chunkBytes;
            long end = Math.min(chunkBytes, to - c * chunkBytes);
            snapshot[c].asSlice(start, end - start).force();
            from = c * chunkBytes + end;
        }
        forced = count;
    }

    @Override
    public long heapBytes() {
        return 0;
    }

    @Override
    public long mappedBytes() {
        return chunks.length * chunkBytes;
    }
}
