package io.quiver.adapter.in.rest.qdrant.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request filter on a real Helidon server: counted by route pattern, slow ones logged at WARN. */
class RequestMetricsTest {

    private static final Logger LOGGER = Logger.getLogger(RequestMetrics.class.getName());

    private final RequestStatistics statistics = new RequestStatistics();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private WebServer server;

    @BeforeEach
    void start() {
        LOGGER.addHandler(capture);
        server = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .routing(r -> r.addFilter(new RequestMetrics(statistics, Duration.ofMillis(100)))
                        .get("/collections/{collection_name}", (req, res) -> res.send("fast"))
                        .get("/slow/{collection_name}", (req, res) -> {
                            Thread.sleep(250);
                            res.status(202).send("slow");
                        }))
                .build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
        LOGGER.removeHandler(capture);
    }

    private int get(String path) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void countsByRoutePatternNotByPath() throws Exception {
        get("/collections/one");
        get("/collections/two");
        get("/nowhere");

        awaitCount(3);
        assertThat(statistics.snapshot()).extracting(s -> s.key().method() + " " + s.key().endpoint() + " "
                        + s.key().status() + " x" + s.count())
                .containsExactlyInAnyOrder("GET /collections/{name} 200 x2", "GET unknown 404 x1");
    }

    @Test
    void aSlowRequestIsLoggedAtWarnWithMethodRouteStatusAndMilliseconds() throws Exception {
        get("/collections/fast");
        get("/slow/books");

        awaitCount(2);
        for (int i = 0; i < 200 && records.isEmpty(); i++) {
            Thread.sleep(10); // logged just after the statistics are written
        }
        assertThat(records).hasSize(1);
        LogRecord r = records.get(0);
        assertThat(r.getLevel()).isEqualTo(Level.WARNING);
        assertThat(r.getMessage()).startsWith("event=slow_request method=GET route=/slow/{name} status=202 ms=");
        assertThat(Long.parseLong(r.getMessage().replaceAll(".* ms=", ""))).isGreaterThanOrEqualTo(250);
    }

    /** The statistics are written once the response is on the wire, just after the client may have it. */
    private void awaitCount(long expected) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (statistics.snapshot().stream().mapToLong(RequestStatistics.Snapshot::count).sum() >= expected) {
                return;
            }
            Thread.sleep(10);
        }
    }
}
