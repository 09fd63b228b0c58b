package io.quiver.bootstrap;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts Quiver with the configuration from config/config.yaml and QDRANT__* environment variables. */
public final class Main {

    private static final Logger LOG = Logger.getLogger("io.quiver");

    private Main() {
    }

    public static void main(String[] args) {
        QuiverConfig config;
        try {
            config = ConfigLoader.load(args, System.getenv());
        } catch (RuntimeException e) {
            System.err.println("quiver: " + e.getMessage());
            System.exit(2);
            return;
        }
        Logging.configure(config.logLevel());
        QuiverServer server;
        try {
            server = QuiverServer.start(config);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Quiver could not start: " + e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            // java.util.logging resets its handlers in its own shutdown hook, so this line goes out directly
            System.err.println(java.time.Instant.now() + " INFO quiver: Quiver stopped; storage flushed and closed");
        }, "quiver-shutdown"));
        LOG.info(() -> "Quiver (Qdrant API " + QuiverServer.API_VERSION + ") listening on http://"
                + config.host() + ":" + server.port() + ", storing data in " + server.config().storagePath());
    }
}
