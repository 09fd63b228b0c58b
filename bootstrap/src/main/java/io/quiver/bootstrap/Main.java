package io.quiver.bootstrap;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts Quiver with the configuration from config/config.yaml and QDRANT__* environment variables. */
public final class Main {

    private static final Logger LOG = Logger.getLogger("io.quiver");

    private Main() {
    }

    /** One structured line: what listens where and how it is secured (never the keys themselves). */
    static String startLine(QuiverServer server, String vectorMath) {
        QuiverConfig c = server.config();
        String address = server.scheme() + "://" + c.host() + ":" + server.port();
        String auth = c.apiKey() != null && c.readOnlyApiKey() != null ? "api_key+read_only_api_key"
                : c.apiKey() != null ? "api_key" : c.readOnlyApiKey() != null ? "read_only_api_key" : "off";
        return "event=start api=" + QuiverServer.API_VERSION + " build=" + QuiverServer.buildVersion()
                + " address=" + address + " storage=" + OperationLog.quote(c.storagePath().toString())
                + " tls=" + (c.enableTls() ? "on" : "off") + " auth=" + auth + " cors=" + (c.enableCors() ? "on" : "off")
                + " max_request_size_mb=" + c.maxRequestSizeMb() + " vector_index=" + c.vectorIndex().label()
                + " vector_math=" + OperationLog.quote(vectorMath)
                + " msg=" + OperationLog.quote("Quiver (Qdrant API " + QuiverServer.API_VERSION + ") listening on " + address);
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
            System.err.println(java.time.Instant.now()
                    + " INFO quiver: event=stop msg=\"Quiver stopped; storage flushed and closed\"");
        }, "quiver-shutdown"));
        LOG.info(() -> startLine(server, io.quiver.adapter.out.storage.simd.VectorMathProvider.describe()));
    }
}
