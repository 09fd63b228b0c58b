package io.quiver.bootstrap;

import java.nio.file.Path;

/** The settings Quiver reads, under Qdrant's names (see config/config.yaml). */
public record QuiverConfig(String host, int httpPort, Path storagePath, int maxRequestSizeMb,
                           String apiKey, String readOnlyApiKey, String logLevel) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 6333;
    public static final String DEFAULT_STORAGE = "./storage";
    public static final int DEFAULT_MAX_REQUEST_SIZE_MB = 32;

    public QuiverConfig {
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("service.http_port must be from 0 to 65535, got " + httpPort);
        }
        if (maxRequestSizeMb < 1) {
            throw new IllegalArgumentException("service.max_request_size_mb must be at least 1, got " + maxRequestSizeMb);
        }
    }

    /** The same configuration listening on another port (0 picks a free one). */
    public QuiverConfig withPort(int port) {
        return new QuiverConfig(host, port, storagePath, maxRequestSizeMb, apiKey, readOnlyApiKey, logLevel);
    }

    public QuiverConfig withStoragePath(Path path) {
        return new QuiverConfig(host, httpPort, path, maxRequestSizeMb, apiKey, readOnlyApiKey, logLevel);
    }
}
