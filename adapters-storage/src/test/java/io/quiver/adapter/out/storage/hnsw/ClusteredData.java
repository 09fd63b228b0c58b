package io.quiver.adapter.out.storage.hnsw;

import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.ScalarVectorMath;
import io.quiver.domain.vector.Scoring;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/** Gaussian clusters (the shape of real embeddings, unlike uniform noise) and recall measurement. */
final class ClusteredData {

    private static final Scoring SCORING = new Scoring(new ScalarVectorMath());

    final float[][] vectors;
    final float[][] queries;

    private ClusteredData(float[][] vectors, float[][] queries) {
        this.vectors = vectors;
        this.queries = queries;
    }

    /** {@code n} points and {@code q} queries around {@code clusters} centres, preprocessed for {@code distance}. */
    static ClusteredData generate(long seed, int n, int q, int dim, int clusters, Distance distance) {
        return generate(seed, n, q, dim, clusters, 0.35, distance);
    }

    /** As above, with the points' standard deviation around their centre (the centres' is 1). */
    static ClusteredData generate(long seed, int n, int q, int dim, int clusters, double spread, Distance distance) {
        Random random = new Random(seed);
        float[][] centres = new float[clusters][dim];
        for (float[] c : centres) {
            for (int i = 0; i < dim; i++) {
                c[i] = (float) random.nextGaussian();
            }
        }
        float[][] vectors = new float[n][];
        for (int p = 0; p < n; p++) {
            vectors[p] = around(centres[random.nextInt(clusters)], random, spread, distance);
        }
        float[][] queries = new float[q][];
        for (int p = 0; p < q; p++) {
            queries[p] = around(centres[random.nextInt(clusters)], random, spread, distance);
        }
        return new ClusteredData(vectors, queries);
    }

    private static float[] around(float[] centre, Random random, double spread, Distance distance) {
        float[] v = new float[centre.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = centre[i] + (float) (spread * random.nextGaussian());
        }
        return SCORING.preprocess(distance, v);
    }

    static PointId id(int i) {
        return PointId.of(i);
    }

    void upsertAll(VectorIndex index, long version) {
        for (int i = 0; i < vectors.length; i++) {
            index.upsert(id(i), vectors[i], version);
        }
    }

    /** Mean fraction of the exact top {@code k} (by {@link VectorIndex#searchExact}) that the graph search finds. */
    static double recall(VectorIndex index, float[][] queries, int k, int ef, Predicate<PointId> accept) {
        double sum = 0;
        int counted = 0;
        for (float[] query : queries) {
            List<ScoredId> truth = index.searchExact(query, k, null, accept);
            if (truth.isEmpty()) {
                continue;
            }
            Set<PointId> found = new HashSet<>();
            index.searchGraph(query, k, ef, accept).forEach(hit -> found.add(hit.id()));
            long hits = truth.stream().filter(t -> found.contains(t.id())).count();
            sum += (double) hits / truth.size();
            counted++;
        }
        return counted == 0 ? 1.0 : sum / counted;
    }
}
