package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.QdrantAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations settings through Qdrant's environment variables on a real process, and what it logs:
 * one structured line per start, stop and change of shape, and never a key.
 */
class OperationsProcessTest {

    private static final String FULL = "process-full-key-5d1e";
    private static final String READ = "process-read-key-a8c0";

    @TempDir
    Path storage;

    @Test
    void keysFromTheEnvironmentAreEnforcedAndNeverLogged() {
        String output;
        try (QuiverProcess p = QuiverProcess.start(storage, Map.of(
                "QDRANT__SERVICE__API_KEY", FULL,
                "QDRANT__SERVICE__READ_ONLY_API_KEY", READ,
                "QDRANT__LOG_LEVEL", "INFO"))) {
            ContractClient api = p.client();

            assertThat(assertError(api.get("/collections").send(), 401))
                    .isEqualTo("Must provide an API key or an Authorization bearer token");
            api.put("/collections/logged").header("api-key", FULL)
                    .json("{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}").send().expectTrue();
            api.put("/collections/logged/index").query("wait", true).header("api-key", FULL)
                    .json("{\"field_name\": \"city\", \"field_schema\": \"keyword\"}").send().expect(200);
            assertError(api.delete("/collections/logged").header("api-key", READ).send(), 403);
            api.delete("/collections/logged").header("Authorization", "Bearer " + FULL).send().expectTrue();

            // 143 = 128 + SIGTERM: the JVM's exit status after running its shutdown hooks on a signal
            assertThat(p.stop()).isIn(0, 143);
            output = p.output();
        }

        assertThat(output)
                .containsPattern("INFO quiver: event=start api=1\\.19\\.0 .*address=http://127\\.0\\.0\\.1:\\d+ .*"
                        + "tls=off auth=api_key\\+read_only_api_key cors=on max_request_size_mb=32 ")
                .contains("event=collection_created collection=\"logged\"")
                .contains("event=index_created collection=\"logged\" field=\"city\" type=keyword status=completed")
                .contains("event=collection_deleted collection=\"logged\"")
                .contains("event=stop msg=\"Quiver stopped; storage flushed and closed\"")
                .doesNotContain(FULL)
                .doesNotContain(READ);
        assertThat(output.lines().filter(l -> l.contains("event=collection_deleted")).count())
                .as("the refused delete logged nothing").isEqualTo(1);
    }
}
