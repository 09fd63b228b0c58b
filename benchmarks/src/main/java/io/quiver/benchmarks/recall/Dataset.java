package io.quiver.benchmarks.recall;

import io.quiver.domain.vector.Distance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Base vectors (row i = point id i), query vectors, optional ground truth (per query the nearest base
 * ids, best first) and optional integer labels of base and query rows (the payload for filtered runs).
 * Vectors are held raw, as stored in the files; preprocessing for the metric happens in the targets.
 */
record Dataset(String name, String source, Distance distance, float[][] base, float[][] queries,
               int[][] groundTruth, String groundTruthSource, int[] baseLabels, int[] queryLabels) {

    int dimension() {
        return base[0].length;
    }

    boolean hasLabels() {
        return baseLabels != null;
    }

    /** The same data with only the first {@code count} queries. */
    Dataset firstQueries(int count) {
        if (count <= 0 || count >= queries.length) {
            return this;
        }
        int[][] gt = groundTruth == null ? null : java.util.Arrays.copyOf(groundTruth, count);
        int[] ql = queryLabels == null ? null : java.util.Arrays.copyOf(queryLabels, count);
        return new Dataset(name, source, distance, base, java.util.Arrays.copyOf(queries, count), gt,
                groundTruthSource, baseLabels, ql);
    }

    /**
     * Reads a dataset folder. Recognised layouts: {@code base.fvecs|base.bvecs} + {@code query.*} (+
     * {@code groundtruth.ivecs}, {@code base_labels.txt}, {@code query_labels.txt}) as in
     * {@code shared/datasets}; or {@code vectors.jsonl} + {@code queries.jsonl} (+ {@code neighbours.jsonl})
     * as in qdrant/vector-db-benchmark. Without {@code distance}, it is guessed from the folder name
     * ("angular"/"cosine" → Cosine, "euclidean" → Euclid, "dot" → Dot; otherwise Cosine, the metric of
     * vector-db-benchmark's random-100).
     */
    static Dataset load(Path dir, Distance distance) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("dataset folder not found: " + dir);
        }
        String name = dir.toAbsolutePath().normalize().getFileName().toString();
        Distance metric = distance != null ? distance : guessDistance(name);
        float[][] base;
        float[][] queries;
        int[][] gt = null;
        String gtSource = null;
        if (Files.exists(dir.resolve("base.fvecs")) || Files.exists(dir.resolve("base.bvecs"))) {
            base = Files.exists(dir.resolve("base.fvecs")) ? VectorFiles.readFvecs(dir.resolve("base.fvecs"))
                    : VectorFiles.readBvecs(dir.resolve("base.bvecs"));
            queries = Files.exists(dir.resolve("query.fvecs")) ? VectorFiles.readFvecs(dir.resolve("query.fvecs"))
                    : VectorFiles.readBvecs(dir.resolve("query.bvecs"));
            if (Files.exists(dir.resolve("groundtruth.ivecs"))) {
                gt = VectorFiles.readIvecs(dir.resolve("groundtruth.ivecs"));
                gtSource = "groundtruth.ivecs";
            }
        } else if (Files.exists(dir.resolve("vectors.jsonl"))) {
            base = VectorFiles.readJsonlVectors(dir.resolve("vectors.jsonl"));
            queries = VectorFiles.readJsonlVectors(dir.resolve("queries.jsonl"));
            if (Files.exists(dir.resolve("neighbours.jsonl"))) {
                gt = VectorFiles.readJsonlIds(dir.resolve("neighbours.jsonl"));
                gtSource = "neighbours.jsonl";
            }
        } else {
            throw new IllegalArgumentException(dir + ": neither base.fvecs/base.bvecs nor vectors.jsonl found");
        }
        int[] baseLabels = Files.exists(dir.resolve("base_labels.txt")) ? VectorFiles.readLabels(dir.resolve("base_labels.txt")) : null;
        int[] queryLabels = Files.exists(dir.resolve("query_labels.txt")) ? VectorFiles.readLabels(dir.resolve("query_labels.txt")) : null;
        check(name, base, queries, gt, baseLabels, queryLabels);
        return new Dataset(name, dir.toString(), metric, base, queries, gt, gtSource, baseLabels, queryLabels);
    }

    /**
     * Clustered synthetic data: {@code clusters} centres drawn from N(0,1)^dim, each point a centre plus
     * N(0, spread²) noise per component; queries come from the same mixture but are not base points.
     * Labels are uniform in 0..9, independent of the vectors (so label filters are uncorrelated with
     * the geometry). No ground truth: the tool computes it exactly.
     */
    static Dataset generate(int n, int queryCount, int dim, int clusters, double spread, Distance distance, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centres = new float[clusters][dim];
        for (float[] c : centres) {
            for (int d = 0; d < dim; d++) {
                c[d] = (float) gaussian(random);
            }
        }
        float[][] base = sample(random, centres, n, spread);
        float[][] queries = sample(random, centres, queryCount, spread);
        int[] baseLabels = random.ints(n, 0, 10).toArray();
        int[] queryLabels = random.ints(queryCount, 0, 10).toArray();
        String name = String.format(Locale.ROOT, "generated-%dx%d-c%d", n, dim, clusters);
        String source = String.format(Locale.ROOT, "generated: n=%d, queries=%d, dim=%d, clusters=%d, spread=%s, seed=%d",
                n, queryCount, dim, clusters, spread, seed);
        return new Dataset(name, source, distance, base, queries, null, null, baseLabels, queryLabels);
    }

    private static float[][] sample(SplittableRandom random, float[][] centres, int count, double spread) {
        int dim = centres[0].length;
        float[][] rows = new float[count][dim];
        for (float[] row : rows) {
            float[] c = centres[random.nextInt(centres.length)];
            for (int d = 0; d < dim; d++) {
                row[d] = (float) (c[d] + spread * gaussian(random));
            }
        }
        return rows;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    static Distance guessDistance(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("euclid") || n.contains("-l2")) {
            return Distance.EUCLID;
        }
        if (n.contains("dot")) {
            return Distance.DOT;
        }
        return Distance.COSINE;
    }

    private static void check(String name, float[][] base, float[][] queries, int[][] gt, int[] baseLabels, int[] queryLabels) {
        int dim = base[0].length;
        for (float[][] set : new float[][][] {base, queries}) {
            for (float[] v : set) {
                if (v.length != dim) {
                    throw new IllegalArgumentException(name + ": mixed dimensions " + dim + " and " + v.length);
                }
            }
        }
        if (gt != null && gt.length != queries.length) {
            throw new IllegalArgumentException(name + ": " + gt.length + " ground-truth rows for " + queries.length + " queries");
        }
        if (gt != null) {
            for (int[] row : gt) {
                for (int id : row) {
                    if (id < 0 || id >= base.length) {
                        throw new IllegalArgumentException(name + ": ground-truth id " + id + " out of range");
                    }
                }
            }
        }
        if ((baseLabels == null) != (queryLabels == null)
                || baseLabels != null && (baseLabels.length != base.length || queryLabels.length != queries.length)) {
            throw new IllegalArgumentException(name + ": labels do not match the vectors");
        }
    }
}
