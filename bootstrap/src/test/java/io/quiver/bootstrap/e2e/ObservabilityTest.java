package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.QdrantAssertions.assertError;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertOk;
import static io.quiver.bootstrap.e2e.QdrantAssertions.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /metrics}, {@code /telemetry}, {@code /issues} and {@code /collections/{c}/optimizations}. */
class ObservabilityTest {

    @RegisterExtension
    static final QuiverTestServer SERVER = QuiverTestServer.perClass();

    private static ContractClient api() {
        return SERVER.client();
    }

    @BeforeAll
    static void aCollectionWithPoints() {
        api().put("/collections/observed").json("""
                {"vectors": {"dense": {"size": 2, "distance": "Dot"}},
                 "sparse_vectors": {"words": {}}}""").send().expectTrue();
        api().put("/collections/observed/points").query("wait", true).json("""
                {"points": [{"id": 1, "vector": {"dense": [1, 0], "words": {"indices": [3], "values": [0.5]}}},
                            {"id": 2, "vector": {"dense": [0, 1], "words": {"indices": [4], "values": [0.5]}}},
                            {"id": 3, "vector": {"dense": [1, 1], "words": {"indices": [5], "values": [0.5]}}}]}""")
                .send().expect(200);
    }

    // ------------------------------------------------------------------------------------------- metrics

    /** One sample line of the Prometheus text format. */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    /** Parses the exposition text strictly: every line is a HELP, a TYPE or a sample of a declared family. */
    private static List<Sample> scrape() {
        ApiResponse r = api().get("/metrics").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain").contains("version=0.0.4");
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("# HELP ")) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                assertThat(parts).hasSize(4);
                assertThat(parts[3]).isIn("counter", "gauge", "histogram", "summary", "untyped");
                assertThat(types.put(parts[2], parts[3])).as("family %s declared once", parts[2]).isNull();
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("a sample line: %s", line).isTrue();
            String name = m.group(1);
            String family = name.replaceAll("_(bucket|sum|count)$", "");
            assertThat(types.containsKey(name) || types.containsKey(family))
                    .as("the family of %s is declared before it", name).isTrue();
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            double value = switch (m.group(4)) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(m.group(4));
            };
            samples.add(new Sample(name, labels, value));
        }
        return samples;
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .mapToDouble(Sample::value).findFirst().orElse(0);
    }

    @Test
    void metricsCarryQdrantsApplicationAndCollectionFigures() {
        List<Sample> samples = scrape();

        assertThat(value(samples, "app_info", Map.of("name", "qdrant", "version", "1.19.0"))).isEqualTo(1);
        assertThat(value(samples, "collections_total", Map.of())).isGreaterThanOrEqualTo(1);
        assertThat(value(samples, "collection_points", Map.of("id", "observed"))).isEqualTo(3);
        assertThat(value(samples, "collections_vector_total", Map.of()))
                .as("one dense and one sparse vector per point").isGreaterThanOrEqualTo(6);
        assertThat(value(samples, "cluster_enabled", Map.of())).isZero();
    }

    @Test
    void metricsCountARequestUnderItsRoutePatternAndStatus() {
        Map<String, String> labels = Map.of("method", "GET", "endpoint", "/collections/{name}", "status", "200");
        double before = value(scrape(), "rest_responses_total", labels);

        api().get("/collections/observed").send().expect(200);
        api().get("/collections/observed").send().expect(200);

        List<Sample> after = scrape();
        assertThat(value(after, "rest_responses_total", labels)).isEqualTo(before + 2);
        assertThat(after).noneMatch(s -> s.labels().getOrDefault("endpoint", "").contains("observed"));
        assertThat(value(after, "rest_responses_duration_seconds_count", labels)).isEqualTo(before + 2);
        assertThat(value(after, "rest_responses_duration_seconds_bucket", withLe(labels, "+Inf"))).isEqualTo(before + 2);
        assertThat(value(after, "rest_responses_max_duration_seconds", labels))
                .isGreaterThanOrEqualTo(value(after, "rest_responses_min_duration_seconds", labels));
        assertThat(value(after, "rest_responses_avg_duration_seconds", labels)).isPositive();
    }

    @Test
    void aFailedLookupIsCountedUnderItsOwnStatus() {
        Map<String, String> labels = Map.of("method", "GET", "endpoint", "/collections/{name}", "status", "404");
        double before = value(scrape(), "rest_responses_total", labels);

        api().get("/collections/not_there").send().expect(404);

        assertThat(value(scrape(), "rest_responses_total", labels)).isEqualTo(before + 1);
    }

    @Test
    void histogramBucketsRiseToTheCount() {
        List<Sample> samples = scrape();
        List<Sample> buckets = samples.stream().filter(s -> s.name().equals("rest_responses_duration_seconds_bucket"))
                .filter(s -> s.labels().get("endpoint").equals("/metrics")).toList();

        assertThat(buckets).isNotEmpty();
        for (int i = 1; i < buckets.size(); i++) {
            assertThat(buckets.get(i).value()).isGreaterThanOrEqualTo(buckets.get(i - 1).value());
        }
        assertThat(buckets.getLast().labels().get("le")).isEqualTo("+Inf");
    }

    @Test
    void metricsIncludeJvmMemoryAndGarbageCollection() {
        List<Sample> samples = scrape();

        assertThat(value(samples, "jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
        assertThat(value(samples, "jvm_memory_committed_bytes", Map.of("area", "nonheap"))).isPositive();
        assertThat(samples).anyMatch(s -> s.name().equals("jvm_gc_collection_seconds_count") && s.labels().containsKey("gc"));
        assertThat(value(samples, "memory_resident_bytes", Map.of())).isPositive();
        assertThat(value(samples, "process_start_time_seconds", Map.of())).isPositive();
    }

    @Test
    void anonymizedMetricsHideCollectionNames() {
        ApiResponse r = api().get("/metrics").query("anonymize", true).send();

        assertThat(r.body()).contains("collection_points{id=\"").doesNotContain("observed");
    }

    private static Map<String, String> withLe(Map<String, String> labels, String le) {
        Map<String, String> out = new LinkedHashMap<>(labels);
        out.put("le", le);
        return out;
    }

    // ----------------------------------------------------------------------------------------- telemetry

    private static JsonNode telemetry(int level) {
        return assertOk(api().get("/telemetry").query("details_level", level).send());
    }

    @Test
    void telemetryAtLevelZeroHasQdrantsKeySet() {
        JsonNode t = assertOk(api().get("/telemetry").send());

        assertThat(fieldNames(t)).containsExactlyInAnyOrder("id", "app", "collections", "cluster", "requests");
        assertThat(fieldNames(t.get("collections"))).containsExactly("number_of_collections");
        assertThat(t.get("collections").get("number_of_collections").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(t.get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(t.get("app").get("name").asText()).isEqualTo("qdrant");
        assertThat(t.get("app").get("version").asText()).isEqualTo("1.19.0");
        assertThat(Instant.parse(t.get("app").get("startup").asText())).isBefore(Instant.now());
        assertThat(t.get("cluster").get("enabled").asBoolean()).isFalse();
        JsonNode upserts = t.get("requests").get("rest").get("responses").get("PUT /collections/{name}/points");
        assertThat(upserts.get("200").get("count").asLong()).isGreaterThan(0);
        assertThat(upserts.get("200").has("avg_duration_micros")).isTrue();
        assertThat(t.get("requests").get("grpc").get("responses").isObject()).isTrue();
    }

    @Test
    void telemetryAtLevelOneAddsMemoryHardwareSystemAndAggregatedCollections() {
        JsonNode t = telemetry(1);

        assertThat(fieldNames(t)).containsExactlyInAnyOrder("id", "app", "collections", "cluster", "requests",
                "memory", "hardware");
        assertThat(fieldNames(t.get("collections"))).containsExactlyInAnyOrder("number_of_collections", "collections");
        JsonNode observed = t.get("collections").get("collections").get(0);
        assertThat(fieldNames(observed)).containsExactlyInAnyOrder("vectors", "optimizers_status", "params");
        assertThat(observed.get("vectors").asLong()).isEqualTo(6);
        assertThat(observed.get("params").get("vectors").has("dense")).isTrue();
        assertThat(t.get("memory").get("resident_bytes").asLong()).isPositive();
        assertThat(t.get("app").get("system").get("cores").asInt()).isPositive();
        String lastResponded = t.get("requests").get("rest").get("responses").get("PUT /collections/{name}/points")
                .get("200").get("last_responded").asText();
        assertThat(Duration.between(Instant.parse(lastResponded), Instant.now())).isLessThan(Duration.ofHours(1));
    }

    @Test
    void telemetryAtLevelTwoDescribesEachCollectionsConfiguration() {
        JsonNode t = telemetry(2);

        JsonNode observed = t.get("collections").get("collections").get(0);
        assertThat(fieldNames(observed)).containsExactlyInAnyOrder("id", "init_time_ms", "config");
        assertThat(observed.get("id").asText()).isEqualTo("observed");
        assertThat(fieldNames(observed.get("config"))).contains("params", "hnsw_config", "optimizer_config", "wal_config");
    }

    @Test
    void anonymizedTelemetryHidesCollectionNames() {
        ApiResponse r = api().get("/telemetry").query("details_level", 3).query("anonymize", true).send();

        assertOk(r);
        assertThat(r.body()).doesNotContain("\"observed\"");
    }

    @Test
    void aDetailsLevelThatIsNotANumberIs400() {
        ApiResponse r = api().get("/telemetry").query("details_level", "lots").violatingSpec().send();

        assertThat(assertError(r, 400)).contains("details_level");
    }

    // -------------------------------------------------------------------------------------------- issues

    @Test
    void issuesAreAnEmptyListInTheEnvelopeAndClearingThemSaysTrue() {
        ApiResponse r = api().get("/issues").send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(fieldNames(assertOk(r))).containsExactly("issues");
        assertThat(r.result().get("issues").isArray()).isTrue();
        assertThat(r.result().get("issues")).isEmpty();
        api().delete("/issues").send().expectTrue();
    }

    // ------------------------------------------------------------------------------------- optimizations

    @Test
    void optimizationsOfAnIndexedCollectionShowNothingRunning() throws InterruptedException {
        awaitGreen("observed");

        JsonNode result = assertOk(api().get("/collections/observed/optimizations").send());

        assertThat(fieldNames(result)).containsExactlyInAnyOrder("summary", "running");
        assertThat(result.get("running")).isEmpty();
        assertThat(result.get("summary").get("queued_optimizations").asInt()).isZero();
        assertThat(result.get("summary").get("idle_segments").asInt()).isEqualTo(1);
    }

    @Test
    void optimizationsWithTheOptionalListsAskedFor() throws InterruptedException {
        awaitGreen("observed");

        JsonNode result = assertOk(api().get("/collections/observed/optimizations")
                .query("with", "queued,completed,idle_segments").query("completed_limit", 5).send());

        assertThat(result.get("queued")).isEmpty();
        assertThat(result.get("completed")).isEmpty();
        assertThat(result.get("idle_segments")).hasSize(1);
        assertThat(result.get("idle_segments").get(0).get("points_count").asLong()).isEqualTo(3);
    }

    @Test
    void optimizationsOfAnUnknownCollectionAre404() {
        assertThat(assertError(api().get("/collections/nope_opt/optimizations").send(), 404)).contains("nope_opt");
    }

    private static void awaitGreen(String collection) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (assertOk(api().get("/collections/" + collection).send()).get("status").asText().equals("green")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(collection + " did not turn green");
    }
}
