package io.quiver.adapter.in.rest.qdrant.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServer;
import io.quiver.domain.collection.CollectionConfigMother;
import io.quiver.domain.collection.CollectionInfo;
import io.quiver.domain.collection.CollectionStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The yellow case, which an end-to-end test cannot hold still: vector indexes catching up. */
class OptimizationsRoutesTest {

    private final AtomicReference<CollectionStatus> status = new AtomicReference<>(CollectionStatus.YELLOW);
    private WebServer server;

    @BeforeEach
    void start() {
        server = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .routing(r -> r.register(new OptimizationsRoutes(name -> new CollectionInfo(status.get(), null, 1,
                        10, 4, CollectionConfigMother.single(), Map.of()))))
                .build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body()).get("result");
    }

    @Test
    void whileTheIndexCatchesUpOneIndexingOptimizationRunsOverTheSegment() throws Exception {
        JsonNode result = get("/collections/c/optimizations?with=idle_segments");

        JsonNode running = result.get("running");
        assertThat(running).hasSize(1);
        assertThat(running.get(0).get("optimizer").asText()).isEqualTo("indexing");
        assertThat(running.get(0).get("status").asText()).isEqualTo("optimizing");
        assertThat(running.get(0).get("segments").get(0).get("points_count").asLong()).isEqualTo(10);
        assertThat(running.get(0).get("progress").get("done").asLong()).isEqualTo(4);
        assertThat(result.get("summary").get("idle_segments").asInt()).isZero();
        assertThat(result.get("idle_segments")).isEmpty();
    }

    @Test
    void onceCaughtUpNothingRunsAndTheSameSegmentIsIdle() throws Exception {
        String segment = get("/collections/c/optimizations").get("running").get(0).get("segments").get(0)
                .get("uuid").asText();
        status.set(CollectionStatus.GREEN);

        JsonNode result = get("/collections/c/optimizations?with=idle_segments,queued");

        assertThat(result.get("running")).isEmpty();
        assertThat(result.get("queued")).isEmpty();
        assertThat(result.has("completed")).as("only what `with` asks for").isFalse();
        assertThat(result.get("summary").get("idle_segments").asInt()).isEqualTo(1);
        assertThat(result.get("idle_segments").get(0).get("uuid").asText()).isEqualTo(segment);
    }
}
