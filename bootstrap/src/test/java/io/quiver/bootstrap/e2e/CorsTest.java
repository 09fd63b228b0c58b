package io.quiver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code service.enable_cors}: on by default, as in Qdrant (any origin, method and header). */
class CorsTest {

    @RegisterExtension
    static final QuiverTestServer SERVER = QuiverTestServer.perClass();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> preflight(URI base, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, api-key")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI base, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Origin", "https://app.example").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPreflightIsAnsweredWithAnyOriginAndTheRequestedMethodAndHeaders() throws Exception {
        HttpResponse<String> r = preflight(SERVER.baseUri(), "/collections/c/points/query");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type, api-key");
        assertThat(r.headers().firstValue("Access-Control-Max-Age")).isPresent();
        assertThat(r.body()).isEmpty();
    }

    @Test
    void everyAnswerAllowsAnyOriginErrorsIncluded() throws Exception {
        HttpResponse<String> ok = get(SERVER.baseUri(), "/collections");
        HttpResponse<String> notFound = get(SERVER.baseUri(), "/collections/cors_missing");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void switchedOffThereAreNoCorsHeadersAndNoPreflightAnswer() throws Exception {
        try (QuiverTestServer off = QuiverTestServer.start(c -> c.withCors(false))) {
            HttpResponse<String> pre = preflight(off.baseUri(), "/collections");
            HttpResponse<String> ok = get(off.baseUri(), "/collections");

            assertThat(pre.statusCode()).isGreaterThanOrEqualTo(400);
            assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }
}
