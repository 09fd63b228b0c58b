package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.PointsTestSupport.createCollection;
import static io.quiver.bootstrap.e2e.PointsTestSupport.upsert;
import static io.quiver.bootstrap.e2e.PointsTestSupport.write;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertOk;
import static io.quiver.bootstrap.e2e.QdrantAssertions.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile input against every endpoint group: malformed and truncated JSON, huge numbers, wrong types,
 * deeply nested documents, oversized strings, unknown enum values, negative limits, NaN/Infinity literals,
 * invalid UTF-8, lone surrogates, empty bodies, wrong content types, absurd path and query parameters.
 * Every answer must be a 4xx in Qdrant's error envelope (never a 5xx, never a hang: every request has a
 * timeout), and nothing may be written: collections, aliases, points, payload indexes and snapshots stay
 * exactly as they were.
 *
 * <p>Requests go out raw (not through {@link ContractClient}): most of them are not even HTTP/JSON the
 * OpenAPI document could describe.
 */
class HostileInputTest {

    @RegisterExtension
    static final QuiverTestServer SERVER = QuiverTestServer.perClass();

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    static final String C = "/collections/hostile";
    static final String BIG = "x".repeat(5 * 1024 * 1024);

    /** An endpoint, a well-formed body for it (null when it takes none), and bodies aimed at its fields. */
    record Endpoint(String group, String method, String path, String body, boolean emptyBodyAllowed,
                    List<String> aimed) {
        Endpoint(String group, String method, String path, String body, String... aimed) {
            this(group, method, path, body, false, List.of(aimed));
        }

        @Override
        public String toString() {
            return group + ": " + method + " " + path;
        }
    }

    /** One hostile request body with the content type it is sent with. */
    record Hostile(String name, byte[] body, String contentType) {
        static Hostile json(String name, String body) {
            return new Hostile(name, body.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        static Hostile json(String name, byte[] body) {
            return new Hostile(name, body, "application/json");
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            // collections
            new Endpoint("collections", "PUT", "/collections/hostile_new", """
                    {"vectors": {"size": 4, "distance": "Dot"}}""",
                    "{\"vectors\": {\"size\": -4, \"distance\": \"Dot\"}}",
                    "{\"vectors\": {\"size\": 1e400, \"distance\": \"Dot\"}}",
                    "{\"vectors\": {\"size\": 123456789012345678901234567890, \"distance\": \"Dot\"}}",
                    "{\"vectors\": {\"size\": \"4\", \"distance\": \"Dot\"}}",
                    "{\"vectors\": {\"size\": 4, \"distance\": \"Chebyshev\"}}",
                    "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\", \"datatype\": \"float128\"}}",
                    "{\"vectors\": {\"size\": 0, \"distance\": \"Dot\"}}",
                    "{\"vectors\": {\"size\": 99999999999, \"distance\": \"Dot\"}}",
                    "{\"vectors\": []}",
                    "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, \"hnsw_config\": {\"m\": -1}}",
                    "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, \"sparse_vectors\": {\"s\": {\"modifier\": \"bogus\"}}}",
                    "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, \"on_disk_payload\": \"yes\"}",
                    "{\"vectors\": {\"" + BIG + "\": {\"size\": 4, \"distance\": \"Dot\"}}, \"shard_number\": 0}",
                    "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, \"quantization_config\": {\"scalar\": {\"type\": \"int3\"}}}"),
            new Endpoint("collections", "PATCH", C, """
                    {"optimizers_config": {"indexing_threshold": 20000}}""",
                    "{\"optimizers_config\": {\"indexing_threshold\": -1}}",
                    "{\"hnsw_config\": {\"m\": \"many\"}}",
                    "{\"params\": {\"replication_factor\": 0}}",
                    "{\"vectors\": {\"nonexistent\": {\"on_disk\": true}}}",
                    "{\"strict_mode_config\": {\"enabled\": \"sure\"}}",
                    "{\"metadata\": []}"),
            new Endpoint("vector names", "PUT", C + "/vectors/extra", """
                    {"dense": {"size": 4, "distance": "Dot"}}""",
                    "{\"dense\": {\"size\": -4, \"distance\": \"Dot\"}}",
                    "{\"dense\": {\"size\": 4, \"distance\": \"Bogus\"}}",
                    "{\"sparse\": \"yes\"}", "{}"),
            // aliases
            new Endpoint("aliases", "POST", "/collections/aliases", """
                    {"actions": [{"create_alias": {"collection_name": "hostile", "alias_name": "hostile_alias_2"}}]}""",
                    "{\"actions\": \"all\"}",
                    "{\"actions\": [{\"bogus_alias\": {}}]}",
                    "{\"actions\": [{\"create_alias\": {\"collection_name\": \"hostile\", \"alias_name\": \"\"}}]}",
                    "{\"actions\": [{\"create_alias\": {\"collection_name\": \"hostile\", \"alias_name\": \"" + BIG + "\"}}]}",
                    "{\"actions\": [{\"create_alias\": {\"collection_name\": \"missing\", \"alias_name\": \"a\"}}]}",
                    "{\"actions\": [{\"delete_alias\": {\"alias_name\": 5}}]}"),
            // points CRUD
            new Endpoint("points", "PUT", C + "/points?wait=true", """
                    {"points": [{"id": 100, "vector": [1, 2, 3, 4], "payload": {"city": "x"}}]}""",
                    "{\"points\": [{\"id\": -1, \"vector\": [1, 2, 3, 4]}]}",
                    "{\"points\": [{\"id\": 1.5, \"vector\": [1, 2, 3, 4]}]}",
                    "{\"points\": [{\"id\": 18446744073709551616, \"vector\": [1, 2, 3, 4]}]}",
                    "{\"points\": [{\"id\": \"not-a-uuid\", \"vector\": [1, 2, 3, 4]}]}",
                    "{\"points\": [{\"id\": \"" + BIG + "\", \"vector\": [1, 2, 3, 4]}]}",
                    "{\"points\": [{\"id\": 100, \"vector\": [1, 2, 3]}]}",
                    "{\"points\": [{\"id\": 100, \"vector\": [\"a\", \"b\", \"c\", \"d\"]}]}",
                    "{\"points\": [{\"id\": 100, \"vector\": [1e39, 2, 3, 4]}]}",
                    "{\"points\": [{\"id\": 100, \"vector\": {\"nope\": [1, 2, 3, 4]}}]}",
                    "{\"points\": [{\"id\": 100, \"vector\": {\"sp\": {\"indices\": [1, 1], \"values\": [1, 2]}}}]}",
                    "{\"points\": [{\"id\": 100, \"vector\": {\"sp\": {\"indices\": [-1], \"values\": [1]}}}]}",
                    "{\"points\": [{\"id\": 100, \"vector\": [1, 2, 3, 4], \"payload\": \"text\"}]}",
                    "{\"points\": {}}",
                    "{\"batch\": {\"ids\": [100, 101], \"vectors\": [[1, 2, 3, 4]]}}",
                    "{\"points\": [{\"id\": 100, \"vector\": [1, 2, 3, 4]}], \"update_mode\": \"sometimes\"}"),
            new Endpoint("points", "POST", C + "/points", "{\"ids\": [1]}",
                    "{\"ids\": \"1\"}", "{\"ids\": [-1]}", "{\"ids\": [{}]}", "{\"with_payload\": 5, \"ids\": [1]}",
                    "{\"ids\": [1], \"with_vector\": {\"bogus\": true}}"),
            new Endpoint("points", "POST", C + "/points/delete?wait=true", "{\"points\": [1]}",
                    "{\"points\": \"all\"}", "{\"points\": [1.5]}", "{\"filter\": []}",
                    "{\"filter\": {\"must\": [{\"key\": \"city\", \"match\": {\"bogus\": 1}}]}}"),
            // payload
            new Endpoint("payload", "POST", C + "/points/payload?wait=true", "{\"payload\": {\"a\": 1}, \"points\": [1]}",
                    "{\"payload\": \"x\", \"points\": [1]}", "{\"payload\": {\"a\": 1}, \"points\": [-1]}",
                    "{\"payload\": {\"a\": 1}, \"points\": [1], \"key\": 5}", "{\"payload\": [], \"points\": [1]}",
                    "{\"payload\": {\"a\": 1}, \"points\": [424242]}"),
            new Endpoint("payload", "PUT", C + "/points/payload?wait=true", "{\"payload\": {\"a\": 1}, \"points\": [1]}",
                    "{\"payload\": 5, \"points\": [1]}", "{\"payload\": {\"a\": 1}}"),
            new Endpoint("payload", "POST", C + "/points/payload/delete?wait=true", "{\"keys\": [\"city\"], \"points\": [1]}",
                    "{\"keys\": \"city\", \"points\": [1]}", "{\"keys\": [1], \"points\": [1]}",
                    "{\"keys\": [\"city\"], \"points\": \"x\"}"),
            new Endpoint("payload", "POST", C + "/points/payload/clear?wait=true", "{\"points\": [1]}",
                    "{\"points\": [[]]}", "{\"filter\": 5}"),
            // vectors
            new Endpoint("vectors", "PUT", C + "/points/vectors?wait=true", """
                    {"points": [{"id": 1, "vector": [4, 3, 2, 1]}]}""",
                    "{\"points\": [{\"id\": 1, \"vector\": [4, 3]}]}",
                    "{\"points\": [{\"id\": 1, \"vector\": {\"bogus\": [4, 3, 2, 1]}}]}",
                    "{\"points\": [{\"id\": \"x\", \"vector\": [4, 3, 2, 1]}]}"),
            new Endpoint("vectors", "POST", C + "/points/vectors/delete?wait=true", "{\"points\": [1], \"vector\": [\"\"]}",
                    "{\"points\": [1], \"vector\": \"\"}", "{\"points\": [1], \"vector\": [5]}",
                    "{\"points\": \"x\", \"vector\": [\"\"]}", "{\"points\": [1], \"vector\": [\"missing\"]}"),
            // batch
            new Endpoint("batch", "POST", C + "/points/batch?wait=true", """
                    {"operations": [{"upsert": {"points": [{"id": 1, "vector": [1, 1, 1, 1]}]}}]}""",
                    "{\"operations\": {}}", "{\"operations\": [{\"bogus\": {}}]}",
                    "{\"operations\": [{\"upsert\": {\"points\": [{\"id\": 1, \"vector\": [1]}]}}]}",
                    "{\"operations\": [{\"delete\": {\"points\": \"all\"}}]}"),
            // scroll, count, facet
            new Endpoint("scroll", "POST", C + "/points/scroll", "{\"limit\": 2}", true, List.of(
                    "{\"limit\": -1}", "{\"limit\": \"2\"}", "{\"offset\": {}}", "{\"filter\": \"city\"}",
                    "{\"order_by\": 5}", "{\"order_by\": {\"key\": \"n\", \"direction\": \"sideways\"}}",
                    "{\"with_payload\": 1.5}", "{\"limit\": 2, \"filter\": {\"must\": [{\"key\": \"" + BIG
                            + "\", \"match\": {\"value\": 1}}], \"should\": 7}}")),
            new Endpoint("count", "POST", C + "/points/count", "{\"exact\": true}", true, List.of(
                    "{\"exact\": \"yes\"}", "{\"filter\": []}",
                    "{\"filter\": {\"must\": [{\"key\": \"n\", \"range\": {\"gt\": \"1\"}}]}}")),
            new Endpoint("facet", "POST", C + "/facet", "{\"key\": \"city\"}",
                    "{\"key\": 5}", "{\"key\": \"city\", \"limit\": -1}", "{\"key\": \"city\", \"filter\": \"x\"}",
                    "{\"key\": \"not_indexed\"}", "{}"),
            // payload indexes
            new Endpoint("index", "PUT", C + "/index?wait=true", "{\"field_name\": \"n\", \"field_schema\": \"integer\"}",
                    "{\"field_name\": \"n\", \"field_schema\": \"bogus\"}",
                    "{\"field_name\": \"t\", \"field_schema\": {\"type\": \"text\", \"tokenizer\": \"klingon\"}}",
                    "{\"field_name\": 5, \"field_schema\": \"integer\"}",
                    "{\"field_name\": \"\", \"field_schema\": \"integer\"}",
                    "{\"field_name\": \"n\", \"field_schema\": {\"type\": \"integer\", \"lookup\": \"yes\"}}",
                    "{\"field_name\": \"t\", \"field_schema\": {\"type\": \"text\", \"min_token_len\": -1}}",
                    "{\"field_name\": \"n\"}"),
            // query
            new Endpoint("query", "POST", C + "/points/query", "{\"query\": [1, 2, 3, 4], \"limit\": 2}",
                    "{\"query\": [1, 2, 3, 4], \"limit\": -1}", "{\"query\": [1, 2, 3, 4], \"limit\": 0}",
                    "{\"query\": \"text\"}", "{\"query\": {\"fusion\": \"bogus\"}}", "{\"query\": [1, 2]}",
                    "{\"query\": [1, 2, 3, 4], \"using\": \"nope\"}", "{\"query\": [1, 2, 3, 4], \"prefetch\": 5}",
                    "{\"query\": [1, 2, 3, 4], \"params\": {\"hnsw_ef\": -1}}",
                    "{\"query\": [1, 2, 3, 4], \"score_threshold\": \"high\"}",
                    "{\"query\": {\"recommend\": {\"positive\": [1], \"strategy\": \"bogus\"}}}",
                    "{\"query\": [1, 2, 3, 4], \"offset\": -1}", "{\"query\": {\"nearest\": 424242}}",
                    "{\"query\": [1, 2, 3, 4], \"lookup_from\": 5}",
                    "{\"query\": {\"sample\": \"sometimes\"}}", "{\"query\": {\"order_by\": \"n\"}}"),
            new Endpoint("query", "POST", C + "/points/query/batch", "{\"searches\": [{\"query\": [1, 2, 3, 4]}]}",
                    "{\"searches\": {}}", "{\"searches\": [{\"query\": \"x\"}]}", "{\"searches\": [5]}"),
            new Endpoint("groups", "POST", C + "/points/query/groups", """
                    {"query": [1, 2, 3, 4], "group_by": "city"}""",
                    "{\"query\": [1, 2, 3, 4], \"group_by\": 5}", "{\"query\": [1, 2, 3, 4], \"group_by\": \"city\", \"group_size\": -1}",
                    "{\"query\": [1, 2, 3, 4], \"group_by\": \"city\", \"limit\": -1}", "{\"query\": [1, 2, 3, 4]}",
                    "{\"query\": [1, 2, 3, 4], \"group_by\": \"city\", \"with_lookup\": 5}"),
            new Endpoint("matrix", "POST", C + "/points/search/matrix/pairs", "{\"sample\": 3, \"limit\": 2}",
                    "{\"sample\": -1}", "{\"limit\": \"x\"}", "{\"using\": \"nope\"}", "{\"sample\": 0}"),
            new Endpoint("matrix", "POST", C + "/points/search/matrix/offsets", "{\"sample\": 3, \"limit\": 2}",
                    "{\"sample\": 3, \"limit\": -2}", "{\"filter\": 5}"),
            // legacy search, recommend, discover (and their batch and groups forms)
            new Endpoint("legacy", "POST", C + "/points/search", "{\"vector\": [1, 2, 3, 4], \"limit\": 2}",
                    "{\"vector\": [1, 2, 3, 4], \"limit\": -1}", "{\"vector\": \"x\", \"limit\": 2}",
                    "{\"vector\": {\"name\": \"nope\", \"vector\": [1, 2, 3, 4]}, \"limit\": 2}",
                    "{\"vector\": [1, 2], \"limit\": 2}", "{\"vector\": [1, 2, 3, 4]}"),
            new Endpoint("legacy", "POST", C + "/points/search/batch", "{\"searches\": [{\"vector\": [1, 2, 3, 4], \"limit\": 1}]}",
                    "{\"searches\": [{\"vector\": [1, 2, 3, 4]}]}", "{\"searches\": \"x\"}"),
            new Endpoint("legacy", "POST", C + "/points/search/groups", """
                    {"vector": [1, 2, 3, 4], "group_by": "city", "limit": 2, "group_size": 1}""",
                    "{\"vector\": [1, 2, 3, 4], \"group_by\": \"city\", \"limit\": 2, \"group_size\": 0}",
                    "{\"vector\": [1, 2, 3, 4], \"limit\": 2, \"group_size\": 1}"),
            new Endpoint("legacy", "POST", C + "/points/recommend", "{\"positive\": [1], \"limit\": 2}",
                    "{\"positive\": \"x\", \"limit\": 2}", "{\"positive\": [1], \"limit\": 2, \"strategy\": \"bogus\"}",
                    "{\"positive\": [1], \"limit\": -1}", "{\"positive\": [424242], \"limit\": 2}"),
            new Endpoint("legacy", "POST", C + "/points/recommend/batch", "{\"searches\": [{\"positive\": [1], \"limit\": 2}]}",
                    "{\"searches\": [{\"positive\": [1]}]}", "{\"searches\": [{\"positive\": [1], \"limit\": \"2\"}]}"),
            new Endpoint("legacy", "POST", C + "/points/recommend/groups", """
                    {"positive": [1], "group_by": "city", "limit": 2}""",
                    "{\"positive\": [1], \"group_by\": [], \"limit\": 2}"),
            new Endpoint("legacy", "POST", C + "/points/discover", """
                    {"target": 1, "context": [{"positive": 1, "negative": 2}], "limit": 2}""",
                    "{\"target\": {}, \"limit\": 2}", "{\"target\": 1, \"context\": 5, \"limit\": 2}",
                    "{\"target\": 1, \"context\": [{\"positive\": 1}], \"limit\": 2}"),
            new Endpoint("legacy", "POST", C + "/points/discover/batch", "{\"searches\": [{\"target\": 1, \"limit\": 2}]}",
                    "{\"searches\": [{\"target\": 1}]}"),
            // snapshots
            new Endpoint("snapshots", "PUT", C + "/snapshots/recover", "{\"location\": \"file:///missing.snapshot\"}",
                    "{\"location\": 5}", "{\"location\": \"\"}", "{\"location\": \"file:///etc/passwd\"}",
                    "{\"location\": \"ftp://example.com/x.snapshot\"}", "{\"location\": \"../../catalog.mv.db\"}",
                    "{\"location\": \"file:///x\", \"priority\": \"bogus\"}", "{\"location\": \"file:///x\", \"checksum\": 5}",
                    "{\"priority\": \"snapshot\"}", "{\"location\": \"" + BIG + "\"}"),
            new Endpoint("snapshots", "PUT", C + "/shards/0/snapshots/recover", "{\"location\": \"file:///missing.snapshot\"}",
                    "{\"location\": []}"),
            // cluster (a standalone node refuses cluster changes)
            new Endpoint("cluster", "POST", C + "/cluster", """
                    {"move_shard": {"shard_id": 0, "from_peer_id": 1, "to_peer_id": 2}}""",
                    "{\"move_shard\": {\"shard_id\": -1}}"),
            new Endpoint("cluster", "PUT", C + "/shards", "{\"shard_key\": \"k\"}", "{\"shard_key\": {}}"),
            new Endpoint("cluster", "POST", C + "/shards/delete", "{\"shard_key\": \"k\"}", "{\"shard_key\": []}"));

    /** Requests without a body whose path or query carries the hostility. */
    static final List<String[]> BODYLESS = List.of(
            new String[] {"GET", C + "/points/-1"}, new String[] {"GET", C + "/points/1.5"},
            new String[] {"GET", C + "/points/18446744073709551616"}, new String[] {"GET", C + "/points/not-a-uuid"},
            new String[] {"GET", C + "/points/" + "9".repeat(3000)}, new String[] {"GET", C + "/points/%00"},
            new String[] {"GET", C + "/points/424242"},
            new String[] {"DELETE", C + "/index/%00?wait=maybe"},
            new String[] {"POST", C + "/snapshots?wait=maybe"}, new String[] {"POST", "/snapshots?wait=2"},
            new String[] {"GET", C + "/snapshots/..%2F..%2Fcatalog.mv.db"}, new String[] {"GET", C + "/snapshots/%2e%2e"},
            new String[] {"DELETE", C + "/snapshots/.."}, new String[] {"DELETE", C + "/snapshots/%2E%2E"},
            new String[] {"DELETE", C + "/snapshots/.?wait=false"}, new String[] {"GET", "/snapshots/..%2Fstorage"},
            new String[] {"GET", C + "/snapshots/" + "s".repeat(3000) + ".snapshot"},
            new String[] {"DELETE", "/snapshots/%00.snapshot"},
            new String[] {"GET", C + "/shards/99999999999999999999/snapshots"}, new String[] {"GET", C + "/shards/-1/snapshot"},
            new String[] {"POST", C + "/shards/1/snapshots"}, new String[] {"GET", C + "/shards/abc/snapshots"},
            new String[] {"DELETE", "/cluster/peer/abc"}, new String[] {"DELETE", "/cluster/peer/-1?force=maybe"},
            new String[] {"POST", "/cluster/recover"},
            new String[] {"GET", "/telemetry?details_level=-1"}, new String[] {"GET", "/telemetry?details_level=x"},
            new String[] {"GET", "/metrics?anonymize=maybe"},
            new String[] {"DELETE", "/collections/hostile?timeout=-1"}, new String[] {"DELETE", "/collections/hostile?timeout=x"},
            new String[] {"DELETE", "/collections/.."}, new String[] {"DELETE", "/collections/%2e%2e"},
            new String[] {"DELETE", C + "/vectors/%00"},
            new String[] {"GET", "/collections/" + "n".repeat(3000)}, new String[] {"GET", "/collections/%FF%FE"},
 new String[] {"GET", "/collections/a%2Fb"},
            new String[] {"GET", "/collections/%E2%80%AE%F0%9F%90%9F"}, new String[] {"GET", "/collections/" + "x".repeat(20_000)});

    /** Collection names that name nothing here, already percent-encoded for a path. */
    static final List<String> ABSURD_NAMES = List.of("x".repeat(300), "x".repeat(5000), "..", "%2e%2e", ".",
            "%2F", "a%2Fb", "..%2F..%2Fetc", "%00", "%FF", "%F0%9F%90%9F", "%E2%80%AE", "%20", "CON", "null", "*",
            "%7B%7D", "hostile%00");

    @BeforeAll
    static void seed() {
        ContractClient api = SERVER.client();
        createCollection(api, "hostile", """
                {"vectors": {"size": 4, "distance": "Dot"}, "sparse_vectors": {"sp": {}}}""");
        upsert(api, "hostile", """
                {"points": [
                    {"id": 1, "vector": [1, 2, 3, 4], "payload": {"city": "Oslo", "n": 1}},
                    {"id": 2, "vector": [2, 2, 2, 2], "payload": {"city": "Rome", "n": 2}},
                    {"id": "00000000-0000-4000-8000-000000000003", "vector": {"": [4, 3, 2, 1], "sp": {"indices": [1], "values": [1]}},
                     "payload": {"city": "Oslo", "n": 3}}]}""");
        write(api.put(C + "/index").json("{\"field_name\": \"city\", \"field_schema\": \"keyword\"}"));
        api.post("/collections/aliases").json("""
                {"actions": [{"create_alias": {"collection_name": "hostile", "alias_name": "hostile_alias"}}]}""")
                .send().expectTrue();
        assertOk(api.post(C + "/snapshots").send());
    }

    /** Everything a hostile request could have changed. */
    static String state() {
        StringBuilder s = new StringBuilder();
        for (String path : List.of("/collections", "/aliases", C + "/snapshots", "/snapshots")) {
            s.append(path).append(' ').append(resultOf("GET", path, null)).append('\n');
        }
        JsonNode info = resultOf("GET", C, null);
        s.append("config ").append(info.get("config")).append('\n')
                .append("points ").append(info.get("points_count")).append('\n')
                .append("schema ").append(info.get("payload_schema")).append('\n');
        s.append("all ").append(resultOf("POST", C + "/points/scroll",
                "{\"limit\": 100, \"with_payload\": true, \"with_vector\": true}"));
        return s.toString();
    }

    static JsonNode resultOf(String method, String path, String body) {
        Answer a = send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(a.status()).as("%s %s → %s", method, path, a).isEqualTo(200);
        return PointsTestSupport.json(a.body()).get("result");
    }

    // ------------------------------------------------------------------------------ sending

    record Answer(int status, String contentType, String body) {
        @Override
        public String toString() {
            return "HTTP " + status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    static Answer send(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(SERVER.baseUri() + path)).timeout(TIMEOUT);
        if (body != null && contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (HttpTimeoutException e) {
            throw new AssertionError(method + " " + abbreviate(path) + " hung: no answer within " + TIMEOUT, e);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + abbreviate(path) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A 4xx in Qdrant's error envelope: exactly {status: {error}, time, result: null}. */
    static void assertRefused(String what, Answer a) {
        assertThat(a.status()).as("%s → %s", what, a).isBetween(400, 499);
        assertThat(a.contentType()).as("%s → %s", what, a).startsWith("application/json");
        JsonNode json = PointsTestSupport.json(a.body());
        assertThat(fieldNames(json)).as("%s → %s", what, a).containsExactlyInAnyOrder("status", "time", "result");
        assertThat(json.path("status").path("error").isTextual()).as("%s → %s", what, a).isTrue();
        assertThat(json.get("result").isNull()).as("%s → %s", what, a).isTrue();
    }

    static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…(" + s.length() + " chars)" : s;
    }

    // ------------------------------------------------------------------------------ hostile bodies

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(before));
        out.writeBytes(middle);
        out.writeBytes(utf8(after));
        return out.toByteArray();
    }

    static final Pattern FIRST_NUMBER = Pattern.compile("(?<=[\\[:, ])-?\\d+(\\.\\d+)?(?=[,\\]} ])");

    /** The endpoint's body with its first number replaced by {@code replacement} (or a field set to it). */
    static String withFirstNumber(String body, String replacement) {
        Matcher m = FIRST_NUMBER.matcher(body);
        return m.find() ? body.substring(0, m.start()) + replacement + body.substring(m.end())
                : "{\"x\": " + replacement + "}";
    }

    static Stream<Hostile> hostileBodies(Endpoint e) {
        List<Hostile> all = new ArrayList<>();
        String valid = e.body();
        if (!e.emptyBodyAllowed()) {
            all.add(Hostile.json("empty body", ""));
            all.add(Hostile.json("whitespace body", "  \n\t "));
        }
        for (String malformed : List.of("{", "}", "[1, 2", "{\"a\": }", "{'single': 'quotes'}", "{\"a\": 1,}",
                "/* comment */ {}", "{\"a\" 1}", "nul", "{\"a\": tru}", "\"unterminated", "{}}", "\u0000")) {
            all.add(Hostile.json("malformed " + malformed.replace("\u0000", "NUL"), malformed));
        }
        all.add(Hostile.json("truncated", valid.substring(0, valid.length() / 2)));
        all.add(Hostile.json("truncated by one", valid.substring(0, valid.length() - 1)));
        all.add(Hostile.json("trailing garbage", valid + " x"));
        all.add(Hostile.json("two documents", valid + valid));
        for (String wrongTop : List.of("[]", "[" + valid + "]", "\"text\"", "42", "null", "true")) {
            all.add(Hostile.json("top level " + wrongTop.substring(0, Math.min(10, wrongTop.length())), wrongTop));
        }
        for (String literal : List.of("NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1".repeat(2000), "0x10",
                "+1", "01", ".5", "1.", "1e")) {
            all.add(Hostile.json("number " + literal.substring(0, Math.min(12, literal.length())),
                    withFirstNumber(valid, literal)));
        }
        all.add(Hostile.json("10,000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000)));
        all.add(Hostile.json("10,000 nested objects", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
        all.add(Hostile.json("10,000 nested filters", "{\"filter\": " + "{\"must\": [".repeat(10_000)
                + "{\"key\": \"a\", \"match\": {\"value\": 1}}" + "]}".repeat(10_000) + "}"));
        all.add(Hostile.json("unclosed 10,000 levels", "[".repeat(10_000)));
        all.add(Hostile.json("invalid UTF-8 in a key", concat("{\"", new byte[] {(byte) 0xC3, 0x28}, "\": 1}")));
        all.add(Hostile.json("invalid UTF-8 in a value", concat(valid.substring(0, valid.length() - 1) + ", \"x\": \"",
                new byte[] {(byte) 0xFF, (byte) 0xFE}, "\"}")));
        all.add(Hostile.json("overlong UTF-8", concat("{\"a\": \"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}")));
        all.add(Hostile.json("UTF-8 surrogate bytes", concat("{\"a\": \"", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}")));
        all.add(Hostile.json("lone surrogate escape in a key", "{\"\\ud800\": 1}"));
        all.add(Hostile.json("lone surrogate escape in a value",
                valid.substring(0, valid.length() - 1) + ", \"x\": \"\\udc00\"}"));
        all.add(Hostile.json("UTF-16 body", valid.getBytes(StandardCharsets.UTF_16)));
        all.add(Hostile.json("BOM", concat("", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, valid)));
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz", "application/octet-stream", "image/png")) {
            all.add(new Hostile("well-formed body as " + type, utf8(valid), type));
        }
        all.add(new Hostile("XML body", utf8("<points><point id=\"1\"/></points>"), "application/xml"));
        all.add(new Hostile("form body", utf8("points=1&wait=true"), "application/x-www-form-urlencoded"));
        for (String aimed : e.aimed()) {
            all.add(Hostile.json("aimed " + abbreviate(aimed), aimed));
        }
        return all.stream();
    }

    // ------------------------------------------------------------------------------ tests

    @TestFactory
    Stream<DynamicNode> everyEndpointRefusesHostileBodiesAndWritesNothing() {
        return ENDPOINTS.stream().map(e -> {
            String[] before = new String[1];
            Stream<DynamicNode> checks = Stream.concat(
                    Stream.of(dynamicTest("state before", () -> before[0] = state())),
                    Stream.concat(hostileBodies(e).map(h -> dynamicTest(h.name(), () -> assertRefused(
                                    e + " with " + h.name(), send(e.method(), e.path(), h.body(), h.contentType())))),
                            Stream.of(dynamicTest("nothing was written", () -> assertThat(state()).isEqualTo(before[0])))));
            return dynamicContainer(e.toString(), checks);
        });
    }

    @TestFactory
    Stream<DynamicNode> absurdCollectionNamesInEveryPath() {
        String before = state();
        List<DynamicNode> nodes = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            if (!e.path().equals(C) && !e.path().startsWith(C + "/")) {
                continue;
            }
            nodes.add(dynamicContainer(e.toString(), ABSURD_NAMES.stream().map(name -> dynamicTest(abbreviate(name), () -> {
                String path = "/collections/" + name + e.path().substring(C.length());
                assertRefused(e.method() + " " + abbreviate(path),
                        send(e.method(), path, utf8(e.body()), "application/json"));
            }))));
        }
        nodes.add(dynamicTest("nothing was written", () -> assertThat(state()).isEqualTo(before)));
        return nodes.stream();
    }

    @TestFactory
    Stream<DynamicNode> bodilessRequestsWithAbsurdPathsOrQueries() {
        String before = state();
        List<DynamicNode> nodes = new ArrayList<>();
        for (String[] r : BODYLESS) {
            nodes.add(dynamicTest(r[0] + " " + abbreviate(r[1]), () -> assertRefused(r[0] + " " + abbreviate(r[1]),
                    send(r[0], r[1], null, null))));
        }
        for (String name : ABSURD_NAMES) {
            for (String suffix : List.of("", "/snapshots", "/cluster", "/optimizations", "/points/1")) {
                if (name.equals("..") || name.equals("%2e%2e") || name.equals(".")) {
                    // dot segments are checked above (/exists and /aliases answer a missing name with 200, as Qdrant)
                    continue;
                }
                String path = "/collections/" + name + suffix;
                nodes.add(dynamicTest("GET " + abbreviate(path), () -> assertRefused("GET " + abbreviate(path),
                        send("GET", path, null, null))));
            }
        }
        nodes.add(dynamicTest("nothing was written", () -> assertThat(state()).isEqualTo(before)));
        return nodes.stream();
    }

    @TestFactory
    Stream<DynamicNode> writesRefuseAbsurdQueryParameters() {
        String before = state();
        List<String> queries = List.of("wait=maybe", "wait=", "wait=TRUE", "timeout=-1", "timeout=abc",
                "timeout=99999999999999999999", "ordering=bogus");
        List<DynamicNode> nodes = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            if (!e.path().contains("?wait=true")) {
                continue;
            }
            String base = e.path().substring(0, e.path().indexOf('?'));
            for (String q : queries) {
                if (q.startsWith("ordering") && !base.contains("/points")) {
                    continue; // only point writes take an ordering
                }
                nodes.add(dynamicTest(e.method() + " " + base + "?" + q, () -> assertRefused(e + "?" + q,
                        send(e.method(), base + "?" + q, utf8(e.body()), "application/json"))));
            }
        }
        nodes.add(dynamicTest("nothing was written", () -> assertThat(state()).isEqualTo(before)));
        return nodes.stream();
    }

    /**
     * Limits, offsets and sizes at the very top of their range are well-formed (Qdrant takes them as
     * {@code usize}), so they are answered normally: with what there is, not with a server error from an
     * overflowing sum or an allocation sized by the client.
     */
    @Test
    void hugeLimitsAndOffsetsAreAnsweredNotFailed() {
        String before = state();
        String max = String.valueOf(Integer.MAX_VALUE);
        List<String[]> requests = List.of(
                new String[] {C + "/points/query", "{\"query\": [1, 2, 3, 4], \"limit\": " + max + ", \"offset\": " + max + "}"},
                new String[] {C + "/points/query", "{\"query\": [1, 2, 3, 4], \"limit\": 10, \"offset\": 4294967296}"},
                new String[] {C + "/points/query", "{\"query\": {\"sample\": \"random\"}, \"limit\": " + max + ", \"offset\": 5}"},
                new String[] {C + "/points/query", "{\"prefetch\": {\"query\": [1, 2, 3, 4], \"limit\": " + max
                        + "}, \"query\": {\"fusion\": \"rrf\"}, \"limit\": " + max + ", \"offset\": " + max + "}"},
                new String[] {C + "/points/query/batch", "{\"searches\": [{\"query\": [1, 2, 3, 4], \"limit\": " + max
                        + ", \"offset\": " + max + "}]}"},
                new String[] {C + "/points/query/groups", "{\"query\": [1, 2, 3, 4], \"group_by\": \"city\", "
                        + "\"group_size\": 4294967296, \"limit\": " + max + "}"},
                new String[] {C + "/points/search", "{\"vector\": [1, 2, 3, 4], \"limit\": " + max + ", \"offset\": " + max + "}"},
                new String[] {C + "/points/search/batch", "{\"searches\": [{\"vector\": [1, 2, 3, 4], \"limit\": " + max
                        + ", \"offset\": " + max + "}]}"},
                new String[] {C + "/points/recommend", "{\"positive\": [1], \"limit\": " + max + ", \"offset\": " + max + "}"},
                new String[] {C + "/points/discover", "{\"target\": 1, \"limit\": " + max + ", \"offset\": " + max + "}"},
                new String[] {C + "/points/search/matrix/pairs", "{\"sample\": 4294967296, \"limit\": " + max + "}"},
                new String[] {C + "/points/search/matrix/offsets", "{\"sample\": " + max + ", \"limit\": " + max + "}"},
                new String[] {C + "/points/scroll", "{\"limit\": 4294967296}"},
                new String[] {C + "/facet", "{\"key\": \"city\", \"limit\": 4294967296}"});
        for (String[] r : requests) {
            Answer a = send("POST", r[0], utf8(r[1]), "application/json");
            assertThat(a.status()).as("POST %s %s → %s", r[0], r[1], a).isEqualTo(200);
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void snapshotUploadsRefuseEverythingButASnapshot() {
        String before = state();
        String path = C + "/snapshots/upload";
        String other = "/collections/hostile_upload/snapshots/upload";
        String good = "--b\r\nContent-Disposition: form-data; name=\"snapshot\"; filename=\"x\"\r\n\r\n";
        List<Hostile> uploads = List.of(
                new Hostile("no body", new byte[0], "multipart/form-data; boundary=b"),
                new Hostile("JSON body", utf8("{\"location\": \"file:///x\"}"), "application/json"),
                new Hostile("no boundary", utf8(good + "x\r\n--b--\r\n"), "multipart/form-data"),
                new Hostile("text", utf8("snapshot"), "text/plain"),
                new Hostile("other part only", utf8("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n"),
                        "multipart/form-data; boundary=b"),
                new Hostile("garbage snapshot", utf8(good + "not a snapshot\r\n--b--\r\n"), "multipart/form-data; boundary=b"),
                new Hostile("empty snapshot", utf8(good + "\r\n--b--\r\n"), "multipart/form-data; boundary=b"),
                new Hostile("unterminated part", utf8(good + "PK\u0003\u0004 and then nothing"), "multipart/form-data; boundary=b"),
                new Hostile("header line of 20 kB", utf8("--b\r\nX-Long: " + "h".repeat(20_000) + "\r\n\r\nx\r\n--b--\r\n"),
                        "multipart/form-data; boundary=b"),
                new Hostile("1,000 headers", utf8("--b\r\n" + "X-H: v\r\n".repeat(1000) + "\r\nx\r\n--b--\r\n"),
                        "multipart/form-data; boundary=b"),
                new Hostile("boundary of 500 characters", utf8(good), "multipart/form-data; boundary=" + "b".repeat(500)),
                new Hostile("random bytes", randomBytes(100_000), "multipart/form-data; boundary=b"));
        for (Hostile h : uploads) {
            for (String target : List.of(path, other, path + "?checksum=zz", path + "?priority=bogus",
                    path + "?wait=maybe")) {
                assertRefused(h.name() + " to " + target, send("POST", target, h.body(), h.contentType()));
            }
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void bodiesCutOffMidwayAreRefused() throws IOException {
        String before = state();
        String valid = "{\"points\": [{\"id\": 77, \"vector\": [1, 2, 3, 4]}]}";
        for (String path : List.of(C + "/points?wait=true", C + "/points/scroll", C + "/points/query",
                "/collections/hostile_cut", C + "/snapshots/recover")) {
            String method = path.startsWith(C + "/points?") || path.equals("/collections/hostile_cut")
                    || path.endsWith("recover") ? "PUT" : "POST";
            // the client announces more than it sends, then stops sending
            String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (valid.length() + 50) + "\r\n\r\n";
            String answer = raw(head + valid);
            assertThat(answer).as("%s %s cut off", method, path).startsWith("HTTP/1.1 4");
            assertThat(answer).contains("{\"status\":{\"error\":");
            // chunked, with the last chunk missing
            head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n";
            answer = raw(head + Integer.toHexString(10) + "\r\n" + valid.substring(0, 10) + "\r\n");
            assertThat(answer).as("%s %s chunked and cut off", method, path).startsWith("HTTP/1.1 4");
        }
        assertThat(state()).isEqualTo(before);
    }

    /** Bodies over the request limit (1 MB on a server of its own, to keep the test light). */
    @Test
    void oversizedBodiesAreRefusedBeforeTheyAreRead() {
        try (QuiverTestServer small = QuiverTestServer.start(c -> c.withMaxRequestSizeMb(1))) {
            byte[] huge = new byte[1024 * 1024 + 100];
            Arrays.fill(huge, (byte) ' ');
            huge[0] = '{';
            huge[huge.length - 1] = '}';
            for (String[] r : List.<String[]>of(new String[] {"PUT", "/collections/big?wait=true"},
                    new String[] {"PUT", "/collections/big/points?wait=true"}, new String[] {"POST", "/collections/big/points/query"},
                    new String[] {"POST", "/collections/big/snapshots/upload"}, new String[] {"PUT", "/collections/aliases"})) {
                // with 100-continue the client waits for the verdict before sending: the server refuses by the
                // declared length and closes, which would otherwise cut the client off mid-body
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(small.baseUri() + r[1])).timeout(TIMEOUT)
                        .expectContinue(true)
                        .header("Content-Type", "application/json")
                        .method(r[0], HttpRequest.BodyPublishers.ofByteArray(huge));
                HttpResponse<String> response;
                try {
                    response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                Answer a = new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        response.body());
                assertRefused(r[0] + " " + r[1] + " over 1 MB", a);
                assertThat(a.status()).isEqualTo(413);
            }
            try {
                HttpResponse<String> collections = HTTP.send(HttpRequest.newBuilder(
                        URI.create(small.baseUri() + "/collections")).timeout(TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(collections.body()).contains("\"collections\":[]");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void malformedHttpIsAnsweredInTheEnvelopeToo() throws IOException {
        for (String request : List.of("GARBAGE\r\n\r\n", "GET /collections/%ZZ HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /collections/\u00ff HTTP/1.1\r\nHost: x\r\n\r\n", "GET /collections HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                "GET /collections/" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "POST " + C + "/points/scroll HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                "POST " + C + "/points/scroll HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n")) {
            String answer = raw(request);
            assertThat(answer).as(abbreviate(request)).startsWith("HTTP/1.1 4").contains("{\"status\":{\"error\":");
        }
    }

    /** Sends bytes on a fresh connection, half-closes it, and reads the answer (with a timeout). */
    static String raw(String request) throws IOException {
        try (Socket socket = new Socket(SERVER.baseUri().getHost(), SERVER.baseUri().getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("no answer within " + TIMEOUT + " to " + abbreviate(request), e);
            }
        }
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.util.Random(n).nextBytes(b);
        return b;
    }
}
