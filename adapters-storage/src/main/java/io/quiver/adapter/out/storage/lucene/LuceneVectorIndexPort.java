package io.quiver.adapter.out.storage.lucene;

import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndexPort;
import io.quiver.domain.error.InternalException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HNSW indexes built with Lucene's graph code over Quiver's vector store, persisted under
 * {@code <storage>/collections/<collection folder>/vectors/} (ADR 0010).
 *
 * <p>Graphs are built in the background by a small pool of daemon threads shared by every index this
 * port opens (by default half the processors, at least one: searches keep the rest). Indexes take turns
 * in slices of about 50 ms; idle threads exit after 30 s.
 *
 * <p>With scalar int8 quantization in the spec, an index keeps one byte per dimension on the heap and its
 * float vectors in {@code <vector base>.<generation>.f32} files beside the graph file, mapped into memory
 * ({@link VectorLayout}); {@link #drop} deletes those too.
 */
public final class LuceneVectorIndexPort implements VectorIndexPort {

    private final Path storageRoot;
    private final ThreadPoolExecutor workers;
    private final LuceneVectorIndex.Tuning tuning;
    private final BulkGraphBuild bulkBuild;

    private static final int BULK_MIN_BACKLOG = 20_000;
    private static final int BULK_CHUNK = 250_000;

    public LuceneVectorIndexPort(Path storageRoot) {
        this(storageRoot, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }

    /**
     * {@code workerThreads} build graphs in the background; a large backlog (an initial load) is inserted
     * by every processor at once.
     */
    public LuceneVectorIndexPort(Path storageRoot, int workerThreads) {
        this(storageRoot, workerThreads, LuceneVectorIndex.Tuning.DEFAULTS, Runtime.getRuntime().availableProcessors(),
                BULK_MIN_BACKLOG, BULK_CHUNK);
    }

    LuceneVectorIndexPort(Path storageRoot, int workerThreads, LuceneVectorIndex.Tuning tuning) {
        this(storageRoot, workerThreads, tuning, 1, BULK_MIN_BACKLOG, BULK_CHUNK);
    }

    LuceneVectorIndexPort(Path storageRoot, int workerThreads, LuceneVectorIndex.Tuning tuning, int bulkThreads,
                          int bulkMinBacklog, int bulkChunk) {
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be at least 1");
        }
        this.storageRoot = Objects.requireNonNull(storageRoot, "storageRoot");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(workerThreads, workerThreads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread t = new Thread(task, "quiver-lucene-hnsw-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.workers.allowCoreThreadTimeOut(true);
        if (bulkThreads >= 2) {
            AtomicInteger bulkCount = new AtomicInteger();
            ThreadPoolExecutor bulkWorkers = new ThreadPoolExecutor(bulkThreads, bulkThreads, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), task -> {
                        Thread t = new Thread(task, "quiver-lucene-bulk-" + bulkCount.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            bulkWorkers.allowCoreThreadTimeOut(true);
            this.bulkBuild = new BulkGraphBuild(bulkWorkers, bulkThreads, bulkMinBacklog, bulkChunk);
        } else {
            this.bulkBuild = null;
        }
    }

    @Override
    public VectorIndex open(String collection, String vectorName, VectorIndexSpec spec) {
        return LuceneVectorIndex.open(spec, collection + "/" + vectorName,
                LuceneGraphFiles.of(storageRoot, collection, vectorName), workers, tuning, bulkBuild);
    }

    @Override
    public void drop(String collection, String vectorName) {
        try {
            LuceneGraphFiles.of(storageRoot, collection, vectorName).delete();
        } catch (IOException e) {
            throw new InternalException("cannot delete the vector index " + collection + "/" + vectorName + ": "
                    + e.getMessage(), e);
        }
    }
}
