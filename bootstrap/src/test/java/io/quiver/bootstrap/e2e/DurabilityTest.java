package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.QdrantAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quiver as a separate OS process: what a client was told has been done must still be there after the
 * process is killed with SIGKILL (no shutdown hook) or stopped with SIGTERM.
 */
class DurabilityTest {

    @TempDir
    Path storage;

    private static JsonNode config(ContractClient api, String name) {
        return assertOk(api.get("/collections/" + name).send()).get("config");
    }

    private static List<String> aliases(ContractClient api) {
        List<String> out = new ArrayList<>();
        assertOk(api.get("/aliases").send()).get("aliases")
                .forEach(a -> out.add(a.get("alias_name").asText() + " -> " + a.get("collection_name").asText()));
        return out;
    }

    private static List<String> collections(ContractClient api) {
        List<String> out = new ArrayList<>();
        assertOk(api.get("/collections").send()).get("collections").forEach(c -> out.add(c.get("name").asText()));
        return out;
    }

    @Test
    void acknowledgedChangesSurviveSigkillImmediatelyAfterTheResponses() {
        JsonNode plainBefore;
        JsonNode tunedBefore;
        try (QuiverProcess first = QuiverProcess.start(storage)) {
            ContractClient api = first.client();
            api.put("/collections/plain").json("""
                    {"vectors": {"size": 4, "distance": "Cosine"}}""").send().expectTrue();
            api.put("/collections/tuned").json("""
                    {"vectors": {"dense": {"size": 8, "distance": "Dot", "datatype": "float16"},
                                 "": {"size": 3, "distance": "Euclid"}},
                     "sparse_vectors": {"bm25": {"modifier": "idf"}},
                     "hnsw_config": {"m": 24, "ef_construct": 128},
                     "optimizers_config": {"indexing_threshold": 0},
                     "wal_config": {"wal_capacity_mb": 16},
                     "quantization_config": {"scalar": {"type": "int8", "quantile": 0.95}},
                     "strict_mode_config": {"enabled": true, "max_query_limit": 50},
                     "metadata": {"owner": "durability", "n": 1}}""").send().expectTrue();
            plainBefore = config(api, "plain");
            tunedBefore = config(api, "tuned");

            // the last acknowledged writes, with no read and no pause before the kill
            api.put("/collections/last").json("""
                    {"vectors": {"size": 2, "distance": "Manhattan"}}""").send().expectTrue();
            api.patch("/collections/plain").json("""
                    {"metadata": {"patched": true}, "hnsw_config": {"m": 8},
                     "vectors": {"": {"hnsw_config": {"ef_construct": 64}}}}""").send().expectTrue();
            api.post("/collections/aliases").json("""
                    {"actions": [
                        {"create_alias": {"collection_name": "plain", "alias_name": "p1"}},
                        {"create_alias": {"collection_name": "tuned", "alias_name": "t1"}},
                        {"create_alias": {"collection_name": "last", "alias_name": "l1"}},
                        {"rename_alias": {"old_alias_name": "t1", "new_alias_name": "t2"}}]}""").send().expectTrue();
            api.delete("/collections/last").send().expectTrue();

            first.kill();
            assertThat(first.process().isAlive()).isFalse();
        }

        try (QuiverProcess second = QuiverProcess.start(storage)) {
            ContractClient api = second.client();

            assertThat(collections(api)).containsExactlyInAnyOrder("plain", "tuned");
            assertThat(config(api, "tuned")).isEqualTo(tunedBefore);
            ObjectNode plainExpected = plainBefore.deepCopy();
            plainExpected.putObject("metadata").put("patched", true);
            ((ObjectNode) plainExpected.get("hnsw_config")).put("m", 8);
            ((ObjectNode) plainExpected.at("/params/vectors")).putObject("hnsw_config").put("ef_construct", 64);
            assertThat(config(api, "plain")).isEqualTo(plainExpected);
            assertThat(aliases(api)).containsExactlyInAnyOrder("p1 -> plain", "t2 -> tuned");
        }
    }

    @Test
    void aCleanStopWithSigtermExitsAndKeepsTheData() {
        JsonNode before;
        try (QuiverProcess first = QuiverProcess.start(storage)) {
            ContractClient api = first.client();
            api.put("/collections/kept").json("""
                    {"vectors": {"size": 5, "distance": "Dot"}, "metadata": {"k": "v"}}""").send().expectTrue();
            api.post("/collections/aliases").json("""
                    {"actions": [{"create_alias": {"collection_name": "kept", "alias_name": "kept_alias"}}]}""")
                    .send().expectTrue();
            before = config(api, "kept");

            int exit = first.stop();

            // 143 = 128 + SIGTERM: the JVM's exit status after running its shutdown hooks on a signal
            assertThat(exit).isIn(0, 143);
            assertThat(first.process().isAlive()).isFalse();
            assertThat(first.output()).as("the shutdown hook ran").contains("Quiver stopped; storage flushed and closed");
        }

        try (QuiverProcess second = QuiverProcess.start(storage)) {
            ContractClient api = second.client();
            assertThat(config(api, "kept")).isEqualTo(before);
            assertThat(aliases(api)).containsExactly("kept_alias -> kept");
        }
    }

    @Test
    void aRestartedServerAnswersTheSameVersionAndPeer() {
        JsonNode root;
        JsonNode peer;
        try (QuiverProcess first = QuiverProcess.start(storage)) {
            first.client().put("/collections/same").json("{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}")
                    .send().expectTrue();
            root = first.client().get("/").send().json();
            peer = assertOk(first.client().get("/collections/same/cluster").send()).get("peer_id");
            first.kill();
        }
        try (QuiverProcess second = QuiverProcess.start(storage)) {
            assertThat(second.client().get("/").send().json()).isEqualTo(root);
            assertThat(assertOk(second.client().get("/collections/same/cluster").send()).get("peer_id")).isEqualTo(peer);
        }
    }

    @Test
    void aPortThatIsNotANumberStopsStartUpWithAClearMessage() {
        try (QuiverProcess p = QuiverProcess.launch(storage, Map.of("QDRANT__SERVICE__HTTP_PORT", "sixty"))) {
            int exit = p.waitFor(Duration.ofSeconds(60));

            assertThat(exit).isEqualTo(2);
            assertThat(p.output()).contains("quiver: service.http_port must be a whole number, got \"sixty\"");
        }
    }

    @Test
    void aPortOutOfRangeStopsStartUpWithAClearMessage() {
        try (QuiverProcess p = QuiverProcess.launch(storage, Map.of("QDRANT__SERVICE__HTTP_PORT", "70000"))) {
            int exit = p.waitFor(Duration.ofSeconds(60));

            assertThat(exit).isEqualTo(2);
            assertThat(p.output()).contains("service.http_port must be from 0 to 65535, got 70000");
        }
    }
}
