package io.quiver.bootstrap.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Quiver as a separate OS process ({@code java … io.quiver.bootstrap.Main}, the test JVM's classpath),
 * configured only through {@code QDRANT__*} environment variables, for tests that kill the server.
 *
 * <pre>{@code
 * try (QuiverProcess p = QuiverProcess.start(storage)) {
 *     p.client().put("/collections/c").json(...).send();
 *     p.kill();                                   // SIGKILL: no shutdown hook runs
 * }
 * }</pre>
 */
public final class QuiverProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final Process process;
    private final int port;
    private final Path log;

    private QuiverProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts Quiver on {@code storage} and a free port, and waits until {@code GET /readyz} answers 200. */
    public static QuiverProcess start(Path storage) {
        return start(storage, Map.of());
    }

    /** As {@link #start(Path)}, with extra (or overriding) environment variables. */
    public static QuiverProcess start(Path storage, Map<String, String> extraEnv) {
        QuiverProcess p = launch(storage, extraEnv);
        try {
            p.awaitReady();
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** Starts the process without waiting for it to become ready (for start-up failure tests). */
    public static QuiverProcess launch(Path storage, Map<String, String> extraEnv) {
        int port = freePort();
        try {
            Files.createDirectories(storage);
            Path log = Files.createTempFile("quiver-process-", ".log");
            List<String> command = new ArrayList<>(List.of(javaBinary(),
                    "-cp", System.getProperty("java.class.path"),
                    "--add-modules", "jdk.incubator.vector",
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "io.quiver.bootstrap.Main"));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(storage.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            // the test JVM's own QDRANT__* settings must not leak into the server under test
            env.keySet().removeIf(k -> k.startsWith("QDRANT__"));
            env.put("QDRANT__SERVICE__HTTP_PORT", Integer.toString(port));
            env.put("QDRANT__STORAGE__STORAGE_PATH", storage.toAbsolutePath().toString());
            env.put("QDRANT__SERVICE__HOST", "127.0.0.1");
            env.putAll(extraEnv);
            return new QuiverProcess(pb.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        HttpRequest readyz = HttpRequest.newBuilder(baseUri().resolve("/readyz"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Quiver exited with " + process.exitValue() + " before it was ready:\n" + output());
            }
            try {
                if (HTTP.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(50);
        }
        throw new AssertionError("Quiver was not ready within " + STARTUP_TIMEOUT + ":\n" + output());
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public ContractClient client() {
        return ContractClient.of(baseUri());
    }

    public Process process() {
        return process;
    }

    /** Everything the process wrote to standard output and standard error so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** SIGKILL: the process dies at once, without shutdown hooks. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM: a clean stop (shutdown hooks run). Returns the exit code. */
    public int stop() {
        process.destroy();
        return waitFor(Duration.ofSeconds(30));
    }

    /** Waits for the process to end on its own; returns the exit code. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Quiver did not exit within " + timeout + ":\n" + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a left-over temporary log is harmless
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
