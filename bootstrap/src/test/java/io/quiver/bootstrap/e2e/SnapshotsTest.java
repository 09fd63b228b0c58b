package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.PointsTestSupport.collectionInfo;
import static io.quiver.bootstrap.e2e.PointsTestSupport.count;
import static io.quiver.bootstrap.e2e.PointsTestSupport.createCollection;
import static io.quiver.bootstrap.e2e.PointsTestSupport.upsert;
import static io.quiver.bootstrap.e2e.PointsTestSupport.write;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertError;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Collection, full-storage and shard snapshots: create, list, download, delete, and recovery into another
 * server by upload and by {@code file://} location, with the checks that keep recovery safe (checksums,
 * names and locations confined to the snapshots folder, damaged archives refused with nothing changed).
 */
class SnapshotsTest {

    @RegisterExtension
    static final QuiverTestServer SERVER = QuiverTestServer.perClass();

    /** A second, empty server on its own storage: where snapshots are recovered. */
    static QuiverTestServer other;

    static final HttpClient RAW = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    static final String SNAPSHOT_NAME = "[A-Za-z0-9_]+-\\d+-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}(-\\d+)?\\.snapshot";

    static final String SCHEMA = """
            {"vectors": {"dense": {"size": 4, "distance": "Dot"}, "multi": {"size": 2, "distance": "Dot",
                "multivector_config": {"comparator": "max_sim"}}},
             "sparse_vectors": {"kw": {}},
             "hnsw_config": {"m": 8}, "metadata": {"team": "search"}}""";

    @BeforeAll
    static void startOther() {
        other = QuiverTestServer.start();
    }

    @AfterAll
    static void stopOther() {
        if (other != null) {
            other.close();
        }
    }

    static ContractClient api() {
        return SERVER.client();
    }

    /** A collection with dense, multi and sparse vectors, payloads, payload indexes and an alias. */
    static void seed(ContractClient api, String name, int points) {
        createCollection(api, name, SCHEMA);
        Random random = new Random(name.hashCode());
        StringBuilder body = new StringBuilder("{\"points\": [");
        String[] cities = {"Berlin", "Paris", "Rome", "Oslo"};
        for (int i = 0; i < points; i++) {
            if (i > 0) {
                body.append(',');
            }
            Object id = i % 5 == 0 ? "00000000-0000-4000-8000-" + String.format("%012d", i) : i;
            body.append("{\"id\": ").append(id instanceof String s ? "\"" + s + "\"" : id).append(", \"vector\": {")
                    .append("\"dense\": [").append(f(random)).append(',').append(f(random)).append(',')
                    .append(f(random)).append(',').append("-").append(f(random)).append("], ")
                    .append("\"multi\": [[").append(f(random)).append(',').append(f(random))
                    .append("], [").append(f(random)).append(",1]], ")
                    .append("\"kw\": {\"indices\": [").append(i % 7).append(',').append(10 + i % 3)
                    .append("], \"values\": [").append(f(random)).append(", 0.5]}}, ")
                    .append("\"payload\": {\"city\": \"").append(cities[i % 4]).append("\", \"n\": ").append(i)
                    .append(", \"tags\": [\"t").append(i % 3).append("\"], \"nested\": {\"x\": ").append(i * 0.5)
                    .append("}}}");
        }
        body.append("]}");
        upsert(api, name, body.toString());
        write(api.put("/collections/" + name + "/index").json("{\"field_name\": \"city\", \"field_schema\": \"keyword\"}"));
        write(api.put("/collections/" + name + "/index").json("""
                {"field_name": "n", "field_schema": {"type": "integer", "lookup": true, "range": true}}"""));
    }

    /** A random number with few digits (a float with 8 digits trips the validator's float check). */
    static String f(Random random) {
        return String.format(java.util.Locale.ROOT, "%.3f", random.nextDouble() + 0.001);
    }

    static JsonNode createSnapshot(ContractClient api, String collection) {
        JsonNode d = assertOk(api.post("/collections/" + collection + "/snapshots").send());
        assertThat(d.get("name").asText()).matches(SNAPSHOT_NAME);
        assertThat(d.get("size").asLong()).isPositive();
        assertThat(d.get("checksum").asText()).matches("[0-9a-f]{64}");
        assertThat(d.get("creation_time").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
        return d;
    }

    // ------------------------------------------------------------------------------ raw HTTP

    static HttpResponse<byte[]> get(QuiverTestServer server, String path) {
        return send(HttpRequest.newBuilder(at(server, path)).GET(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] download(QuiverTestServer server, String path) {
        HttpResponse<byte[]> r = get(server, path);
        assertThat(r.statusCode()).as("GET %s", path).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/octet-stream");
        return r.body();
    }

    /** {@code POST …/snapshots/upload} as {@code multipart/form-data}, the way qdrant-client sends it. */
    static ApiResponse upload(QuiverTestServer server, String path, byte[] snapshot, String query) {
        String boundary = "----quiver" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nignored\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"snapshot\"; filename=\"x.snapshot\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(snapshot);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(at(server, path + (query == null ? "" : "?" + query)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        return apiResponse(send(b, HttpResponse.BodyHandlers.ofString()));
    }

    /** The server's URI for {@code path} taken literally: no {@code ..} resolved away before it is sent. */
    static URI at(QuiverTestServer server, String path) {
        return URI.create(server.baseUri() + path);
    }

    static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return RAW.send(request.timeout(Duration.ofSeconds(60)).build(), handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static ApiResponse apiResponse(HttpResponse<String> r) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        JsonNode json = type.contains("json") ? PointsTestSupport.json(r.body())
                : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        return new ApiResponse(r.statusCode(), type, r.body(), json);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void eventually(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    // ------------------------------------------------------------------------------ comparing collections

    /** Every point with payload and vectors, in id order. */
    static JsonNode allPoints(ContractClient api, String collection) {
        JsonNode result = assertOk(api.post("/collections/" + collection + "/points/scroll").json(
                "{\"limit\": 10000, \"with_payload\": true, \"with_vector\": true}").send());
        return result.get("points");
    }

    /** What a client sees of a collection besides its points: configuration and payload schema. */
    static JsonNode shape(ContractClient api, String collection) {
        JsonNode info = collectionInfo(api, collection);
        return PointsTestSupport.json("{\"config\": " + info.get("config") + ", \"payload_schema\": "
                + info.get("payload_schema") + ", \"points_count\": " + info.get("points_count") + "}");
    }

    /** The answers of a few queries (dense, sparse, multivector, filtered through the payload index). */
    static List<JsonNode> queryAnswers(ContractClient api, String collection) {
        List<String> queries = List.of(
                "{\"query\": [0.1, 0.9, 0.3, -0.2], \"using\": \"dense\", \"limit\": 7, \"with_payload\": true}",
                "{\"query\": {\"indices\": [1, 10], \"values\": [1.0, 0.5]}, \"using\": \"kw\", \"limit\": 5}",
                "{\"query\": [[0.5, 0.5]], \"using\": \"multi\", \"limit\": 5}",
                "{\"query\": [0.3, 0.3, 0.3, 0.3], \"using\": \"dense\", \"limit\": 5, "
                        + "\"filter\": {\"must\": [{\"key\": \"city\", \"match\": {\"value\": \"Paris\"}}]}}");
        List<JsonNode> answers = new ArrayList<>();
        for (String q : queries) {
            answers.add(assertOk(api.post("/collections/" + collection + "/points/query").json(q).send()).get("points"));
        }
        answers.add(assertOk(api.post("/collections/" + collection + "/facet").json("{\"key\": \"city\"}").send()));
        return answers;
    }

    static void assertSameCollection(ContractClient a, String ca, ContractClient b, String cb) {
        assertThat(allPoints(b, cb)).isEqualTo(allPoints(a, ca));
        assertThat(shape(b, cb)).isEqualTo(shape(a, ca));
        assertThat(queryAnswers(b, cb)).isEqualTo(queryAnswers(a, ca));
    }

    // ------------------------------------------------------------------------------ tests

    @Test
    void createListDownloadThenRecoverIntoAnotherServerByUploadAndByFileLocation() throws IOException {
        seed(api(), "snap_src", 60);
        JsonNode d = createSnapshot(api(), "snap_src");
        String name = d.get("name").asText();

        JsonNode listed = assertOk(api().get("/collections/snap_src/snapshots").send());
        assertThat(listed).contains(d);

        byte[] bytes = download(SERVER, "/collections/snap_src/snapshots/" + name);
        assertThat((long) bytes.length).isEqualTo(d.get("size").asLong());
        assertThat(sha256(bytes)).isEqualTo(d.get("checksum").asText());
        assertThat(Files.exists(SERVER.storage().resolve("snapshots/snap_src/" + name))).isTrue();
        assertThat(Files.readString(SERVER.storage().resolve("snapshots/snap_src/" + name + ".checksum")))
                .isEqualTo(d.get("checksum").asText());

        // upload, with the checksum and a priority, into a collection of another name on another server
        ApiResponse up = upload(other, "/collections/copy_upload/snapshots/upload", bytes,
                "priority=snapshot&checksum=" + d.get("checksum").asText());
        assertThat(assertOk(up).asBoolean()).as("%s", up).isTrue();
        assertSameCollection(api(), "snap_src", other.client(), "copy_upload");

        // file:// inside the other server's snapshots folder
        Path inside = other.storage().resolve("snapshots/incoming/" + name);
        Files.createDirectories(inside.getParent());
        Files.write(inside, bytes);
        assertThat(assertOk(other.client().put("/collections/copy_file/snapshots/recover").json(
                "{\"location\": \"" + inside.toUri() + "\", \"checksum\": \"" + d.get("checksum").asText() + "\"}")
                .send()).asBoolean()).isTrue();
        assertSameCollection(api(), "snap_src", other.client(), "copy_file");

        // the recovered collection is a normal one: it takes writes and searches them
        upsert(other.client(), "copy_file", """
                {"points": [{"id": 9999, "vector": {"dense": [1, 0, 0, 0]}, "payload": {"city": "Lima"}}]}""");
        assertThat(count(other.client(), "copy_file", null)).isEqualTo(61);
    }

    @Test
    void recoveringOverAnExistingCollectionReplacesItWholeAndKeepsItsAliases() {
        seed(api(), "snap_replace", 30);
        api().post("/collections/aliases").json("""
                {"actions": [{"create_alias": {"collection_name": "snap_replace", "alias_name": "snap_replace_alias"}}]}""")
                .send().expectTrue();
        JsonNode before = allPoints(api(), "snap_replace");
        List<JsonNode> answers = queryAnswers(api(), "snap_replace");
        String name = createSnapshot(api(), "snap_replace").get("name").asText();

        // change it: drop points, add points, drop an index, change the configuration
        write(api().post("/collections/snap_replace/points/delete").json("{\"points\": [1, 2, 3]}"));
        upsert(api(), "snap_replace", """
                {"points": [{"id": 500, "vector": {"dense": [1, 1, 1, 1]}, "payload": {"city": "Nowhere"}}]}""");
        write(api().delete("/collections/snap_replace/index/n"));
        api().patch("/collections/snap_replace").json("{\"metadata\": {\"team\": \"other\"}}").send().expectTrue();

        Path file = SERVER.storage().resolve("snapshots/snap_replace/" + name).toAbsolutePath();
        assertThat(assertOk(api().put("/collections/snap_replace_alias/snapshots/recover")
                .json("{\"location\": \"" + file.toUri() + "\", \"priority\": \"no_sync\"}").send()).asBoolean()).isTrue();

        assertThat(allPoints(api(), "snap_replace")).isEqualTo(before);
        assertThat(queryAnswers(api(), "snap_replace")).isEqualTo(answers);
        assertThat(collectionInfo(api(), "snap_replace").at("/config/metadata/team").asText()).isEqualTo("search");
        assertThat(collectionInfo(api(), "snap_replace").at("/payload_schema/n/data_type").asText()).isEqualTo("integer");
        assertThat(count(api(), "snap_replace_alias", null)).isEqualTo(30);

        // and it survives a restart of the other server's kind: recover there, restart, compare
        byte[] bytes = download(SERVER, "/collections/snap_replace/snapshots/" + name);
        upload(other, "/collections/snap_restart/snapshots/upload", bytes, null).expectTrue();
        other.restart();
        assertSameCollection(api(), "snap_replace", other.client(), "snap_restart");
    }

    @Test
    void aChecksumMismatchIsRefusedAndChangesNothing() {
        seed(api(), "snap_sum", 10);
        JsonNode d = createSnapshot(api(), "snap_sum");
        byte[] bytes = download(SERVER, "/collections/snap_sum/snapshots/" + d.get("name").asText());
        String wrong = "0".repeat(64);

        String error = assertError(upload(other, "/collections/sum_upload/snapshots/upload", bytes, "checksum=" + wrong), 400);
        assertThat(error).isEqualTo("Checksum mismatch: expected " + wrong + ", actual " + d.get("checksum").asText());
        assertThat(collectionExists(other.client(), "sum_upload")).isFalse();

        Path file = SERVER.storage().resolve("snapshots/snap_sum/" + d.get("name").asText()).toAbsolutePath();
        upsert(api(), "snap_sum", "{\"points\": [{\"id\": 77, \"vector\": {\"dense\": [1, 0, 0, 0]}}]}");
        error = assertError(api().put("/collections/snap_sum/snapshots/recover").json(
                "{\"location\": \"" + file.toUri() + "\", \"checksum\": \"" + "ab".repeat(32) + "\"}").send(), 400);
        assertThat(error).startsWith("Checksum mismatch: expected " + "ab".repeat(32) + ", actual ");
        assertThat(count(api(), "snap_sum", null)).isEqualTo(11);

        // a checksum that is not even a SHA-256 is a bad query parameter for uploads
        assertError(upload(other, "/collections/sum_upload/snapshots/upload", bytes, "checksum=xyz"), 400);
    }

    @Test
    void snapshotNamesCannotLeaveTheSnapshotsFolder() throws IOException {
        seed(api(), "snap_names", 3);
        createSnapshot(api(), "snap_names");
        Files.writeString(SERVER.storage().resolve("secret.snapshot"), "not for download");
        List<String> names = List.of("..%2F..%2Fcatalog.mv.db", "..%2Fsecret.snapshot", "%2e%2e%2fsecret.snapshot",
                "..", "%2E%2E", ".tmp", "%2Fetc%2Fpasswd", "..%5C..%5Csecret.snapshot", "snap_names",
                "x".repeat(300) + ".snapshot", "%00.snapshot", "%F0%9F%90%9F.snapshot");
        for (String bad : names) {
            for (String path : List.of("/collections/snap_names/snapshots/" + bad, "/snapshots/" + bad,
                    "/collections/snap_names/shards/0/snapshots/" + bad)) {
                HttpResponse<byte[]> r = get(SERVER, path);
                assertThat(new String(r.body(), StandardCharsets.UTF_8)).as("GET %s", path).doesNotContain("not for download");
                assertThat(r.headers().firstValue("Content-Type").orElse("")).as("GET %s", path)
                        .doesNotContain("octet-stream");
                if (bad.equals("..")) {
                    // a literal dot segment is resolved before routing (as clients resolve it): it names the
                    // parent route, never a file, so DELETE is not sent (it would address the collection)
                    continue;
                }
                HttpResponse<String> del = send(HttpRequest.newBuilder(at(SERVER, path)).DELETE(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("GET %s", path).isEqualTo(404);
                assertThat(new String(r.body(), StandardCharsets.UTF_8)).as("GET %s", path).contains("\"error\"");
                assertThat(del.statusCode()).as("DELETE %s", path).isEqualTo(404);
            }
        }
        assertThat(Files.exists(SERVER.storage().resolve("secret.snapshot"))).isTrue();
        assertThat(Files.exists(SERVER.storage().resolve("catalog.mv.db"))).isTrue();
        assertThat(assertOk(api().get("/collections/snap_names/snapshots").send())).hasSize(1);
    }

    @Test
    void recoveryLocationsCannotLeaveTheSnapshotsFolder() throws IOException {
        Path snapshots = SERVER.storage().resolve("snapshots").toAbsolutePath();
        Files.createDirectories(snapshots);
        Path outside = Files.writeString(SERVER.storage().resolve("outside.snapshot"), "x");
        Path link = snapshots.resolve("link.snapshot");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, outside);
        List<String> locations = List.of(
                "file:///etc/passwd",
                outside.toUri().toString(),
                "file://" + snapshots + "/../outside.snapshot",
                "file://" + snapshots + "/%2e%2e/outside.snapshot",
                "file://" + snapshots + "/..%2Foutside.snapshot",
                "file://" + snapshots,
                link.toUri().toString(),
                "file://remote.example/" + snapshots + "/x.snapshot",
                "file:relative.snapshot",
                "ftp://example.com/x.snapshot",
                "jar:file:///x!/y",
                "gopher://x",
                "file://" + snapshots + "/does-not-exist.snapshot",
                "file://" + snapshots + "/.tmp/x");
        for (String location : locations) {
            ApiResponse r = api().put("/collections/snap_loc/snapshots/recover")
                    .json("{\"location\": \"" + location + "\"}").send();
            assertThat(r.status()).as("location %s → %s", location, r).isEqualTo(400);
            assertError(r, 400);
        }
        for (String location : List.of("snapshots/x.snapshot", "/etc/passwd", "", "::")) {
            ApiResponse r = apiResponse(send(HttpRequest.newBuilder(at(SERVER, "/collections/snap_loc/snapshots/recover"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"location\": \"" + location + "\"}")),
                    HttpResponse.BodyHandlers.ofString()));
            assertError(r, 400);
        }
        assertThat(collectionExists(api(), "snap_loc")).isFalse();
        assertThat(Files.readString(outside)).isEqualTo("x");
    }

    @Test
    void damagedArchivesAreRefusedWithNothingChanged() {
        seed(api(), "snap_damage", 20);
        JsonNode d = createSnapshot(api(), "snap_damage");
        byte[] good = download(SERVER, "/collections/snap_damage/snapshots/" + d.get("name").asText());
        JsonNode before = allPoints(api(), "snap_damage");

        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[0]);
        bad.add("this is not a snapshot".getBytes(StandardCharsets.UTF_8));
        for (int cut : new int[] {good.length / 2, 200, good.length - 1, good.length - 21, good.length - 30}) {
            bad.add(java.util.Arrays.copyOf(good, cut)); // truncated, also just inside the ZIP directory
        }
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        longer[good.length] = 'x';
        bad.add(longer); // something appended
        for (int at : new int[] {0, 40, good.length / 3, good.length / 2}) {
            byte[] flipped = good.clone();
            flipped[at] ^= 0x5A;
            bad.add(flipped);
        }
        byte[] random = new byte[4096];
        new Random(1).nextBytes(random);
        bad.add(random);
        for (byte[] archive : bad) {
            assertError(upload(SERVER, "/collections/snap_damage/snapshots/upload", archive, null), 400);
            assertError(upload(SERVER, "/collections/snap_damage_new/snapshots/upload", archive, null), 400);
        }
        assertThat(allPoints(api(), "snap_damage")).isEqualTo(before);
        assertThat(collectionExists(api(), "snap_damage_new")).isFalse();

        // any single flipped byte: refused, or (a header field the reader does not use, such as a
        // timestamp) recovered whole; never a server error, never a half-recovered collection
        Random positions = new Random(7);
        for (int i = 0; i < 25; i++) {
            byte[] flipped = good.clone();
            flipped[positions.nextInt(good.length)] ^= (byte) (1 + positions.nextInt(255));
            ApiResponse r = upload(SERVER, "/collections/snap_damage/snapshots/upload", flipped, null);
            assertThat(r.status()).as("%s", r).isIn(200, 400);
            assertThat(allPoints(api(), "snap_damage")).isEqualTo(before);
        }

        // not multipart at all, or without a `snapshot` part
        ApiResponse r = apiResponse(send(HttpRequest.newBuilder(at(SERVER,
                        "/collections/snap_damage_new/snapshots/upload")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")), HttpResponse.BodyHandlers.ofString()));
        assertError(r, 400);
        r = apiResponse(send(HttpRequest.newBuilder(at(SERVER,
                        "/collections/snap_damage_new/snapshots/upload"))
                .header("Content-Type", "multipart/form-data; boundary=abc")
                .POST(HttpRequest.BodyPublishers.ofString("--abc\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--abc--\r\n")),
                HttpResponse.BodyHandlers.ofString()));
        assertError(r, 400);
        assertThat(collectionExists(api(), "snap_damage_new")).isFalse();
    }

    @Test
    void fullSnapshotsHoldEveryCollectionAndItsAliases() {
        seed(api(), "full_a", 12);
        seed(api(), "full_b", 7);
        api().post("/collections/aliases").json("""
                {"actions": [{"create_alias": {"collection_name": "full_a", "alias_name": "full_a_alias"}},
                             {"create_alias": {"collection_name": "full_b", "alias_name": "full_b_one"}},
                             {"create_alias": {"collection_name": "full_b", "alias_name": "full_b_two"}}]}""")
                .send().expectTrue();

        JsonNode d = assertOk(api().post("/snapshots").send());
        String name = d.get("name").asText();
        assertThat(name).matches("full-snapshot-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}(-\\d+)?\\.snapshot");
        assertThat(assertOk(api().get("/snapshots").send())).contains(d);
        byte[] bytes = download(SERVER, "/snapshots/" + name);
        assertThat(sha256(bytes)).isEqualTo(d.get("checksum").asText());

        upload(other, "/collections/full_a/snapshots/upload", bytes, "checksum=" + d.get("checksum").asText())
                .expectTrue();
        Path file = other.storage().resolve("snapshots/" + name).toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(assertOk(other.client().put("/collections/full_b/snapshots/recover")
                .json("{\"location\": \"" + file.toUri() + "\"}").send()).asBoolean()).isTrue();
        assertSameCollection(api(), "full_a", other.client(), "full_a");
        assertSameCollection(api(), "full_b", other.client(), "full_b");
        JsonNode aliases = assertOk(other.client().get("/aliases").send()).get("aliases");
        assertThat(aliases.toString()).contains("{\"alias_name\":\"full_a_alias\",\"collection_name\":\"full_a\"}",
                "{\"alias_name\":\"full_b_one\",\"collection_name\":\"full_b\"}",
                "{\"alias_name\":\"full_b_two\",\"collection_name\":\"full_b\"}");
        assertThat(count(other.client(), "full_b_two", null)).isEqualTo(7);

        // a collection the full snapshot does not hold
        assertError(upload(other, "/collections/full_missing/snapshots/upload", bytes, null), 400);

        assertThat(assertOk(api().delete("/snapshots/" + name).send()).asBoolean()).isTrue();
        assertThat(assertOk(api().get("/snapshots").send())).doesNotContain(d);
        assertError(api().get("/snapshots/" + name).send(), 404);
        assertError(api().delete("/snapshots/" + name).send(), 404);
    }

    @Test
    void waitFalseAnswers202AndTheWorkHappensInTheBackground() {
        seed(api(), "snap_async", 5);
        ApiResponse accepted = api().post("/collections/snap_async/snapshots").query("wait", false).send();
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json()).isEqualTo(PointsTestSupport.json(
                "{\"result\": null, \"status\": \"accepted\", \"time\": " + accepted.json().get("time") + "}"));
        eventually(() -> assertOk(api().get("/collections/snap_async/snapshots").send()).size() == 1, "the snapshot");
        String name = assertOk(api().get("/collections/snap_async/snapshots").send()).get(0).get("name").asText();

        ApiResponse recover = other.client().put("/collections/snap_async_copy/snapshots/recover").query("wait", false)
                .json("{\"location\": \"" + SERVER.baseUri() + "/collections/snap_async/snapshots/" + name + "\"}").send();
        assertThat(recover.status()).isEqualTo(202);
        eventually(() -> collectionExists(other.client(), "snap_async_copy"), "the recovered collection");
        eventually(() -> count(other.client(), "snap_async_copy", null) == 5, "its points");

        ApiResponse deleted = api().delete("/collections/snap_async/snapshots/" + name).query("wait", false).send();
        assertThat(deleted.status()).isEqualTo(202);
        eventually(() -> assertOk(api().get("/collections/snap_async/snapshots").send()).isEmpty(), "the deletion");

        assertThat(api().post("/snapshots").query("wait", false).send().status()).isEqualTo(202);
        eventually(() -> !assertOk(api().get("/snapshots").send()).isEmpty(), "the full snapshot");

        // checks that need no work still answer at once
        assertError(api().post("/collections/no_such/snapshots").query("wait", false).send(), 404);
        assertError(api().delete("/collections/snap_async/snapshots/" + name).query("wait", false).send(), 404);
    }

    @Test
    void shardZeroIsTheCollectionAndOtherShardsDoNotExist() {
        seed(api(), "snap_shard", 8);
        JsonNode d = assertOk(api().post("/collections/snap_shard/shards/0/snapshots").send());
        assertThat(assertOk(api().get("/collections/snap_shard/shards/0/snapshots").send()))
                .isEqualTo(assertOk(api().get("/collections/snap_shard/snapshots").send()));
        byte[] bytes = download(SERVER, "/collections/snap_shard/shards/0/snapshots/" + d.get("name").asText());
        assertThat(sha256(bytes)).isEqualTo(d.get("checksum").asText());

        byte[] streamed = download(SERVER, "/collections/snap_shard/shards/0/snapshot");
        // shard uploads need the collection to exist, as in Qdrant
        assertError(upload(other, "/collections/snap_shard_streamed/shards/0/snapshots/upload", streamed, null), 404);
        upload(other, "/collections/snap_shard_streamed/snapshots/upload", streamed, null).expectTrue();
        assertSameCollection(api(), "snap_shard", other.client(), "snap_shard_streamed");

        for (String shard : List.of("1", "7", "-1")) {
            assertError(api().get("/collections/snap_shard/shards/" + shard + "/snapshots").send(), 404);
            assertError(api().post("/collections/snap_shard/shards/" + shard + "/snapshots").send(), 404);
            assertThat(get(SERVER, "/collections/snap_shard/shards/" + shard + "/snapshot").statusCode()).isEqualTo(404);
        }
        assertError(api().get("/collections/snap_shard/shards/abc/snapshots").violatingSpec().send(), 404);
        assertThat(assertError(api().get("/collections/snap_shard/shards/3/snapshots").send(), 404))
                .isEqualTo("Not found: shard 3 not found");
        assertError(api().get("/collections/nope/shards/0/snapshots").send(), 404);
        assertThat(assertOk(api().delete("/collections/snap_shard/shards/0/snapshots/" + d.get("name").asText())
                .send()).asBoolean()).isTrue();
    }

    /**
     * Every write sets all points to the same generation k (vector [k, k, k, k], payload {"k": k}) in one
     * request. A snapshot taken while such writes run must show one generation for every point, each point
     * whole: its vector and payload from the same write.
     */
    @Test
    void aSnapshotTakenDuringWritesHoldsEveryPointAsOneWriteLeftIt() throws Exception {
        int points = 200;
        createCollection(api(), "snap_busy", "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}}");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger generation = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            ContractClient client = api();
            try {
                while (!stop.get()) {
                    int k = generation.incrementAndGet();
                    StringBuilder body = new StringBuilder("{\"points\": [");
                    for (int i = 0; i < points; i++) {
                        body.append(i == 0 ? "" : ",").append("{\"id\": ").append(i).append(", \"vector\": [")
                                .append(k).append(',').append(k).append(',').append(k).append(',').append(k)
                                .append("], \"payload\": {\"k\": ").append(k).append(", \"id\": ").append(i).append("}}");
                    }
                    body.append("]}");
                    client.put("/collections/snap_busy/points").json(body.toString()).send().expect(200);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        try {
            eventually(() -> generation.get() > 3, "some writes");
            List<String> names = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                names.add(assertOk(api().post("/collections/snap_busy/snapshots").send()).get("name").asText());
            }
            stop.set(true);
            writer.join(30_000);
            assertThat(failure.get()).isNull();
            for (String name : names) {
                byte[] bytes = download(SERVER, "/collections/snap_busy/snapshots/" + name);
                String copy = "busy_" + Math.abs(name.hashCode());
                upload(other, "/collections/" + copy + "/snapshots/upload", bytes, null).expectTrue();
                JsonNode all = allPoints(other.client(), copy);
                assertThat(all).hasSize(points);
                long k = all.get(0).at("/payload/k").asLong();
                for (JsonNode p : all) {
                    assertThat(p.at("/payload/k").asLong()).as("point %s", p).isEqualTo(k);
                    assertThat(p.at("/payload/id").asLong()).isEqualTo(p.get("id").asLong());
                    for (JsonNode v : p.get("vector")) {
                        assertThat(v.asDouble()).as("point %s", p).isEqualTo((double) k);
                    }
                }
            }
        } finally {
            stop.set(true);
            writer.join(30_000);
        }
    }

    /** Writers that wait while a recovery replaces their collection write into the new one, never fail. */
    @Test
    void writesDuringARecoveryOverTheCollectionAreNeverLost() throws Exception {
        createCollection(api(), "snap_race", "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}}");
        upsert(api(), "snap_race", "{\"points\": [{\"id\": 1, \"vector\": [1, 1, 1, 1]}]}");
        String name = createSnapshot(api(), "snap_race").get("name").asText();
        Path file = SERVER.storage().resolve("snapshots/snap_race/" + name).toAbsolutePath();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger written = new AtomicInteger();
        Thread writer = Thread.ofPlatform().start(() -> {
            ContractClient client = api();
            try {
                for (int id = 1000; !stop.get(); id++) {
                    client.put("/collections/snap_race/points").query("wait", true)
                            .json("{\"points\": [{\"id\": " + id + ", \"vector\": [2, 2, 2, 2]}]}").send().expect(200);
                    written.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(assertOk(api().put("/collections/snap_race/snapshots/recover")
                        .json("{\"location\": \"" + file.toUri() + "\"}").send()).asBoolean()).isTrue();
            }
        } finally {
            stop.set(true);
            writer.join(30_000);
        }
        assertThat(failure.get()).isNull();
        assertThat(written.get()).isPositive();
        long count = count(api(), "snap_race", null);
        assertThat(count).isBetween(1L, 1L + written.get());
        upsert(api(), "snap_race", "{\"points\": [{\"id\": 2, \"vector\": [3, 3, 3, 3]}]}");
        assertThat(count(api(), "snap_race", null)).isEqualTo(count + 1);
    }

    @Test
    void unknownCollectionsAnswerNotFound() {
        assertThat(assertError(api().post("/collections/nope/snapshots").send(), 404))
                .isEqualTo("Not found: Collection `nope` doesn't exist!");
        assertError(api().get("/collections/nope/snapshots").send(), 404);
        assertError(api().get("/collections/nope/snapshots/x.snapshot").send(), 404);
        assertError(api().delete("/collections/nope/snapshots/x.snapshot").send(), 404);
        assertError(api().get("/snapshots/nothing-here.snapshot").send(), 404);
    }

    static boolean collectionExists(ContractClient api, String name) {
        return assertOk(api.get("/collections/" + name + "/exists").send()).get("exists").asBoolean();
    }
}
