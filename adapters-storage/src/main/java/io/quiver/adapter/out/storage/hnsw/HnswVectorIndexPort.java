package io.quiver.adapter.out.storage.hnsw;

import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndexPort;
import io.quiver.domain.error.InternalException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HNSW indexes (hnswlib-core) persisted under {@code <storage>/collections/<collection folder>/vectors/}.
 *
 * <p>Graphs are built in the background, like Qdrant's optimizer, by a small pool of daemon threads
 * shared by every index this port opens (by default half the processors, at least one: searches keep
 * the rest). Indexes take turns in slices of about 50 ms; idle threads exit after 30 s.
 *
 * <p>The spec's quantization is ignored: vectors stay full-precision floats on the heap, and searches
 * take the {@code VectorIndex} defaults for quantized search (which are exact searches here).
 */
public final class HnswVectorIndexPort implements VectorIndexPort {

    private final Path storageRoot;
    private final ThreadPoolExecutor workers;
    private final HnswVectorIndex.Tuning tuning;

    public HnswVectorIndexPort(Path storageRoot) {
        this(storageRoot, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }

    public HnswVectorIndexPort(Path storageRoot, int workerThreads) {
        this(storageRoot, workerThreads, HnswVectorIndex.Tuning.DEFAULTS);
    }

    HnswVectorIndexPort(Path storageRoot, int workerThreads, HnswVectorIndex.Tuning tuning) {
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be at least 1");
        }
        this.storageRoot = Objects.requireNonNull(storageRoot, "storageRoot");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.workers = new ThreadPoolExecutor(workerThreads, workerThreads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DaemonThreads());
        this.workers.allowCoreThreadTimeOut(true);
    }

    @Override
    public VectorIndex open(String collection, String vectorName, VectorIndexSpec spec) {
        return HnswVectorIndex.open(spec, collection + "/" + vectorName,
                GraphFiles.of(storageRoot, collection, vectorName), workers, tuning);
    }

    @Override
    public void drop(String collection, String vectorName) {
        try {
            GraphFiles.of(storageRoot, collection, vectorName).delete();
        } catch (IOException e) {
            throw new InternalException("cannot delete the vector index " + collection + "/" + vectorName + ": "
                    + e.getMessage(), e);
        }
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread t = new Thread(task, "quiver-hnsw-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
