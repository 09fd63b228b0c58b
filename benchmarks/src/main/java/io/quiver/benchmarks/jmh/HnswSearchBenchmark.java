package io.quiver.benchmarks.jmh;

import io.quiver.adapter.out.storage.hnsw.HnswVectorIndexPort;
import io.quiver.adapter.out.storage.lucene.LuceneVectorIndexPort;
import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.application.port.out.VectorIndexPort;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * In-process HNSW search through either graph adapter (no REST, no storage reads): {@value #POINTS} clustered, normalised
 * {@value #DIM}-d vectors under Cosine with m 16 and ef_construct 100, queried for the top
 * {@value #LIMIT} with {@code searchGraph}. Queries cycle through a fixed pool of
 * {@value #QUERIES} vectors drawn from the same clusters. Setup also prints recall@10 against an
 * exact scan for each {@code ef}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class HnswSearchBenchmark {

    static final int POINTS = 20_000;
    static final int DIM = 100;
    static final int CLUSTERS = 64;
    static final int QUERIES = 256;
    static final int LIMIT = 10;

    @Param({"64", "100"})
    int ef;

    /** Which adapter: {@code lucene} (the default index) or {@code hnswlib}. */
    @Param({"lucene", "hnswlib"})
    String index;

    private Path root;
    private VectorIndex vectors;
    private float[][] data;
    private float[][] queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Random random = new Random(42);
        float[][] centres = new float[CLUSTERS][];
        for (int c = 0; c < CLUSTERS; c++) {
            centres[c] = gaussian(random, 1.0f);
        }
        data = new float[POINTS][];
        for (int i = 0; i < POINTS; i++) {
            data[i] = around(centres[random.nextInt(CLUSTERS)], random);
        }
        queries = new float[QUERIES][];
        for (int q = 0; q < QUERIES; q++) {
            queries[q] = around(centres[random.nextInt(CLUSTERS)], random);
        }

        root = Files.createTempDirectory("quiver-jmh-hnsw");
        VectorIndexPort port = index.equals("lucene") ? new LuceneVectorIndexPort(root) : new HnswVectorIndexPort(root);
        vectors = port.open("bench", "", new VectorIndexSpec(DIM, Distance.COSINE, 16, 100));
        long start = System.nanoTime();
        for (int i = 0; i < POINTS; i++) {
            vectors.upsert(PointId.of(i + 1L), data[i], 1);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!vectors.upToDate()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("index not built after 10 min: " + vectors.indexedCount() + "/" + POINTS);
            }
            Thread.sleep(20);
        }
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%n[setup] %s: built %d/%d points in %.1f s; recall@%d at ef=%d: %.4f%n",
                index, vectors.indexedCount(), POINTS, buildSeconds, LIMIT, ef, recall());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        vectors.close();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Benchmark
    public void searchGraph(Blackhole bh) {
        float[] query = queries[next];
        next = (next + 1) % QUERIES;
        bh.consume(vectors.searchGraph(query, LIMIT, ef, null));
    }

    private double recall() {
        int sample = 100;
        int found = 0;
        for (int q = 0; q < sample; q++) {
            Set<PointId> truth = exactTop(queries[q]);
            for (ScoredId hit : vectors.searchGraph(queries[q], LIMIT, ef, null)) {
                found += truth.contains(hit.id()) ? 1 : 0;
            }
        }
        return found / (double) (sample * LIMIT);
    }

    private Set<PointId> exactTop(float[] query) {
        // vectors are normalised, so cosine similarity is the dot product
        int[] best = new int[LIMIT];
        float[] scores = new float[LIMIT];
        java.util.Arrays.fill(scores, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < POINTS; i++) {
            float s = 0;
            float[] v = data[i];
            for (int d = 0; d < DIM; d++) {
                s += v[d] * query[d];
            }
            if (s > scores[LIMIT - 1]) {
                int k = LIMIT - 1;
                while (k > 0 && scores[k - 1] < s) {
                    scores[k] = scores[k - 1];
                    best[k] = best[k - 1];
                    k--;
                }
                scores[k] = s;
                best[k] = i;
            }
        }
        Set<PointId> ids = new HashSet<>();
        for (int b : best) {
            ids.add(PointId.of(b + 1L));
        }
        return ids;
    }

    private static float[] gaussian(Random random, float sigma) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) random.nextGaussian() * sigma;
        }
        return v;
    }

    private static float[] around(float[] centre, Random random) {
        float[] v = gaussian(random, 0.35f);
        for (int d = 0; d < DIM; d++) {
            v[d] += centre[d];
        }
        return normalise(v);
    }

    private static float[] normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        float inv = (float) (1 / Math.sqrt(sum));
        for (int d = 0; d < v.length; d++) {
            v[d] *= inv;
        }
        return v;
    }

}
