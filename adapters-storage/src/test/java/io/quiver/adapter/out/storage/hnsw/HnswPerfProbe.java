package io.quiver.adapter.out.storage.hnsw;

import io.quiver.adapter.out.storage.simd.VectorMathProvider;
import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.Scoring;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Performance sanity check, not a test (surefire does not pick it up): builds an index in the
 * background, then reports single-thread queries/s and recall@10 (against the index's own exact
 * search), persist size/time and the restart time. Run with the test classpath and
 * {@code --add-modules jdk.incubator.vector}:
 * <ul>
 *   <li>{@code HnswPerfProbe [n] [dim] [ef] [spread]} — random clustered vectors, Cosine (defaults 20000 100 100 0.35);</li>
 *   <li>{@code HnswPerfProbe fvecs <dir with base.fvecs and query.fvecs> [ef]} — e.g. the saved GloVe set, Cosine.</li>
 * </ul>
 */
public final class HnswPerfProbe {

    private HnswPerfProbe() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 1 && args[0].equals("fvecs")) {
            Path dir = Path.of(args[1]);
            int ef = args.length > 2 ? Integer.parseInt(args[2]) : 100;
            Scoring scoring = new Scoring(VectorMathProvider.best());
            float[][] base = normalised(readFvecs(dir.resolve("base.fvecs")), scoring);
            float[][] queries = normalised(readFvecs(dir.resolve("query.fvecs")), scoring);
            run(dir.getFileName().toString(), base, queries, Distance.COSINE, ef);
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int ef = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        double spread = args.length > 3 ? Double.parseDouble(args[3]) : 0.35;
        ClusteredData data = ClusteredData.generate(1, n, 1_000, dim, Math.max(10, n / 200), spread, Distance.COSINE);
        run("random clustered, spread " + spread, data.vectors, data.queries, Distance.COSINE, ef);
    }

    private static void run(String label, float[][] base, float[][] queries, Distance distance, int ef) throws IOException {
        int n = base.length;
        int dim = base[0].length;
        VectorIndexSpec spec = new VectorIndexSpec(dim, distance, 16, 100);
        Path storage = Files.createTempDirectory("hnsw-probe");
        try {
            VectorIndex index = new HnswVectorIndexPort(storage, 1).open("probe", "", spec);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                index.upsert(ClusteredData.id(i), base[i], 1);
            }
            long uploaded = System.nanoTime();
            HnswVectorIndexTest.awaitIndexed(index);
            long built = System.nanoTime();
            System.out.printf("%s: %d x %d-d %s, m=16 ef_construct=100, 1 background thread, %s%n",
                    label, n, dim, distance, VectorMathProvider.best().description());
            System.out.printf("upload %.0f ms (searchable at once), graph complete after %.1f s (%.0f vectors/s)%n",
                    ms(uploaded - t0), (built - t0) / 1e9, n / ((built - t0) / 1e9));

            List<Double> rates = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                long q0 = System.nanoTime();
                for (float[] q : queries) {
                    index.searchGraph(q, 10, ef, null);
                }
                rates.add(queries.length / ((System.nanoTime() - q0) / 1e9));
            }
            System.out.printf("single thread, limit 10, ef=%d: queries/s per round %s%n", ef,
                    rates.stream().map(r -> String.format("%.0f", r)).toList());
            long e0 = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                index.searchExact(queries[i], 10, null, null);
            }
            System.out.printf("exact scan: %.0f queries/s%n", 100 / ((System.nanoTime() - e0) / 1e9));
            System.out.printf("recall@10 at ef=%d: %.4f; with a 10%% filter: %.4f%n", ef,
                    ClusteredData.recall(index, queries, 10, ef, null),
                    ClusteredData.recall(index, queries, 10, ef, id -> id.hashCode() % 10 == 0));

            long p0 = System.nanoTime();
            index.persist();
            long p1 = System.nanoTime();
            index.close();
            Path file = GraphFiles.of(storage, "probe", "").graphFile();
            System.out.printf("persist %.0f ms, %.1f MB%n", ms(p1 - p0), Files.size(file) / 1e6);

            long o0 = System.nanoTime();
            VectorIndex reopened = new HnswVectorIndexPort(storage, 1).open("probe", "", spec);
            long o1 = System.nanoTime();
            Map<PointId, Long> versions = new HashMap<>();
            for (int i = 0; i < n; i++) {
                versions.put(ClusteredData.id(i), 1L);
            }
            reopened.sync(versions, id -> {
                throw new AssertionError("reloaded " + id);
            });
            long o2 = System.nanoTime();
            System.out.printf("restart: open %.0f ms, sync %.0f ms, indexed %d of %d, up to date %s%n",
                    ms(o1 - o0), ms(o2 - o1), reopened.indexedCount(), reopened.size(), reopened.upToDate());
            reopened.close();
        } finally {
            try (Stream<Path> files = Files.walk(storage)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static float[][] readFvecs(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<float[]> rows = new ArrayList<>();
        while (bytes.hasRemaining()) {
            float[] row = new float[bytes.getInt()];
            for (int i = 0; i < row.length; i++) {
                row[i] = bytes.getFloat();
            }
            rows.add(row);
        }
        return rows.toArray(float[][]::new);
    }

    private static float[][] normalised(float[][] rows, Scoring scoring) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = scoring.preprocess(Distance.COSINE, rows[i]);
        }
        return out;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
