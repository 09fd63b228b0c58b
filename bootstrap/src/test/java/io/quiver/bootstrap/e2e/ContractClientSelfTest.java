package io.quiver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness itself: against a fake server that answers whatever a test tells it to, {@link ContractClient}
 * must let conforming traffic through and fail on every kind of contract violation. Guards against the
 * validation silently going blind (a misconfigured validator accepts everything).
 */
class ContractClientSelfTest {

    private static HttpServer fake;
    private static volatile int status;
    private static volatile String contentType;
    private static volatile String body;

    @BeforeAll
    static void startFake() throws IOException {
        fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fake.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        fake.start();
    }

    @AfterAll
    static void stopFake() {
        fake.stop(0);
    }

    private static ContractClient client() {
        return ContractClient.of(URI.create("http://127.0.0.1:" + fake.getAddress().getPort()));
    }

    private static void answer(int code, String type, String json) {
        status = code;
        contentType = type;
        body = json;
    }

    private static final String COLLECTION_INFO = """
            {"result": {"status": "green", "optimizer_status": "ok", "segments_count": 1, "points_count": 0,
              "config": {"params": {"vectors": {"size": 4, "distance": "Cosine"}},
                         "hnsw_config": {"m": 16, "ef_construct": 100, "full_scan_threshold": 10000},
                         "optimizer_config": {"default_segment_number": 0, "flush_interval_sec": 5},
                         "quantization_config": %s},
              "payload_schema": {}},
             "status": "ok", "time": 0.000123456789}""";

    @Test
    void conformingTrafficPasses() {
        answer(200, "application/json", COLLECTION_INFO.formatted("null"));

        ApiResponse r = client().get("/collections/c").send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.result().get("status").asText()).isEqualTo("green");
    }

    @Test
    void aMissingRequiredResponseFieldFails() {
        answer(200, "application/json", "{\"result\": {}, \"status\": \"ok\", \"time\": 0.1}");

        assertThatThrownBy(() -> client().get("/collections").send())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("response breaks V1_19")
                .hasMessageContaining("collections");
    }

    @Test
    void anUnknownResponseFieldFails() {
        answer(200, "application/json", "{\"result\": {\"collections\": [], \"extra\": 1}, \"status\": \"ok\", \"time\": 0.1}");

        assertThatThrownBy(() -> client().get("/collections").send())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("extra");
    }

    @Test
    void aWrongValueInsideAnOptionalNullableFieldFails() {
        // quantization_config is "anyOf [QuantizationConfig, {nullable: true}]" in the document: read
        // literally this accepts anything; QdrantSpec.nullMeansNull makes it mean "a QuantizationConfig or null"
        answer(200, "application/json", COLLECTION_INFO.formatted("{\"scalar\": {\"type\": \"int16\"}}"));

        assertThatThrownBy(() -> client().get("/collections/c").send())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("response breaks V1_19")
                .hasMessageContaining("quantization_config");
    }

    @Test
    void aWrongErrorEnvelopeFails() {
        answer(404, "application/json", "{\"status\": {\"error\": 42}, \"time\": 0.1, \"result\": null}");

        assertThatThrownBy(() -> client().get("/collections/c").send())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("response breaks V1_19");
    }

    @Test
    void aWrongContentTypeForAPlainTextProbeFails() {
        answer(200, "application/json", "\"healthz check passed\"");

        assertThatThrownBy(() -> client().get("/healthz").send())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Content-Type");
    }

    @Test
    void aTrueFloatOverflowIsStillReported() {
        answer(200, "application/json", "{\"result\": true, \"status\": \"ok\", \"time\": 1e300}");

        assertThatThrownBy(() -> client().delete("/collections/c").send())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("float");
    }

    @Test
    void floatPrecisionAloneIsNotAViolation() {
        answer(200, "application/json", "{\"result\": true, \"status\": \"ok\", \"time\": 0.029536386}");

        assertThat(client().delete("/collections/c").send().result().asBoolean()).isTrue();
    }

    @Test
    void aRequestThatBreaksTheDocumentFailsUnlessDeclared() {
        answer(400, "application/json", "{\"status\": {\"error\": \"Format error in JSON body: x\"}, \"time\": 0.1, \"result\": null}");

        assertThatThrownBy(() -> client().put("/collections/c").json("{\"vectors\": {\"size\": 4, \"distance\": \"Nope\"}}").send())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("request breaks V1_19");
        assertThat(client().put("/collections/c").json("{\"vectors\": {\"size\": 4, \"distance\": \"Nope\"}}")
                .violatingSpec().send().status()).isEqualTo(400);
    }

    @Test
    void declaringAConformingRequestAsViolatingFails() {
        answer(200, "application/json", "{\"result\": true, \"status\": \"ok\", \"time\": 0.1}");

        assertThatThrownBy(() -> client().put("/collections/c").json("{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}}")
                .violatingSpec().send())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("validator accepts it");
    }

    @Test
    void aPathOutsideTheDocumentMustBeDeclaredAndAnswerAnError() {
        answer(404, "application/json", "{\"status\": {\"error\": \"Not found\"}, \"time\": 0.1, \"result\": null}");

        assertThatThrownBy(() -> client().get("/nowhere").send())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("request breaks V1_19");
        assertThat(client().get("/nowhere").outsideSpec().send().status()).isEqualTo(404);
        assertThatThrownBy(() -> client().get("/collections").outsideSpec().send())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("found an operation");
    }

    @Test
    void theLegacySearchEndpointIsOnlyInThe118Document() {
        answer(200, "application/json", "{\"result\": [], \"status\": \"ok\", \"time\": 0.1}");

        assertThat(client().using(QdrantSpec.V1_18).post("/collections/c/points/search")
                .json("{\"vector\": [0.1, 0.2], \"limit\": 3}").send().status()).isEqualTo(200);
        assertThatThrownBy(() -> client().post("/collections/c/points/search")
                .json("{\"vector\": [0.1, 0.2], \"limit\": 3}").send())
                .isInstanceOf(AssertionError.class);
    }
}
