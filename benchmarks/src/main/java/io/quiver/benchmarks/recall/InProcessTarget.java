package io.quiver.benchmarks.recall;

import io.quiver.adapter.out.storage.memory.InMemoryVectorIndexPort;
import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndexPort;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Scoring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/**
 * The engine without HTTP: one {@link VectorIndex} opened through {@link VectorIndexPort}, filled by
 * one writer, searched with {@link VectorIndex#searchGraph}. Filters become the candidate id set a
 * payload index would hand the planner for the condition, so the run measures the index, not payload
 * lookups.
 */
final class InProcessTarget implements AutoCloseable {

    static final String HNSW_PORT = "io.quiver.adapter.out.storage.hnsw.HnswVectorIndexPort";
    static final String LUCENE_PORT = "io.quiver.adapter.out.storage.lucene.LuceneVectorIndexPort";

    private final Dataset data;
    private final float[][] queries;
    private final int k;
    private final VectorIndexPort port;
    private final Path storage;
    private final boolean deleteStorage;
    private final VectorIndex index;
    private final Map<String, Object> build = new LinkedHashMap<>();

    InProcessTarget(Dataset data, Scoring scoring, String indexKind, int m, int efConstruct, int k, Path storageRoot,
                    int buildThreads, String quantization, double buildTimeoutSeconds) throws Exception {
        this.data = data;
        this.k = k;
        this.queries = new float[data.queries().length][];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = scoring.preprocess(data.distance(), data.queries()[q]);
        }
        boolean scalar = quantization.equals("scalar");
        switch (indexKind) {
            case "exact" -> {
                if (scalar) {
                    throw new IllegalArgumentException("--quantization scalar needs --index hnsw or lucene (the exact index does not quantize)");
                }
                port = new InMemoryVectorIndexPort();
                storage = null;
                deleteStorage = false;
            }
            case "hnsw", "lucene" -> {
                Class<?> type = portClass(indexKind);
                deleteStorage = storageRoot == null;
                storage = storageRoot != null ? Files.createDirectories(storageRoot) : Files.createTempDirectory("quiver-recall-");
                port = port(type, storage, buildThreads);
            }
            default -> throw new IllegalArgumentException("--index must be exact, hnsw or lucene, not " + indexKind);
        }
        build.put("port", port.getClass().getName());
        if (!indexKind.equals("exact")) {
            build.put("buildThreads", buildThreads > 0 ? String.valueOf(buildThreads) : "port default");
            build.put("quantization", scalar ? "scalar int8 in the index spec (quantile 1.0, as the server's default)"
                    : "none");
        }
        if (storage != null) {
            build.put("storage", storage.toString());
        }
        // quantization reaches an index through its spec, exactly as the server's collections pass it on
        VectorIndexSpec spec = new VectorIndexSpec(data.dimension(), data.distance(), m, efConstruct,
                scalar ? VectorIndexSpec.Quantization.scalarInt8(1f) : VectorIndexSpec.Quantization.NONE);
        index = port.open("recall", "", spec);
        float[][] base = data.base();
        float[][] prepared = new float[base.length][];
        for (int i = 0; i < base.length; i++) {
            prepared[i] = scoring.preprocess(data.distance(), base[i]);
        }
        Sweep.progress("upserting %d vectors into %s", base.length, port.getClass().getSimpleName());
        CpuMonitor.Snapshot cpuStart = CpuMonitor.now();
        long start = System.nanoTime();
        int step = Math.max(1, base.length / 10);
        for (int i = 0; i < base.length; i++) {
            index.upsert(PointId.of(i), prepared[i], 1);
            if ((i + 1) % step == 0) {
                Sweep.progress("upserted %d/%d (%.1f s, indexed %d)", i + 1, base.length,
                        (System.nanoTime() - start) / 1e9, index.indexedCount());
            }
        }
        double upsertSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + (long) (buildTimeoutSeconds * 1e9);
        long lastReport = System.nanoTime();
        while (!index.upToDate()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("index not up to date after " + buildTimeoutSeconds + " s");
            }
            Thread.sleep(20);
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                Sweep.progress("building: indexed %d/%d (%.1f s)", index.indexedCount(), base.length,
                        (System.nanoTime() - start) / 1e9);
            }
        }
        double totalSeconds = (System.nanoTime() - start) / 1e9;
        build.put("points", base.length);
        build.put("upsertSeconds", round(upsertSeconds));
        build.put("upsertPointsPerSecond", Math.round(base.length / upsertSeconds));
        build.put("upToDateSeconds", round(totalSeconds));
        build.put("buildPointsPerSecond", Math.round(base.length / totalSeconds));
        build.put("otherProcessesCoresDuringBuild", Report.round(CpuMonitor.otherCores(cpuStart, CpuMonitor.now()), 2));
        build.put("indexedCount", index.indexedCount());
        build.put("size", index.size());
        memory(index).forEach(build::put);
        Sweep.progress("up to date after %.2f s (upserts %.2f s); size %d, indexed %d", totalSeconds, upsertSeconds,
                index.size(), index.indexedCount());
    }

    /**
     * A port class by name: the graph ports may be absent from a build (the Lucene one is written
     * elsewhere), and the tool must still compile and run {@code --index exact} without them.
     */
    private static Class<?> portClass(String indexKind) {
        String className = indexKind.equals("hnsw") ? HNSW_PORT : LUCENE_PORT;
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("--index " + indexKind + " needs " + className
                    + ", which is not on the classpath of this build (rebuild benchmarks.jar with the module that holds it"
                    + ", or use another --index)", e);
        }
    }

    /**
     * Fails now, before data and ground truth are prepared, if {@code --index}/{@code --quantization}
     * cannot be honoured by this build: a missing port class or quantizing constructor.
     */
    static void check(String indexKind, String quantization) {
        if (!Set.of("exact", "hnsw", "lucene").contains(indexKind)) {
            throw new IllegalArgumentException("--index must be exact, hnsw or lucene, not " + indexKind);
        }
        if (quantization.equals("none")) {
            if (!indexKind.equals("exact")) {
                portClass(indexKind);
            }
            return;
        }
        if (indexKind.equals("exact")) {
            throw new IllegalArgumentException("--quantization " + quantization
                    + " needs --index hnsw or lucene (the exact index does not quantize)");
        }
        if (!indexKind.equals("lucene")) {
            throw new IllegalArgumentException("--quantization " + quantization
                    + " needs --index lucene (the hnswlib adapter stores the setting but searches full floats)");
        }
        portClass(indexKind);
    }

    /** {@code threads > 0} picks the port's {@code (Path, int)} constructor, otherwise {@code (Path)}. */
    private static VectorIndexPort port(Class<?> type, Path storage, int threads) throws Exception {
        return threads > 0
                ? (VectorIndexPort) type.getConstructor(Path.class, int.class).newInstance(storage, threads)
                : (VectorIndexPort) type.getConstructor(Path.class).newInstance(storage);
    }

    static boolean hnswAvailable() {
        try {
            Class.forName(HNSW_PORT, false, InProcessTarget.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The index's own account of its memory, when it gives one (the Lucene index does). */
    private static Map<String, Object> memory(VectorIndex index) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String method : List.of("memoryBytes", "heapVectorBytes", "mappedVectorBytes")) {
            try {
                out.put(method, index.getClass().getMethod(method).invoke(index));
            } catch (ReflectiveOperationException e) {
                // not offered by this index: nothing to report
            }
        }
        return out;
    }

    private VectorIndex.QuantizedSearch quantizedSearch = VectorIndex.QuantizedSearch.DEFAULT;

    /** {@code params.quantization} for every search (null: Qdrant's default). */
    void quantizedSearch(Boolean rescore, Double oversampling) {
        quantizedSearch = new VectorIndex.QuantizedSearch(false, rescore == null || rescore,
                oversampling == null ? 1.0 : oversampling);
        build.put("searchQuantization", quantizedSearch.toString());
    }

    Map<String, Object> build() {
        return build;
    }

    /**
     * Filters arrive as the server's planner passes them: the candidate ids a payload index holds for the
     * condition (built once per distinct condition, as the index has them ready), no residual check.
     */
    int[] search(int query, Sweep.Ef ef, FilterCase filter) {
        Set<PointId> candidates = filter == FilterCase.NONE ? null : candidates(filter, query);
        List<VectorIndex.ScoredId> hits = ef.exact()
                ? index.searchExact(queries[query], k, candidates, null)
                : index.searchGraph(queries[query], k, ef.value(), candidates, null, quantizedSearch);
        int[] ids = new int[hits.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) ((PointId.NumericId) hits.get(i).id()).value();
        }
        return ids;
    }

    private final Map<String, Set<PointId>> candidateSets = new ConcurrentHashMap<>();

    private Set<PointId> candidates(FilterCase filter, int query) {
        String condition = filter.key() + ":" + FilterCase.labelFor(query)
                + (filter == FilterCase.LABEL_BUCKET ? ":" + FilterCase.bucketFor(query) : "");
        return candidateSets.computeIfAbsent(condition, c -> {
            IntPredicate rows = filter.basePredicate(data.baseLabels(), query);
            TreeSet<PointId> ids = new TreeSet<>();
            for (int row = 0; row < data.base().length; row++) {
                if (rows.test(row)) {
                    ids.add(PointId.of(row));
                }
            }
            return ids;
        });
    }

    @Override
    public void close() throws IOException {
        index.close();
        port.drop("recall", "");
        if (deleteStorage && storage != null && Files.exists(storage)) {
            try (Stream<Path> walk = Files.walk(storage)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
