package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.QdrantAssertions.assertError;
import static io.quiver.bootstrap.e2e.QdrantAssertions.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServiceEndpointsTest {

    @RegisterExtension
    static final QuiverTestServer SERVER = QuiverTestServer.perClass();

    private static ContractClient api() {
        return SERVER.client();
    }

    @Test
    void rootAnswersWithTheBareVersionObjectClientsCheck() {
        ApiResponse r = api().get("/").send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(fieldNames(r.json())).containsExactly("title", "version", "commit");
        assertThat(r.json().get("title").asText()).isEqualTo("qdrant - vector search engine");
        assertThat(r.json().get("version").asText()).isEqualTo("1.19.0");
        assertThat(r.json().get("commit").asText()).matches("[0-9a-f]{40}");
    }

    @Test
    void healthzAndLivezSayTheCheckPassedInPlainText() {
        for (String probe : new String[] {"/healthz", "/livez"}) {
            ApiResponse r = api().get(probe).send();

            assertThat(r.status()).as(probe).isEqualTo(200);
            assertThat(r.contentType()).as(probe).startsWith("text/plain");
            assertThat(r.body()).as(probe).isEqualTo("healthz check passed");
        }
    }

    @Test
    void readyzSaysAllShardsAreReady() {
        ApiResponse r = api().get("/readyz").send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(r.body()).isEqualTo("all shards are ready");
    }

    @Test
    void unknownPathIsA404WithTheErrorEnvelope() {
        ApiResponse r = api().get("/no/such/endpoint").outsideSpec().send();

        assertThat(assertError(r, 404)).contains("/no/such/endpoint");
    }

    @Test
    void unsupportedMethodOnAKnownPathIsAnErrorWithTheEnvelope() {
        ApiResponse r = api().post("/healthz").outsideSpec().send();

        assertThat(r.status()).isBetween(400, 499);
        assertError(r, r.status());
    }

    @Test
    void trailingSlashIsToleratedLikeQdrant() {
        api().put("/collections/service_trailing").json("""
                {"vectors": {"size": 3, "distance": "Dot"}}""").send().expectTrue();

        ApiResponse without = api().get("/collections/service_trailing").send();
        ApiResponse with = api().get("/collections/service_trailing/").send();

        assertThat(with.status()).isEqualTo(200);
        assertThat(with.result()).isEqualTo(without.result());
        assertThat(api().get("/collections/").send().result().get("collections"))
                .isEqualTo(api().get("/collections").send().result().get("collections"));
        assertThat(api().get("/healthz/").send().body()).isEqualTo("healthz check passed");
    }

    @Test
    void everySuccessfulEnvelopeReportsTheTimeSpent() {
        ApiResponse r = api().get("/collections").send();

        assertThat(fieldNames(r.json())).containsExactlyInAnyOrder("result", "status", "time");
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
        assertThat(r.json().get("time").asDouble()).isGreaterThanOrEqualTo(0).isLessThan(10);
    }
}
