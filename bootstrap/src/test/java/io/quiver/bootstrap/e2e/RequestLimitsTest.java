package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.QdrantAssertions.assertError;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code service.max_request_size_mb} (here 1 MB) and gzip in both directions. */
class RequestLimitsTest {

    @RegisterExtension
    static final QuiverTestServer SERVER = QuiverTestServer.perClass(c -> c.withMaxRequestSizeMb(1));

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static ContractClient api() {
        return SERVER.client();
    }

    private static void create(String name) {
        api().put("/collections/" + name).json("{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}").send().expectTrue();
    }

    private static long count(String name) {
        return assertOk(api().post("/collections/" + name + "/points/count").json("{\"exact\": true}").send())
                .get("count").asLong();
    }

    /** A valid upsert of one point whose payload makes the body about {@code bytes} long. */
    private static String upsertOf(int bytes) {
        return "{\"points\": [{\"id\": 1, \"vector\": [1, 0], \"payload\": {\"text\": \"" + "a".repeat(bytes) + "\"}}]}";
    }

    @Test
    void aBodyOverTheLimitIs413WithTheEnvelopeNamingTheLimitAndNothingIsWritten() throws Exception {
        create("limits_length");
        byte[] body = upsertOf(1024 * 1024 + 10).getBytes(StandardCharsets.UTF_8);

        // Expect: 100-continue lets the client hear the refusal before it sends the body; without it the
        // server's early answer and close can race the client's upload and surface as a broken pipe
        HttpResponse<String> r = sendRefused(HttpRequest.newBuilder(uri("/collections/limits_length/points?wait=true"))
                .header("Content-Type", "application/json")
                .expectContinue(true)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());

        assertThat(r.statusCode()).isEqualTo(413);
        JsonNode json = ContractClient.JSON.readTree(r.body());
        assertThat(json.get("status").get("error").asText())
                .contains("1 MB").contains("1048576 bytes").contains("service.max_request_size_mb");
        assertThat(json.get("result").isNull()).isTrue();
        assertThat(count("limits_length")).isZero();
    }

    /**
     * Sends a request the server is expected to refuse before reading it all. The server may close the
     * connection while the client is still writing; that is a transport race, not a different answer, so
     * the request is sent again (a few times at most) until the refusal itself is read.
     */
    private static HttpResponse<String> sendRefused(HttpRequest request) throws Exception {
        java.io.IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                last = e;
            }
        }
        throw last;
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedTheSameWay() throws Exception {
        create("limits_chunked");
        byte[] body = upsertOf(2 * 1024 * 1024).getBytes(StandardCharsets.UTF_8);

        // ofInputStream has no length, so the client sends Transfer-Encoding: chunked
        HttpResponse<String> r = sendRefused(HttpRequest.newBuilder(uri("/collections/limits_chunked/points?wait=true"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build());

        assertThat(r.statusCode()).isEqualTo(413);
        JsonNode json = ContractClient.JSON.readTree(r.body());
        assertThat(json.get("status").get("error").asText()).contains("service.max_request_size_mb");
        assertThat(json.get("result").isNull()).isTrue();
        assertThat(count("limits_chunked")).isZero();
    }

    @Test
    void aBodyJustUnderTheLimitIsAccepted() {
        create("limits_under");

        assertOk(api().put("/collections/limits_under/points").query("wait", true)
                .json(upsertOf(1024 * 1024 - 200)).send());

        assertThat(count("limits_under")).isEqualTo(1);
    }

    @Test
    void aGzipRequestBodyIsAccepted() throws Exception {
        create("limits_gzip_in");
        byte[] body = gzip("{\"points\": [{\"id\": 7, \"vector\": [1, 0], \"payload\": {\"k\": \"v\"}}]}");

        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/collections/limits_gzip_in/points?wait=true"))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode point = assertOk(api().get("/collections/limits_gzip_in/points/7").send());
        assertThat(point.get("payload").get("k").asText()).isEqualTo("v");
    }

    @Test
    void aSmallGzipBodyThatInflatesBeyondTheLimitIsRefused() throws Exception {
        create("limits_gzip_bomb");
        byte[] body = gzip(upsertOf(4 * 1024 * 1024));
        assertThat(body.length).as("compressed, it is well under the limit").isLessThan(64 * 1024);

        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/collections/limits_gzip_bomb/points?wait=true"))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("service.max_request_size_mb");
        assertThat(count("limits_gzip_bomb")).isZero();
    }

    @Test
    void responsesAreGzippedWhenTheClientAsksAndDecodeToTheSameAnswer() throws Exception {
        create("limits_gzip_out");
        String plain = HTTP.send(HttpRequest.newBuilder(uri("/collections/limits_gzip_out")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri("/collections/limits_gzip_out"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        JsonNode decoded = ContractClient.JSON.readTree(gunzip(r.body()));
        JsonNode expected = ContractClient.JSON.readTree(plain);
        assertThat(decoded.get("result")).isEqualTo(expected.get("result"));
        assertThat(decoded.get("status").asText()).isEqualTo("ok");
    }

    @Test
    void withoutAcceptEncodingResponsesStayPlain() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/collections")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(ContractClient.JSON.readTree(r.body()).get("status").asText()).isEqualTo("ok");
    }

    private static URI uri(String pathAndQuery) {
        return URI.create(SERVER.baseUri() + pathAndQuery);
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
