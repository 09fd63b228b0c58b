package io.quiver.bootstrap;

import java.nio.file.Path;

/**
 * The settings Quiver reads, under Qdrant's names (see config/config.yaml).
 *
 * @param enableCors {@code service.enable_cors}: answer CORS preflights, allow any origin (default on)
 * @param enableTls  {@code service.enable_tls}: serve the REST port over HTTPS with {@code tls.cert}/{@code tls.key}
 * @param tlsCert    {@code tls.cert}: PEM certificate chain (server certificate first)
 * @param tlsKey     {@code tls.key}: PEM private key (PKCS#8 or PKCS#1 RSA, unencrypted)
 * @param snapshotsPath {@code storage.snapshots_path}: where collection and full-storage snapshots are kept
 * @param vectorIndex {@code storage.vector_index}: which graph library indexes dense vectors (ADR 0010)
 */
public record QuiverConfig(String host, int httpPort, Path storagePath, int maxRequestSizeMb,
                           String apiKey, String readOnlyApiKey, String logLevel,
                           boolean enableCors, boolean enableTls, Path tlsCert, Path tlsKey, Path snapshotsPath,
                           VectorIndexKind vectorIndex) {

    /** The dense vector index implementations; the default was chosen by benchmark (docs/benchmarks/). */
    public enum VectorIndexKind {
        LUCENE("lucene"), HNSWLIB("hnswlib");

        public static final VectorIndexKind DEFAULT = LUCENE;

        private final String label;

        VectorIndexKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static VectorIndexKind parse(String text) {
            for (VectorIndexKind kind : values()) {
                if (kind.label.equalsIgnoreCase(text.trim())) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("storage.vector_index must be lucene or hnswlib, got \"" + text + "\"");
        }
    }

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 6333;
    public static final String DEFAULT_STORAGE = "./storage";
    public static final int DEFAULT_MAX_REQUEST_SIZE_MB = 32;
    public static final String DEFAULT_TLS_CERT = "./tls/cert.pem";
    public static final String DEFAULT_TLS_KEY = "./tls/key.pem";
    public static final String DEFAULT_SNAPSHOTS = "./snapshots";

    public QuiverConfig {
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("service.http_port must be from 0 to 65535, got " + httpPort);
        }
        if (maxRequestSizeMb < 1) {
            throw new IllegalArgumentException("service.max_request_size_mb must be at least 1, got " + maxRequestSizeMb);
        }
        if (enableTls && (tlsCert == null || tlsKey == null)) {
            throw new IllegalArgumentException("service.enable_tls needs tls.cert and tls.key");
        }
        if (snapshotsPath == null) {
            snapshotsPath = Path.of(DEFAULT_SNAPSHOTS);
        }
        if (vectorIndex == null) {
            vectorIndex = VectorIndexKind.DEFAULT;
        }
    }

    /** The default vector index. */
    public QuiverConfig(String host, int httpPort, Path storagePath, int maxRequestSizeMb,
                        String apiKey, String readOnlyApiKey, String logLevel,
                        boolean enableCors, boolean enableTls, Path tlsCert, Path tlsKey, Path snapshotsPath) {
        this(host, httpPort, storagePath, maxRequestSizeMb, apiKey, readOnlyApiKey, logLevel, enableCors, enableTls,
                tlsCert, tlsKey, snapshotsPath, VectorIndexKind.DEFAULT);
    }

    /** Qdrant's default snapshots folder ({@code ./snapshots}). */
    public QuiverConfig(String host, int httpPort, Path storagePath, int maxRequestSizeMb,
                        String apiKey, String readOnlyApiKey, String logLevel,
                        boolean enableCors, boolean enableTls, Path tlsCert, Path tlsKey) {
        this(host, httpPort, storagePath, maxRequestSizeMb, apiKey, readOnlyApiKey, logLevel, enableCors, enableTls,
                tlsCert, tlsKey, Path.of(DEFAULT_SNAPSHOTS));
    }

    /** Qdrant's defaults for everything added since: CORS on, TLS off. */
    public QuiverConfig(String host, int httpPort, Path storagePath, int maxRequestSizeMb,
                        String apiKey, String readOnlyApiKey, String logLevel) {
        this(host, httpPort, storagePath, maxRequestSizeMb, apiKey, readOnlyApiKey, logLevel,
                true, false, Path.of(DEFAULT_TLS_CERT), Path.of(DEFAULT_TLS_KEY));
    }

    /** The same configuration listening on another port (0 picks a free one). */
    public QuiverConfig withPort(int port) {
        return new QuiverConfig(host, port, storagePath, maxRequestSizeMb, apiKey, readOnlyApiKey, logLevel,
                enableCors, enableTls, tlsCert, tlsKey, snapshotsPath, vectorIndex);
    }

    public QuiverConfig withStoragePath(Path path) {
        return new QuiverConfig(host, httpPort, path, maxRequestSizeMb, apiKey, readOnlyApiKey, logLevel,
                enableCors, enableTls, tlsCert, tlsKey, snapshotsPath, vectorIndex);
    }

    /** The same configuration with these keys (null for none). */
    public QuiverConfig withApiKeys(String full, String readOnly) {
        return new QuiverConfig(host, httpPort, storagePath, maxRequestSizeMb, full, readOnly, logLevel,
                enableCors, enableTls, tlsCert, tlsKey, snapshotsPath, vectorIndex);
    }

    public QuiverConfig withMaxRequestSizeMb(int megabytes) {
        return new QuiverConfig(host, httpPort, storagePath, megabytes, apiKey, readOnlyApiKey, logLevel,
                enableCors, enableTls, tlsCert, tlsKey, snapshotsPath, vectorIndex);
    }

    public QuiverConfig withCors(boolean enabled) {
        return new QuiverConfig(host, httpPort, storagePath, maxRequestSizeMb, apiKey, readOnlyApiKey, logLevel,
                enabled, enableTls, tlsCert, tlsKey, snapshotsPath, vectorIndex);
    }

    /** HTTPS with this PEM certificate chain and key. */
    public QuiverConfig withTls(Path cert, Path key) {
        return new QuiverConfig(host, httpPort, storagePath, maxRequestSizeMb, apiKey, readOnlyApiKey, logLevel,
                enableCors, true, cert, key, snapshotsPath, vectorIndex);
    }

    /** The same configuration keeping snapshots in {@code path}. */
    public QuiverConfig withSnapshotsPath(Path path) {
        return new QuiverConfig(host, httpPort, storagePath, maxRequestSizeMb, apiKey, readOnlyApiKey, logLevel,
                enableCors, enableTls, tlsCert, tlsKey, path, vectorIndex);
    }

    /** The same configuration indexing dense vectors with {@code kind}. */
    public QuiverConfig withVectorIndex(VectorIndexKind kind) {
        return new QuiverConfig(host, httpPort, storagePath, maxRequestSizeMb, apiKey, readOnlyApiKey, logLevel,
                enableCors, enableTls, tlsCert, tlsKey, snapshotsPath, kind);
    }

    /** Never shows the API keys: a configuration may well end up in a log line. */
    @Override
    public String toString() {
        return "QuiverConfig[host=" + host + ", httpPort=" + httpPort + ", storagePath=" + storagePath
                + ", maxRequestSizeMb=" + maxRequestSizeMb + ", apiKey=" + (apiKey == null ? "unset" : "***")
                + ", readOnlyApiKey=" + (readOnlyApiKey == null ? "unset" : "***") + ", logLevel=" + logLevel
                + ", enableCors=" + enableCors + ", enableTls=" + enableTls + ", tlsCert=" + tlsCert
                + ", tlsKey=" + tlsKey + ", snapshotsPath=" + snapshotsPath + ", vectorIndex=" + vectorIndex.label() + "]";
    }
}
