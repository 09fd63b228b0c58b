package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.QdrantAssertions.assertError;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code service.api_key} and {@code service.read_only_api_key}, as Qdrant enforces them. */
class ApiKeyTest {

    private static final String FULL = "full-key-7f3a-Zq";
    private static final String READ = "read-only-key-19c2";

    @RegisterExtension
    static final QuiverTestServer SERVER = QuiverTestServer.perClass(c -> c.withApiKeys(FULL, READ));

    /** Everything Quiver logs while this class runs: no key may appear in it. */
    private static final List<LogRecord> LOGGED = new CopyOnWriteArrayList<>();
    private static final Logger ROOT = Logger.getLogger("");
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord r) {
            LOGGED.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void captureLogs() {
        CAPTURE.setLevel(Level.ALL);
        ROOT.addHandler(CAPTURE);
        Logger.getLogger("io.quiver").setLevel(Level.ALL);
    }

    @AfterAll
    static void noKeyWasEverLogged() {
        ROOT.removeHandler(CAPTURE);
        Logger.getLogger("io.quiver").setLevel(null);
        for (LogRecord r : LOGGED) {
            String line = r.getMessage() + " " + (r.getParameters() == null ? "" : List.of(r.getParameters()))
                    + " " + (r.getThrown() == null ? "" : r.getThrown());
            assertThat(line).as("a log line").doesNotContain(FULL).doesNotContain(READ);
        }
    }

    private static ContractClient api() {
        return SERVER.client();
    }

    private static void createAsAdmin(String name) {
        api().put("/collections/" + name).header("api-key", FULL).json("""
                {"vectors": {"size": 2, "distance": "Dot"}}""").send().expectTrue();
    }

    private static long countAsAdmin(String name) {
        return assertOk(api().post("/collections/" + name + "/points/count").header("api-key", FULL)
                .json("{\"exact\": true}").send()).get("count").asLong();
    }

    @Test
    void withoutAKeyEveryEndpointAnswers401WithQdrantsMessage() {
        for (ContractClient.Call call : List.of(api().get("/collections"), api().get("/collections/any"),
                api().get("/telemetry"), api().get("/aliases"),
                api().post("/collections/any/points/scroll").json("{}"),
                api().put("/collections/any").json("{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}"))) {
            ApiResponse r = call.send();

            assertThat(assertError(r, 401)).isEqualTo("Must provide an API key or an Authorization bearer token");
        }
    }

    @Test
    void metricsNeedAKeyToo() throws Exception {
        HttpResponse<String> r = raw("/metrics", null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("Must provide an API key or an Authorization bearer token");
        assertThat(raw("/metrics", FULL).statusCode()).isEqualTo(200);
        assertThat(raw("/metrics", READ).statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongKeyIs401InvalidApiKey() {
        ApiResponse wrongHeader = api().get("/collections").header("api-key", FULL + "x").send();
        ApiResponse wrongBearer = api().get("/collections").header("Authorization", "Bearer nope").send();
        ApiResponse emptyKey = api().get("/collections").header("api-key", "").send();

        assertThat(assertError(wrongHeader, 401)).isEqualTo("Invalid API key or JWT");
        assertThat(assertError(wrongBearer, 401)).isEqualTo("Invalid API key or JWT");
        assertThat(assertError(emptyKey, 401)).isEqualTo("Invalid API key or JWT");
    }

    @Test
    void anAuthorizationHeaderThatIsNotBearerCountsAsNoKey() {
        ApiResponse r = api().get("/collections").header("Authorization", "Basic " + FULL).send();

        assertThat(assertError(r, 401)).isEqualTo("Must provide an API key or an Authorization bearer token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/healthz", "/livez", "/readyz", "/healthz/"})
    void theRootAndTheHealthProbesNeedNoKey(String path) throws Exception {
        assertThat(raw(path, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theFullKeyMayDoAnythingByHeaderOrBearerToken() {
        createAsAdmin("keys_full");

        assertOk(api().get("/collections/keys_full").header("api-key", FULL).send());
        assertOk(api().put("/collections/keys_full/points").query("wait", true)
                .header("Authorization", "Bearer " + FULL)
                .json("{\"points\": [{\"id\": 1, \"vector\": [1, 0]}]}").send());
        assertThat(countAsAdmin("keys_full")).isEqualTo(1);
        api().delete("/collections/keys_full").header("Authorization", "Bearer " + FULL).send().expectTrue();
    }

    @Test
    void theReadOnlyKeyMayReadIncludingThePostReadEndpoints() {
        createAsAdmin("keys_read");
        api().put("/collections/keys_read/points").query("wait", true).header("api-key", FULL)
                .json("{\"points\": [{\"id\": 1, \"vector\": [1, 0]}, {\"id\": 2, \"vector\": [0, 1]}]}").send()
                .expect(200);

        assertOk(api().get("/collections").header("api-key", READ).send());
        assertOk(api().get("/collections/keys_read").header("Authorization", "Bearer " + READ).send());
        assertOk(api().get("/collections/keys_read/points/1").header("api-key", READ).send());
        assertOk(api().post("/collections/keys_read/points").header("api-key", READ).json("{\"ids\": [1, 2]}").send());
        assertOk(api().post("/collections/keys_read/points/scroll").header("api-key", READ).json("{}").send());
        assertThat(assertOk(api().post("/collections/keys_read/points/count").header("api-key", READ)
                .json("{}").send()).get("count").asLong()).isEqualTo(2);
        assertOk(api().post("/collections/keys_read/points/query").header("api-key", READ)
                .json("{\"query\": [1, 0], \"limit\": 1}").send());
        assertOk(api().post("/collections/keys_read/points/query/batch").header("api-key", READ)
                .json("{\"searches\": [{\"query\": [1, 0], \"limit\": 1}]}").send());
        assertOk(api().get("/telemetry").header("api-key", READ).send());
    }

    @Test
    void theReadOnlyKeyGets403OnEveryWriteAndNothingChanges() {
        createAsAdmin("keys_ro_write");

        List<ContractClient.Call> writes = List.of(
                api().put("/collections/keys_ro_write/points").query("wait", true)
                        .json("{\"points\": [{\"id\": 1, \"vector\": [1, 0]}]}"),
                api().post("/collections/keys_ro_write/points/delete").json("{\"points\": [1]}"),
                api().put("/collections/keys_ro_write/index").json("{\"field_name\": \"f\", \"field_schema\": \"keyword\"}"),
                api().patch("/collections/keys_ro_write").json("{\"optimizers_config\": {\"indexing_threshold\": 1}}"),
                api().put("/collections/keys_ro_new").json("{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}"),
                api().delete("/collections/keys_ro_write"),
                api().delete("/issues"));
        for (ContractClient.Call write : writes) {
            ApiResponse r = write.header("api-key", READ).send();

            assertThat(assertError(r, 403)).isEqualTo("Forbidden: Global manage access is required");
        }

        assertThat(countAsAdmin("keys_ro_write")).isZero();
        assertOk(api().get("/collections/keys_ro_write").header("api-key", FULL).send());
        assertThat(assertOk(api().get("/collections/keys_ro_new/exists").header("api-key", FULL).send())
                .get("exists").asBoolean()).isFalse();
    }

    @Test
    void aCorsPreflightNeedsNoKeyBecauseBrowsersSendNone() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(SERVER.baseUri() + "/collections/x/points"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://dashboard.example")
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "api-key, content-type")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers")).hasValue("api-key, content-type");
    }

    @Test
    void aRejectedRequestStillCarriesTheCorsHeaderSoBrowsersCanReadTheError() throws Exception {
        HttpResponse<String> r = raw("/collections", null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    private static HttpResponse<String> raw(String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(SERVER.baseUri() + path));
        if (key != null) {
            b.header("api-key", key);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
