package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.QdrantAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The requests LangChain's {@code QdrantVectorStore} (langchain-qdrant) sends through qdrant-client, in the
 * shapes it sends them: a collection with the unnamed vector as {@code {"": VectorParams}} (plus
 * {@code "langchain-sparse"} in hybrid mode), upserts in batches of 64 with {@code uuid4().hex} ids and
 * {@code {page_content, metadata}} payloads, similarity search, MMR and hybrid RRF through
 * {@code /points/query} with explicit nulls for unset options, delete by ids and retrieve. Expected answers
 * are computed here by brute force over the same fake embeddings.
 *
 * <p>{@code uuid4().hex} ids have no hyphens, which the document's {@code format: uuid} does not allow but
 * Qdrant accepts; the requests that carry them are sent with {@code violatingSpec()} (the validator must
 * agree that only the document is broken), and their responses are still checked in full.
 */
class LangChainFlowsTest {

    @RegisterExtension
    static final QuiverTestServer SERVER = QuiverTestServer.perClass();

    static final int DOCUMENTS = 130;
    static final int BATCH = 64;
    static final String SPARSE = "langchain-sparse";

    static ContractClient api() {
        return SERVER.client();
    }

    /** A document's fake dense embedding: a point on a helix, so cosine similarities are all distinct. */
    static float[] dense(int i) {
        double theta = i * 0.05;
        return new float[] {(float) Math.cos(theta), (float) Math.sin(theta), (i % 7) * 0.1f};
    }

    /** A document's fake sparse embedding: two tokens, weights that differ per document. */
    static int[] sparseIndices(int i) {
        return new int[] {i % 10, 10 + i % 7};
    }

    static float[] sparseValues(int i) {
        return new float[] {1 + i * 0.001f, 0.5f + i * 0.0001f};
    }

    static String source(int i) {
        return "s" + i % 3;
    }

    /** What {@code uuid.uuid4().hex} gives: 32 hex digits without hyphens. */
    static List<String> hexIds() {
        List<String> ids = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < DOCUMENTS; i++) {
            ids.add(new UUID(random.nextLong(), random.nextLong()).toString().replace("-", ""));
        }
        return ids;
    }

    static String canonical(String hex) {
        return hex.replaceFirst("(\\p{XDigit}{8})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}+)",
                "$1-$2-$3-$4-$5");
    }

    static String floats(float[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ", ").append(v[i]);
        }
        return b.append(']').toString();
    }

    static String sparse(int i) {
        int[] idx = sparseIndices(i);
        return "{\"indices\": [" + idx[0] + ", " + idx[1] + "], \"values\": " + floats(sparseValues(i)) + "}";
    }

    /** {@code QdrantVectorStore.construct_instance} + {@code add_texts}: exists check, create, batched upserts. */
    static List<String> store(String collection, boolean hybrid) {
        assertThat(assertOk(api().get("/collections/" + collection + "/exists").send()).get("exists").asBoolean())
                .isFalse();
        String sparseConfig = hybrid ? "{\"" + SPARSE + "\": {}}" : "{}";
        api().put("/collections/" + collection).json("{\"vectors\": {\"\": {\"size\": 3, \"distance\": \"Cosine\"}},"
                + " \"sparse_vectors\": " + sparseConfig + "}").send().expectTrue();
        List<String> ids = hexIds();
        for (int from = 0; from < DOCUMENTS; from += BATCH) {
            StringBuilder points = new StringBuilder("{\"points\": [");
            for (int i = from; i < Math.min(from + BATCH, DOCUMENTS); i++) {
                String vector = "{\"\": " + floats(dense(i)) + (hybrid ? ", \"" + SPARSE + "\": " + sparse(i) : "") + "}";
                String metadata = i == DOCUMENTS - 1 ? "null"
                        : "{\"source\": \"" + source(i) + "\", \"i\": " + i + ", \"tags\": [\"t" + i % 2 + "\"]}";
                points.append(i == from ? "" : ", ").append("{\"id\": \"").append(ids.get(i)).append("\", \"vector\": ")
                        .append(vector).append(", \"payload\": {\"page_content\": \"doc ").append(i)
                        .append("\", \"metadata\": ").append(metadata).append("}}");
            }
            JsonNode result = assertOk(api().put("/collections/" + collection + "/points").query("wait", true)
                    .json(points.append("]}").toString()).violatingSpec().send());
            assertThat(result.get("status").asText()).isEqualTo("completed");
        }
        return ids;
    }

    /** {@code _validate_collection_for_dense}: the unnamed vector is listed by the name {@code ""}. */
    static void validateCollection(String collection, boolean hybrid) {
        JsonNode params = assertOk(api().get("/collections/" + collection).send()).get("config").get("params");
        JsonNode vectors = params.get("vectors");
        assertThat(vectors.isObject()).isTrue();
        assertThat(vectors.has("")).as("vectors %s", vectors).isTrue();
        assertThat(vectors.get("").get("size").asInt()).isEqualTo(3);
        assertThat(vectors.get("").get("distance").asText()).isEqualTo("Cosine");
        if (hybrid) {
            assertThat(params.get("sparse_vectors").has(SPARSE)).isTrue();
        }
        assertThat(assertOk(api().post("/collections/" + collection + "/points/count").json("{\"exact\": true}")
                .send()).get("count").asInt()).isEqualTo(DOCUMENTS);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * (double) b[i];
            na += a[i] * (double) a[i];
            nb += b[i] * (double) b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    static double sparseDot(int document, int query) {
        int[] di = sparseIndices(document);
        int[] qi = sparseIndices(query);
        float[] dv = sparseValues(document);
        float[] qv = sparseValues(query);
        double sum = 0;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                if (di[a] == qi[b]) {
                    sum += dv[a] * (double) qv[b];
                }
            }
        }
        return sum;
    }

    /** Documents passing {@code keep}, best first by {@code score}, those scoring above {@code floor} only. */
    static List<Integer> ranked(IntPredicate keep, java.util.function.IntToDoubleFunction score, double floor) {
        List<Integer> docs = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            if (keep.test(i) && score.applyAsDouble(i) > floor) {
                docs.add(i);
            }
        }
        docs.sort(Comparator.comparingDouble(score::applyAsDouble).reversed());
        return docs;
    }

    static final IntPredicate FROM_S2 = i -> i != DOCUMENTS - 1 && source(i).equals("s2");

    static final String FILTER_S2 = """
            {"must": [{"key": "metadata.source", "match": {"value": "s2"}}]}""";

    @Test
    void denseStoreAddSearchMmrDeleteAndRetrieve() {
        String collection = "langchain_dense";
        List<String> ids = store(collection, false);
        validateCollection(collection, false);
        int q = 41; // "doc 41" is in s2

        // similarity_search_with_score(query, k=4, filter=..., score_threshold=0.9)
        JsonNode hits = assertOk(api().post("/collections/" + collection + "/points/query").json(
                "{\"query\": " + floats(dense(q)) + ", \"using\": \"\", \"filter\": " + FILTER_S2 + ", \"params\": null,"
                        + " \"limit\": 4, \"offset\": 0, \"with_payload\": true, \"with_vector\": false,"
                        + " \"score_threshold\": 0.9, \"prefetch\": null, \"lookup_from\": null}").send()).get("points");

        List<Integer> passing = ranked(FROM_S2, i -> cosine(dense(i), dense(q)), 0.9);
        List<Integer> expected = passing.subList(0, 4);
        // the premise of an order check: no two of these scores are so close that rounding could swap them
        for (int k = 1; k < 5; k++) {
            assertThat(cosine(dense(passing.get(k - 1)), dense(q)) - cosine(dense(passing.get(k)), dense(q)))
                    .isGreaterThan(1e-4);
        }
        assertThat(hits).hasSize(4);
        for (int k = 0; k < 4; k++) {
            int doc = expected.get(k);
            JsonNode hit = hits.get(k);
            assertThat(hit.get("id").asText()).isEqualTo(canonical(ids.get(doc)));
            assertThat(hit.get("score").asDouble()).isCloseTo(cosine(dense(doc), dense(q)), within(1e-5));
            assertThat(hit.get("payload").get("page_content").asText()).isEqualTo("doc " + doc);
            assertThat(hit.get("payload").get("metadata").get("source").asText()).isEqualTo("s2");
            assertThat(hit.has("vector")).isFalse();
        }
        assertThat(hits.get(0).get("score").asDouble()).isCloseTo(1.0, within(1e-5));

        // a threshold above every other document leaves the query's own document only
        JsonNode strict = assertOk(api().post("/collections/" + collection + "/points/query").json(
                "{\"query\": " + floats(dense(q)) + ", \"using\": \"\", \"limit\": 4, \"with_payload\": true,"
                        + " \"score_threshold\": 0.99999}").send()).get("points");
        assertThat(strict).hasSize(1);

        // max_marginal_relevance_search(query, k=4, fetch_k=20, lambda_mult=0.5)
        JsonNode mmr = assertOk(api().post("/collections/" + collection + "/points/query").json(
                "{\"query\": {\"nearest\": " + floats(dense(q)) + ", \"mmr\": {\"diversity\": 0.5, \"candidates_limit\": 20}},"
                        + " \"filter\": null, \"params\": null, \"limit\": 4, \"with_payload\": true, \"with_vector\": true,"
                        + " \"score_threshold\": null, \"using\": \"\"}").send()).get("points");
        List<String> candidates = ranked(i -> true, i -> cosine(dense(i), dense(q)), -2).subList(0, 20).stream()
                .map(i -> canonical(ids.get(i))).toList();
        assertThat(mmr).hasSize(4);
        assertThat(mmr.get(0).get("id").asText()).isEqualTo(canonical(ids.get(q)));
        List<String> picked = new ArrayList<>();
        for (JsonNode hit : mmr) {
            picked.add(hit.get("id").asText());
            assertThat(hit.get("vector").isArray()).as("the unnamed vector alone is written bare: %s", hit).isTrue();
            assertThat(hit.get("vector")).hasSize(3);
            assertThat(hit.get("payload").get("page_content").asText()).startsWith("doc ");
        }
        assertThat(candidates).containsAll(picked);
        assertThat(picked).doesNotHaveDuplicates();

        // delete(ids=[...]) then get_by_ids(...)
        List<String> gone = List.of(ids.get(q), ids.get(0));
        JsonNode deleted = assertOk(api().post("/collections/" + collection + "/points/delete").query("wait", true)
                .json("{\"points\": [\"" + gone.get(0) + "\", \"" + gone.get(1) + "\"]}").violatingSpec().send());
        assertThat(deleted.get("status").asText()).isEqualTo("completed");

        JsonNode records = assertOk(api().post("/collections/" + collection + "/points").json(
                "{\"ids\": [\"" + ids.get(q) + "\", \"" + ids.get(1) + "\", \"" + ids.get(DOCUMENTS - 1) + "\"],"
                        + " \"with_payload\": true, \"with_vector\": false}").violatingSpec().send());
        assertThat(records).hasSize(2);
        Map<String, JsonNode> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.get("id").asText(), r));
        assertThat(byId.get(canonical(ids.get(1))).get("payload").get("page_content").asText()).isEqualTo("doc 1");
        assertThat(byId.get(canonical(ids.get(1))).get("payload").get("metadata").get("tags").get(0).asText())
                .isEqualTo("t1");
        assertThat(byId.get(canonical(ids.get(DOCUMENTS - 1))).get("payload").get("metadata").isNull()).isTrue();

        JsonNode after = assertOk(api().post("/collections/" + collection + "/points/query").json(
                "{\"query\": " + floats(dense(q)) + ", \"using\": \"\", \"limit\": 1, \"with_payload\": true}").send())
                .get("points");
        assertThat(after.get(0).get("id").asText()).isNotEqualTo(canonical(ids.get(q)));
    }

    @Test
    void hybridSearchFusesDenseAndSparseWithRrf() {
        String collection = "langchain_hybrid";
        List<String> ids = store(collection, true);
        validateCollection(collection, true);
        int q = 47; // in s2
        int k = 5;

        String sparseQuery = sparse(q);
        JsonNode hits = assertOk(api().post("/collections/" + collection + "/points/query").json(
                "{\"prefetch\": ["
                        + "{\"using\": \"\", \"query\": " + floats(dense(q)) + ", \"filter\": " + FILTER_S2
                        + ", \"limit\": " + k + ", \"params\": null},"
                        + "{\"using\": \"" + SPARSE + "\", \"query\": " + sparseQuery + ", \"filter\": " + FILTER_S2
                        + ", \"limit\": " + k + ", \"params\": null}],"
                        + " \"query\": {\"fusion\": \"rrf\"}, \"filter\": " + FILTER_S2 + ", \"params\": null,"
                        + " \"limit\": " + k + ", \"offset\": 0, \"with_payload\": true, \"with_vector\": false,"
                        + " \"score_threshold\": null}").send()).get("points");

        List<Integer> denseList = ranked(FROM_S2, i -> cosine(dense(i), dense(q)), -2).subList(0, k);
        // only documents sharing a token with the query are sparse hits
        List<Integer> sparseList = ranked(FROM_S2, i -> sparseDot(i, q), 0);
        sparseList = sparseList.subList(0, Math.min(k, sparseList.size()));
        Map<Integer, Double> fused = new HashMap<>();
        for (List<Integer> list : List.of(denseList, sparseList)) {
            for (int pos = 0; pos < list.size(); pos++) {
                fused.merge(list.get(pos), 1.0 / (pos + 2), Double::sum);
            }
        }
        List<Map.Entry<Integer, Double>> best = new ArrayList<>(fused.entrySet());
        best.sort(Map.Entry.<Integer, Double>comparingByValue().reversed());
        assertThat(hits).hasSize(k);
        // the query's own document leads both lists
        assertThat(hits.get(0).get("id").asText()).isEqualTo(canonical(ids.get(q)));
        assertThat(hits.get(0).get("score").asDouble()).isCloseTo(1.0, within(1e-6));
        Map<String, Double> got = new LinkedHashMap<>();
        hits.forEach(h -> got.put(h.get("id").asText(), h.get("score").asDouble()));
        assertThat(fused.keySet().stream().map(i -> canonical(ids.get(i))).toList()).containsAll(got.keySet());
        double kthScore = best.get(k - 1).getValue();
        for (Map.Entry<Integer, Double> e : best) {
            String id = canonical(ids.get(e.getKey()));
            if (e.getValue() > kthScore) {
                assertThat(got).as("%s (doc %s) in %s", id, e.getKey(), got).containsKey(id);
            }
            if (got.containsKey(id)) {
                assertThat(got.get(id)).as("doc %s", e.getKey()).isCloseTo(e.getValue(), within(1e-6));
            }
        }
        hits.forEach(h -> assertThat(h.get("payload").get("metadata").get("source").asText()).isEqualTo("s2"));

        // sparse retrieval mode alone: query_points(query=SparseVector, using="langchain-sparse")
        JsonNode sparseHits = assertOk(api().post("/collections/" + collection + "/points/query").json(
                "{\"query\": " + sparseQuery + ", \"using\": \"" + SPARSE + "\", \"filter\": " + FILTER_S2
                        + ", \"limit\": 3, \"offset\": 0, \"with_payload\": true, \"with_vector\": false}").send())
                .get("points");
        for (int i = 0; i < 3; i++) {
            int doc = sparseList.get(i);
            assertThat(sparseHits.get(i).get("id").asText()).isEqualTo(canonical(ids.get(doc)));
            assertThat(sparseHits.get(i).get("score").asDouble()).isCloseTo(sparseDot(doc, q), within(1e-5));
        }

        // with_vector on a hybrid store returns both vectors by name
        JsonNode withVectors = assertOk(api().post("/collections/" + collection + "/points").json(
                "{\"ids\": [\"" + ids.get(q) + "\"], \"with_payload\": true, \"with_vector\": true}").violatingSpec()
                .send());
        JsonNode vector = withVectors.get(0).get("vector");
        assertThat(vector.get("").isArray()).isTrue();
        assertThat(vector.get(SPARSE).get("indices").get(0).asInt()).isEqualTo(sparseIndices(q)[0]);
        assertThat(String.format(Locale.ROOT, "%.4f", vector.get(SPARSE).get("values").get(0).asDouble()))
                .isEqualTo(String.format(Locale.ROOT, "%.4f", sparseValues(q)[0]));
    }
}
