package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.QdrantAssertions.assertError;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertOk;
import static io.quiver.bootstrap.e2e.QdrantAssertions.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cluster endpoints as a standalone (single-node) Qdrant answers them. */
class ClusterTest {

    @RegisterExtension
    static final QuiverTestServer SERVER = QuiverTestServer.perClass();

    private static ContractClient api() {
        return SERVER.client();
    }

    @Test
    void clusterStatusSaysDistributedModeIsDisabled() {
        JsonNode result = assertOk(api().get("/cluster").send());

        assertThat(fieldNames(result)).containsExactly("status");
        assertThat(result.get("status").asText()).isEqualTo("disabled");
    }

    @Test
    void recoveringThePeerIsRefusedInStandaloneMode() {
        ApiResponse r = api().post("/cluster/recover").send();

        assertThat(assertError(r, 405)).contains("standalone mode");
    }

    @Test
    void removingAPeerIsRefusedInStandaloneMode() {
        ApiResponse r = api().delete("/cluster/peer/1").send();

        assertThat(assertError(r, 405)).contains("standalone mode");
    }

    @Test
    void changingACollectionsShardsIsRefusedInStandaloneMode() {
        api().put("/collections/cluster_move").json("{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}").send().expectTrue();

        ApiResponse r = api().post("/collections/cluster_move/cluster").json("""
                {"move_shard": {"shard_id": 0, "from_peer_id": 1, "to_peer_id": 2}}""").send();

        assertThat(r.status()).isBetween(400, 499);
        assertError(r, r.status());
    }

    @Test
    void aCollectionIsOneActiveLocalShard() {
        api().put("/collections/cluster_info").json("{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}").send().expectTrue();

        JsonNode result = assertOk(api().get("/collections/cluster_info/cluster").send());

        assertThat(result.get("peer_id").canConvertToExactIntegral()).isTrue();
        assertThat(result.get("shard_count").asInt()).isEqualTo(1);
        assertThat(result.get("local_shards")).hasSize(1);
        JsonNode shard = result.get("local_shards").get(0);
        assertThat(shard.get("shard_id").asInt()).isZero();
        assertThat(shard.get("points_count").asLong()).isZero();
        assertThat(shard.get("state").asText()).isEqualTo("Active");
        assertThat(result.get("remote_shards")).isEmpty();
        assertThat(result.get("shard_transfers")).isEmpty();
    }

    @Test
    void thePeerIdIsTheSameForEveryCollection() {
        api().put("/collections/cluster_peer_a").json("{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}").send().expectTrue();
        api().put("/collections/cluster_peer_b").json("{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}").send().expectTrue();

        JsonNode a = assertOk(api().get("/collections/cluster_peer_a/cluster").send());
        JsonNode b = assertOk(api().get("/collections/cluster_peer_b/cluster").send());

        assertThat(a.get("peer_id")).isEqualTo(b.get("peer_id"));
    }

    @Test
    void theClusterOfAMissingCollectionIsNotFound() {
        ApiResponse r = api().get("/collections/cluster_missing/cluster").send();

        assertThat(assertError(r, 404)).isEqualTo("Not found: Collection `cluster_missing` doesn't exist!");
    }
}
