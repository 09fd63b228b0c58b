package io.quiver.bootstrap;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * HTTPS for the REST port the way Qdrant configures it: {@code service.enable_tls} with the PEM files
 * {@code tls.cert} (certificate chain, server certificate first) and {@code tls.key} (unencrypted private
 * key, PKCS#8 {@code BEGIN PRIVATE KEY} or PKCS#1 {@code BEGIN RSA PRIVATE KEY}). Client certificates are
 * not requested ({@code service.verify_https_client_certificate} is not supported).
 */
final class TlsSetup {

    private TlsSetup() {
    }

    /** Switches the server to HTTPS when the configuration asks for it. */
    static void apply(WebServerConfig.Builder server, QuiverConfig config) {
        if (config.enableTls()) {
            server.tls(fromPem(config.tlsCert(), config.tlsKey()));
        }
    }

    static Tls fromPem(Path cert, Path key) {
        requireReadable(cert, "tls.cert");
        requireReadable(key, "tls.key");
        Keys keys;
        try {
            keys = Keys.builder()
                    .pem(pem -> pem.key(Resource.create(key)).certChain(Resource.create(cert)))
                    .build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read the TLS key pair from tls.cert " + cert + " and tls.key "
                    + key + ": " + e.getMessage(), e);
        }
        if (keys.privateKey().isEmpty()) {
            throw new IllegalArgumentException("tls.key " + key + " holds no private key Quiver can read"
                    + " (expected an unencrypted PKCS#8 or PKCS#1 RSA key in PEM form)");
        }
        if (keys.certChain().isEmpty()) {
            throw new IllegalArgumentException("tls.cert " + cert + " holds no certificate");
        }
        return Tls.builder()
                .privateKey(keys.privateKey().get())
                .privateKeyCertChain(keys.certChain())
                .build();
    }

    private static void requireReadable(Path file, String key) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(key + " " + file.toAbsolutePath() + " does not exist or cannot be read");
        }
    }
}
