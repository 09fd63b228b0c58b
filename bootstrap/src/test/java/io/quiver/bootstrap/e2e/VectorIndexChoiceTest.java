package io.quiver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quiver.bootstrap.QuiverConfig.VectorIndexKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code storage.vector_index} picks the graph library; whichever it is, a collection large enough for the
 * graph (small {@code full_scan_threshold}) answers plain and filtered searches close to the exact answer,
 * goes green with every vector indexed, and answers the same after a restart (the graph is loaded, not lost).
 */
class VectorIndexChoiceTest {

    private static final int POINTS = 2_000;
    private static final int DIM = 16;
    private static final int QUERIES = 20;

    @ParameterizedTest
    @EnumSource(VectorIndexKind.class)
    void searchesTheGraphWithAndWithoutFiltersAndSurvivesARestart(VectorIndexKind kind) throws Exception {
        try (QuiverTestServer server = QuiverTestServer.start(c -> c.withVectorIndex(kind))) {
            ContractClient api = server.client();
            api.put("/collections/choice").json("""
                    {"vectors":{"size":%d,"distance":"Euclid"},"hnsw_config":{"full_scan_threshold":10}}""".formatted(DIM))
                    .send().expect(200);
            api.put("/collections/choice/index").query("wait", true)
                    .json("{\"field_name\":\"label\",\"field_schema\":\"keyword\"}").send().expect(200);
            Random random = new Random(7);
            float[][] vectors = new float[POINTS][];
            for (int batch = 0; batch < POINTS; batch += 500) {
                StringBuilder body = new StringBuilder("{\"points\":[");
                for (int i = batch; i < batch + 500; i++) {
                    vectors[i] = randomVector(random);
                    body.append(i == batch ? "" : ",").append("{\"id\":").append(i).append(",\"vector\":")
                            .append(json(vectors[i])).append(",\"payload\":{\"label\":\"l")
                            .append(i % 10).append("\"}}");
                }
                api.put("/collections/choice/points").query("wait", true).json(body.append("]}").toString())
                        .send().expect(200);
            }
            awaitGreen(api);

            float[][] queries = IntStream.range(0, QUERIES).mapToObj(i -> randomVector(random)).toArray(float[][]::new);
            List<List<Integer>> before = new ArrayList<>();
            double recall = 0;
            double filteredRecall = 0;
            for (int q = 0; q < QUERIES; q++) {
                List<Integer> hits = search(api, queries[q], null);
                recall += overlap(hits, exact(vectors, queries[q], -1));
                int label = q % 10;
                List<Integer> filtered = search(api, queries[q], "l" + label);
                assertThat(filtered).hasSize(10).allMatch(id -> id % 10 == label);
                filteredRecall += overlap(filtered, exact(vectors, queries[q], label));
                before.add(hits);
            }
            assertThat(recall / QUERIES).as("recall@10 of " + kind).isGreaterThanOrEqualTo(0.9);
            assertThat(filteredRecall / QUERIES).as("filtered recall@10 of " + kind).isGreaterThanOrEqualTo(0.9);

            server.restart();
            JsonNode info = awaitGreen(server.client());
            assertThat(info.path("indexed_vectors_count").asInt()).isEqualTo(POINTS);
            for (int q = 0; q < QUERIES; q++) {
                assertThat(search(server.client(), queries[q], null)).isEqualTo(before.get(q));
            }
        }
    }

    /**
     * Three decimals and never within 0.05 of zero: the contract validator rejects tiny decimals as float
     * underflow, and the floats the server parses are exactly the ones kept here.
     */
    private static float[] randomVector(Random random) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            double g = random.nextGaussian();
            v[i] = Float.parseFloat(String.format(Locale.ROOT, "%.3f", Math.copySign(0.05 + Math.abs(g), g)));
        }
        return v;
    }

    private static String json(float[] v) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            out.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", v[i]));
        }
        return out.append(']').toString();
    }

    private static List<Integer> search(ContractClient api, float[] query, String label) {
        String filter = label == null ? "" : ",\"filter\":{\"must\":[{\"key\":\"label\",\"match\":{\"value\":\"" + label + "\"}}]}";
        JsonNode points = api.post("/collections/choice/points/query")
                .json("{\"query\":" + json(query) + ",\"limit\":10" + filter + "}")
                .send().expect(200).result().path("points");
        List<Integer> ids = new ArrayList<>();
        points.forEach(p -> ids.add(p.path("id").asInt()));
        return ids;
    }

    /** The exact 10 nearest ids by Euclidean distance, among the ids with {@code label} (-1: all). */
    private static Set<Integer> exact(float[][] vectors, float[] query, int label) {
        return IntStream.range(0, vectors.length)
                .filter(i -> label < 0 || i % 10 == label)
                .boxed()
                .sorted((a, b) -> Double.compare(distance(vectors[a], query), distance(vectors[b], query)))
                .limit(10)
                .collect(java.util.stream.Collectors.toCollection(HashSet::new));
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return s;
    }

    private static double overlap(List<Integer> hits, Set<Integer> exact) {
        return hits.stream().filter(exact::contains).count() / 10.0;
    }

    private static JsonNode awaitGreen(ContractClient api) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            JsonNode info = api.get("/collections/choice").send().expect(200).result();
            if (info.path("status").asText().equals("green") && info.path("indexed_vectors_count").asInt() == POINTS) {
                return info;
            }
            assertThat(System.nanoTime()).as("collection green within 60 s: " + info).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
