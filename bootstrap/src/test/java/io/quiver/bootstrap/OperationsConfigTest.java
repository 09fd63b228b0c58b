package io.quiver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security and transport keys: API keys, CORS, TLS, as file entries and QDRANT__* variables. */
class OperationsConfigTest {

    private static final String[] NO_ARGS = new String[0];

    @TempDir
    Path dir;

    private String[] file(String yaml) throws IOException {
        Path f = dir.resolve("config.yaml");
        Files.writeString(f, yaml);
        return new String[] {"--config-path", f.toString()};
    }

    @Test
    void qdrantsDefaultsCorsOnTlsOffNoKeys() throws IOException {
        QuiverConfig c = ConfigLoader.load(file("log_level: INFO\n"), Map.of());

        assertThat(c.enableCors()).isTrue();
        assertThat(c.enableTls()).isFalse();
        assertThat(c.tlsCert()).isEqualTo(Path.of("./tls/cert.pem"));
        assertThat(c.tlsKey()).isEqualTo(Path.of("./tls/key.pem"));
        assertThat(c.apiKey()).isNull();
        assertThat(c.readOnlyApiKey()).isNull();
    }

    @Test
    void theFileSetsKeysCorsAndTls() throws IOException {
        QuiverConfig c = ConfigLoader.load(file("""
                service:
                  api_key: file-key
                  read_only_api_key: file-read
                  enable_cors: false
                  enable_tls: true
                tls:
                  cert: /etc/quiver/cert.pem
                  key: /etc/quiver/key.pem
                """), Map.of());

        assertThat(c.apiKey()).isEqualTo("file-key");
        assertThat(c.readOnlyApiKey()).isEqualTo("file-read");
        assertThat(c.enableCors()).isFalse();
        assertThat(c.enableTls()).isTrue();
        assertThat(c.tlsCert()).isEqualTo(Path.of("/etc/quiver/cert.pem"));
        assertThat(c.tlsKey()).isEqualTo(Path.of("/etc/quiver/key.pem"));
    }

    @Test
    void environmentVariablesOverrideTheFile() throws IOException {
        QuiverConfig c = ConfigLoader.load(file("""
                service:
                  api_key: file-key
                  enable_cors: true
                """), Map.of(
                "QDRANT__SERVICE__API_KEY", "env-key",
                "QDRANT__SERVICE__READ_ONLY_API_KEY", "env-read",
                "QDRANT__SERVICE__ENABLE_CORS", "false",
                "QDRANT__SERVICE__ENABLE_TLS", "true",
                "QDRANT__TLS__CERT", "/run/cert.pem",
                "QDRANT__TLS__KEY", "/run/key.pem",
                "QDRANT__SERVICE__MAX_REQUEST_SIZE_MB", "8"));

        assertThat(c.apiKey()).isEqualTo("env-key");
        assertThat(c.readOnlyApiKey()).isEqualTo("env-read");
        assertThat(c.enableCors()).isFalse();
        assertThat(c.enableTls()).isTrue();
        assertThat(c.tlsCert()).isEqualTo(Path.of("/run/cert.pem"));
        assertThat(c.tlsKey()).isEqualTo(Path.of("/run/key.pem"));
        assertThat(c.maxRequestSizeMb()).isEqualTo(8);
    }

    @Test
    void anEmptyKeyMeansNoKey() throws IOException {
        QuiverConfig c = ConfigLoader.load(file("service:\n  api_key: \"\"\n"), Map.of("QDRANT__SERVICE__READ_ONLY_API_KEY", " "));

        assertThat(c.apiKey()).isNull();
        assertThat(c.readOnlyApiKey()).isNull();
    }

    @Test
    void aBooleanThatIsNotOneIsRefusedNamingTheKey() throws IOException {
        String[] args = file("log_level: INFO\n");

        assertThatThrownBy(() -> ConfigLoader.load(args, Map.of("QDRANT__SERVICE__ENABLE_CORS", "maybe")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("service.enable_cors");
    }

    @Test
    void theConfigurationNeverPrintsItsKeys() {
        QuiverConfig c = new QuiverConfig("127.0.0.1", 6333, Path.of("s"), 32, "secret-1", "secret-2", "INFO");

        assertThat(c.toString()).doesNotContain("secret-1").doesNotContain("secret-2").contains("apiKey=***");
    }

    @Test
    void theShippedConfigFileDocumentsQdrantsDefaults() {
        Path shipped = Path.of("..", "config", "config.yaml");
        assumeTrue(Files.isRegularFile(shipped), "the shipped config/config.yaml is not next to the module");

        QuiverConfig c = ConfigLoader.load(new String[] {"--config-path", shipped.toString()}, Map.of());

        assertThat(c.enableCors()).isTrue();
        assertThat(c.enableTls()).isFalse();
        assertThat(c.apiKey()).isNull();
        assertThat(c.readOnlyApiKey()).isNull();
        assertThat(c.tlsCert()).isEqualTo(Path.of(QuiverConfig.DEFAULT_TLS_CERT));
        assertThat(c.tlsKey()).isEqualTo(Path.of(QuiverConfig.DEFAULT_TLS_KEY));
        assertThat(c.maxRequestSizeMb()).isEqualTo(QuiverConfig.DEFAULT_MAX_REQUEST_SIZE_MB);
    }

    @Test
    void qdrantsLogFilterSyntaxIsAccepted() {
        Logging.configure("WARN,actix_web=info");

        assertThat(java.util.logging.Logger.getLogger("").getLevel()).isEqualTo(java.util.logging.Level.WARNING);
        Logging.configure("INFO");
    }
}
