package io.quiver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String[] NO_ARGS = new String[0];

    @TempDir
    Path dir;

    private Path yaml(String content) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, content);
        return file;
    }

    @Test
    void withoutFileOrEnvironmentQdrantsDefaultsApply() {
        // the default file is config/config.yaml relative to the working directory (the module folder)
        assumeFalse(Files.exists(Path.of("config/config.yaml")), "a config/config.yaml exists in the working directory");

        QuiverConfig c = ConfigLoader.load(NO_ARGS, Map.of());

        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.httpPort()).isEqualTo(6333);
        assertThat(c.storagePath()).isEqualTo(Path.of("./storage"));
        assertThat(c.maxRequestSizeMb()).isEqualTo(32);
        assertThat(c.apiKey()).isNull();
        assertThat(c.readOnlyApiKey()).isNull();
        assertThat(c.logLevel()).isEqualTo("INFO");
    }

    @Test
    void theShippedConfigFileSaysTheSameAsTheDefaults() {
        Path shipped = Path.of("..", "config", "config.yaml");
        assumeTrue(Files.isRegularFile(shipped), "the shipped config/config.yaml is not next to the module");

        QuiverConfig fromFile = ConfigLoader.load(new String[] {"--config-path", shipped.toString()}, Map.of());

        assertThat(fromFile.host()).isEqualTo(QuiverConfig.DEFAULT_HOST);
        assertThat(fromFile.httpPort()).isEqualTo(QuiverConfig.DEFAULT_PORT);
        assertThat(fromFile.storagePath()).isEqualTo(Path.of(QuiverConfig.DEFAULT_STORAGE));
        assertThat(fromFile.maxRequestSizeMb()).isEqualTo(QuiverConfig.DEFAULT_MAX_REQUEST_SIZE_MB);
        assertThat(fromFile.logLevel()).isEqualTo("INFO");
        assertThat(fromFile.snapshotsPath()).isEqualTo(Path.of(QuiverConfig.DEFAULT_SNAPSHOTS));
        assertThat(fromFile.vectorIndex()).isEqualTo(QuiverConfig.VectorIndexKind.DEFAULT);
    }

    @Test
    void theVectorIndexComesFromStorageVectorIndexOrItsVariableAndRejectsUnknownNames() throws IOException {
        Path none = yaml("log_level: INFO\n");
        assertThat(ConfigLoader.load(new String[] {"--config-path", none.toString()}, Map.of()).vectorIndex())
                .isEqualTo(QuiverConfig.VectorIndexKind.LUCENE);
        Path file = yaml("storage:\n  vector_index: hnswlib\n");
        assertThat(ConfigLoader.load(new String[] {"--config-path", file.toString()}, Map.of()).vectorIndex())
                .isEqualTo(QuiverConfig.VectorIndexKind.HNSWLIB);
        assertThat(ConfigLoader.load(new String[] {"--config-path", file.toString()},
                Map.of("QDRANT__STORAGE__VECTOR_INDEX", "Lucene")).vectorIndex())
                .isEqualTo(QuiverConfig.VectorIndexKind.LUCENE);
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config-path", file.toString()},
                Map.of("QDRANT__STORAGE__VECTOR_INDEX", "faiss")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("storage.vector_index must be lucene or hnswlib, got \"faiss\"");
    }

    @Test
    void theSnapshotsFolderComesFromStorageSnapshotsPathOrItsVariable() throws IOException {
        assertThat(ConfigLoader.load(new String[] {"--config-path", yaml("log_level: INFO\n").toString()}, Map.of())
                .snapshotsPath()).isEqualTo(Path.of("./snapshots"));
        Path file = yaml("storage:\n  snapshots_path: /var/lib/quiver-snapshots\n");
        assertThat(ConfigLoader.load(new String[] {"--config-path", file.toString()}, Map.of()).snapshotsPath())
                .isEqualTo(Path.of("/var/lib/quiver-snapshots"));
        assertThat(ConfigLoader.load(new String[] {"--config-path", file.toString()},
                Map.of("QDRANT__STORAGE__SNAPSHOTS_PATH", "/backups")).snapshotsPath()).isEqualTo(Path.of("/backups"));
    }

    @Test
    void aYamlFileNamedByConfigPathIsRead() throws IOException {
        Path file = yaml("""
                log_level: DEBUG
                storage:
                  storage_path: /var/lib/quiver
                service:
                  host: 127.0.0.1
                  http_port: 7333
                  max_request_size_mb: 64
                  api_key: secret
                  read_only_api_key: reader
                """);

        QuiverConfig c = ConfigLoader.load(new String[] {"--config-path", file.toString()}, Map.of());

        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.httpPort()).isEqualTo(7333);
        assertThat(c.storagePath()).isEqualTo(Path.of("/var/lib/quiver"));
        assertThat(c.maxRequestSizeMb()).isEqualTo(64);
        assertThat(c.apiKey()).isEqualTo("secret");
        assertThat(c.readOnlyApiKey()).isEqualTo("reader");
        assertThat(c.logLevel()).isEqualTo("DEBUG");
    }

    @Test
    void theConfigPathMayBeGivenWithAnEqualsSign() throws IOException {
        Path file = yaml("service:\n  http_port: 7444\n");

        QuiverConfig c = ConfigLoader.load(new String[] {"--config-path=" + file}, Map.of());

        assertThat(c.httpPort()).isEqualTo(7444);
    }

    @Test
    void settingsMissingFromTheFileKeepTheirDefaults() throws IOException {
        Path file = yaml("service:\n  http_port: 7555\n");

        QuiverConfig c = ConfigLoader.load(new String[] {"--config-path", file.toString()}, Map.of());

        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.storagePath()).isEqualTo(Path.of("./storage"));
        assertThat(c.maxRequestSizeMb()).isEqualTo(32);
    }

    @Test
    void theHttpPortFromTheEnvironmentWinsOverTheFile() throws IOException {
        Path file = yaml("service:\n  http_port: 7333\n  host: 10.0.0.1\n");

        QuiverConfig c = ConfigLoader.load(new String[] {"--config-path", file.toString()},
                Map.of("QDRANT__SERVICE__HTTP_PORT", "9999"));

        assertThat(c.httpPort()).isEqualTo(9999);
        assertThat(c.host()).isEqualTo("10.0.0.1");
    }

    @Test
    void theStoragePathComesFromTheEnvironment() {
        QuiverConfig c = ConfigLoader.load(NO_ARGS, Map.of("QDRANT__STORAGE__STORAGE_PATH", "/data/q"));

        assertThat(c.storagePath()).isEqualTo(Path.of("/data/q"));
    }

    @Test
    void otherEnvironmentOverridesFollowTheSameNaming() {
        QuiverConfig c = ConfigLoader.load(NO_ARGS, Map.of(
                "QDRANT__SERVICE__HOST", "::1",
                "QDRANT__SERVICE__API_KEY", "k",
                "QDRANT__SERVICE__MAX_REQUEST_SIZE_MB", "8",
                "QDRANT__LOG_LEVEL", "WARN",
                "PATH", "/usr/bin",
                "QDRANT_NOT_OURS", "x"));

        assertThat(c.host()).isEqualTo("::1");
        assertThat(c.apiKey()).isEqualTo("k");
        assertThat(c.maxRequestSizeMb()).isEqualTo(8);
        assertThat(c.logLevel()).isEqualTo("WARN");
    }

    @Test
    void anEmptyApiKeyMeansNoKey() {
        QuiverConfig c = ConfigLoader.load(NO_ARGS, Map.of("QDRANT__SERVICE__API_KEY", ""));

        assertThat(c.apiKey()).isNull();
    }

    @Test
    void aPortThatIsNotANumberIsAClearError() {
        assertThatThrownBy(() -> ConfigLoader.load(NO_ARGS, Map.of("QDRANT__SERVICE__HTTP_PORT", "abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("service.http_port must be a whole number, got \"abc\"");
    }

    @Test
    void aPortOutOfRangeIsAClearError() {
        assertThatThrownBy(() -> ConfigLoader.load(NO_ARGS, Map.of("QDRANT__SERVICE__HTTP_PORT", "65536")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("service.http_port must be from 0 to 65535, got 65536");
        assertThatThrownBy(() -> ConfigLoader.load(NO_ARGS, Map.of("QDRANT__SERVICE__HTTP_PORT", "-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("service.http_port must be from 0 to 65535");
    }

    @Test
    void aBadPortInTheFileIsAClearError() throws IOException {
        Path file = yaml("service:\n  http_port: lots\n");

        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config-path", file.toString()}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("service.http_port must be a whole number, got \"lots\"");
    }

    @Test
    void aConfigPathThatDoesNotExistIsAClearError() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config-path", missing.toString()}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void anUnreadableYamlFileIsAClearError() throws IOException {
        Path file = yaml("service: [unclosed\n");

        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config-path", file.toString()}, Map.of()))
                .hasMessageContaining("cannot read configuration file");
    }
}
