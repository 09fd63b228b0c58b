package io.quiver.bootstrap.e2e;

import io.quiver.bootstrap.QuiverConfig;
import io.quiver.bootstrap.QuiverServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Quiver server, started in this JVM with {@link QuiverServer#start} on a free port and a fresh
 * temporary storage folder (deleted afterwards).
 *
 * <p>As a JUnit 5 extension, one server per test class:
 * <pre>{@code
 * @RegisterExtension
 * static final QuiverTestServer SERVER = QuiverTestServer.perClass();
 * ...
 * SERVER.client().get("/collections").send();
 * }</pre>
 * or by hand: {@code try (var server = QuiverTestServer.start()) { ... }}. For crash tests against a
 * separate OS process see {@link QuiverProcess}.
 */
public final class QuiverTestServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    /** Helidon announces every start and stop at INFO; keep test output to what matters (strong reference). */
    private static final Logger HELIDON = Logger.getLogger("io.helidon");

    static {
        HELIDON.setLevel(Level.WARNING);
    }

    private Path storage;
    private boolean ownsStorage;
    private QuiverServer server;
    private final UnaryOperator<QuiverConfig> customiser;

    private QuiverTestServer() {
        this(UnaryOperator.identity());
    }

    private QuiverTestServer(UnaryOperator<QuiverConfig> customiser) {
        this.customiser = customiser;
    }

    /**
     * As {@link #perClass()}, with the test configuration changed by {@code customiser} (API keys, a small
     * request limit, CORS off, TLS...): {@code QuiverTestServer.perClass(c -> c.withApiKeys("k", null))}.
     */
    public static QuiverTestServer perClass(UnaryOperator<QuiverConfig> customiser) {
        return new QuiverTestServer(customiser);
    }

    /** As {@link #start()}, with the test configuration changed by {@code customiser}. */
    public static QuiverTestServer start(UnaryOperator<QuiverConfig> customiser) {
        QuiverTestServer s = new QuiverTestServer(customiser);
        s.open(null);
        return s;
    }

    /** An extension that starts before the class's first test and stops after its last. */
    public static QuiverTestServer perClass() {
        return new QuiverTestServer();
    }

    /** Starts a server on a fresh temporary storage folder. */
    public static QuiverTestServer start() {
        QuiverTestServer s = new QuiverTestServer();
        s.open(null);
        return s;
    }

    /** Starts a server on {@code storage}, which is kept afterwards (the caller owns it). */
    public static QuiverTestServer start(Path storage) {
        QuiverTestServer s = new QuiverTestServer();
        s.open(storage);
        return s;
    }

    /** JUnit calls the class callbacks again for every {@code @Nested} class: keep one server for all of them. */
    private int classDepth;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (classDepth++ == 0) {
            open(null);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--classDepth == 0) {
            close();
        }
    }

    private void open(Path existing) {
        try {
            ownsStorage = existing == null;
            storage = existing == null ? Files.createTempDirectory("quiver-e2e-") : existing;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = QuiverServer.start(customiser.apply(config(storage)));
    }

    static QuiverConfig config(Path storage) {
        return new QuiverConfig("127.0.0.1", 0, storage, QuiverConfig.DEFAULT_MAX_REQUEST_SIZE_MB,
                null, null, "WARN").withSnapshotsPath(storage.resolve("snapshots"));
    }

    /** Stops the server and starts a new one on the same storage (the port changes: take a new client). */
    public void restart() {
        requireRunning();
        server.close();
        server = QuiverServer.start(customiser.apply(config(storage)));
    }

    public URI baseUri() {
        requireRunning();
        return URI.create(server.scheme() + "://127.0.0.1:" + server.port());
    }

    /** A contract-checking client for this server (Qdrant 1.19's document). */
    public ContractClient client() {
        return ContractClient.of(baseUri());
    }

    public Path storage() {
        return storage;
    }

    public QuiverServer server() {
        requireRunning();
        return server;
    }

    private void requireRunning() {
        if (server == null) {
            throw new IllegalStateException("the test server is not running");
        }
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            server = null;
            if (ownsStorage && storage != null) {
                deleteRecursively(storage);
            }
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
