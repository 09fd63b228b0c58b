package io.quiver.adapter.in.rest.qdrant.observe;

import com.fasterxml.jackson.core.JsonGenerator;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quiver.adapter.in.rest.qdrant.http.Envelope;
import io.quiver.adapter.in.rest.qdrant.http.Requests;
import io.quiver.adapter.in.rest.qdrant.http.ServerIdentity;
import io.quiver.adapter.in.rest.qdrant.mapping.JsonTrees;
import io.quiver.application.port.in.GetCollectionInfoUseCase;
import io.quiver.application.port.in.ListCollectionsUseCase;
import io.quiver.domain.collection.CollectionConfigWriter;
import io.quiver.domain.collection.CollectionInfo;
import io.quiver.domain.collection.CollectionParams;
import io.quiver.domain.error.NotFoundException;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The node's own state: {@code GET /metrics} (Prometheus text, Qdrant's metric names plus JVM memory,
 * GC and threads), {@code GET /telemetry} (Qdrant's {@code TelemetryData} at the requested detail level)
 * and {@code GET}/{@code DELETE /issues} (Quiver detects no issues, so the list is always empty).
 */
public final class ObserveRoutes implements HttpService {

    private static final String APP_NAME = "qdrant";

    private final ListCollectionsUseCase listCollections;
    private final GetCollectionInfoUseCase getCollectionInfo;
    private final RequestStatistics statistics;
    private final ServerIdentity identity;
    private final Instant startup;
    private final Path storagePath;
    private final String telemetryId;

    public ObserveRoutes(ListCollectionsUseCase listCollections, GetCollectionInfoUseCase getCollectionInfo,
                         RequestStatistics statistics, ServerIdentity identity, Instant startup, Path storagePath) {
        this.listCollections = listCollections;
        this.getCollectionInfo = getCollectionInfo;
        this.statistics = statistics;
        this.identity = identity;
        this.startup = startup;
        this.storagePath = storagePath;
        this.telemetryId = UUID.nameUUIDFromBytes(("quiver-node-" + identity.peerId())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/metrics", this::metrics)
                .get("/telemetry", this::telemetry)
                .get("/issues", this::issues)
                .delete("/issues", (req, res) -> Envelope.okBoolean(req, res, true));
    }

    // ---------------------------------------------------------------------------------------- collections

    private record Collection(String name, CollectionInfo info) {

        /** Every stored vector: each point holds one per configured dense and sparse vector name. */
        long vectors() {
            CollectionParams p = info.config().params();
            return info.pointsCount() * (p.vectors().byName().size() + p.sparseVectorsOrEmpty().size());
        }
    }

    private List<Collection> collections() {
        List<Collection> out = new ArrayList<>();
        for (String name : listCollections.list().stream().sorted().toList()) {
            try {
                out.add(new Collection(name, getCollectionInfo.get(name)));
            } catch (NotFoundException e) {
                // deleted while we were looking: it is simply not there any more
            }
        }
        return out;
    }

    // -------------------------------------------------------------------------------------------- metrics

    private void metrics(ServerRequest req, ServerResponse res) {
        boolean anonymize = Requests.flag(req, "anonymize").orElse(false);
        Requests.flag(req, "per_collection");
        Requests.unsigned(req, "timeout");
        List<Collection> collections = collections();
        PrometheusText p = new PrometheusText();

        p.family("app_info", "gauge", "information about qdrant server")
                .sample("app_info", 1, "name", APP_NAME, "version", identity.version());
        p.family("app_status_recovery_mode", "gauge", "features enabled in qdrant server")
                .sample("app_status_recovery_mode", 0);

        p.family("collections_total", "gauge", "number of collections").sample("collections_total", collections.size());
        p.family("collections_vector_total", "gauge", "total number of vectors in all collections")
                .sample("collections_vector_total", collections.stream().mapToLong(Collection::vectors).sum());
        p.family("collection_points", "gauge", "approximate number of points in the collection");
        for (Collection c : collections) {
            p.sample("collection_points", c.info().pointsCount(), "id", name(c.name(), anonymize));
        }
        p.family("collection_indexed_vectors", "gauge", "number of vectors in the collection's vector indexes");
        for (Collection c : collections) {
            p.sample("collection_indexed_vectors", c.info().indexedVectorsCount(), "id", name(c.name(), anonymize));
        }
        p.family("cluster_enabled", "gauge", "is cluster support enabled").sample("cluster_enabled", 0);

        requestMetrics(p);
        processMetrics(p);

        res.header(HeaderNames.CONTENT_TYPE, PrometheusText.CONTENT_TYPE);
        res.send(p.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void requestMetrics(PrometheusText p) {
        List<RequestStatistics.Snapshot> stats = statistics.snapshot();
        if (stats.isEmpty()) {
            return;
        }
        p.family("rest_responses_total", "counter", "total number of responses");
        stats.forEach(s -> p.sample("rest_responses_total", s.count(), labels(s)));
        p.family("rest_responses_fail_total", "counter", "total number of failed responses");
        stats.forEach(s -> p.sample("rest_responses_fail_total", s.failCount(), labels(s)));
        p.family("rest_responses_avg_duration_seconds", "gauge", "average response duration");
        stats.forEach(s -> p.sample("rest_responses_avg_duration_seconds", s.recentAverageNanos() / 1e9, labels(s)));
        p.family("rest_responses_min_duration_seconds", "gauge", "minimum response duration");
        stats.forEach(s -> p.sample("rest_responses_min_duration_seconds", s.minNanos() / 1e9, labels(s)));
        p.family("rest_responses_max_duration_seconds", "gauge", "maximum response duration");
        stats.forEach(s -> p.sample("rest_responses_max_duration_seconds", s.maxNanos() / 1e9, labels(s)));

        p.family("rest_responses_duration_seconds", "histogram", "response duration histogram");
        for (RequestStatistics.Snapshot s : stats) {
            String[] base = labels(s);
            for (int i = 0; i < RequestStatistics.BUCKETS.length; i++) {
                p.sample("rest_responses_duration_seconds_bucket", s.bucketCounts()[i],
                        withLe(base, PrometheusText.format(RequestStatistics.BUCKETS[i])));
            }
            p.sample("rest_responses_duration_seconds_bucket", s.count(), withLe(base, "+Inf"));
            p.sample("rest_responses_duration_seconds_sum", s.totalNanos() / 1e9, base);
            p.sample("rest_responses_duration_seconds_count", s.count(), base);
        }
    }

    private static String[] labels(RequestStatistics.Snapshot s) {
        return new String[] {"method", s.key().method(), "endpoint", s.key().endpoint(),
                "status", Integer.toString(s.key().status())};
    }

    private static String[] withLe(String[] base, String le) {
        String[] out = java.util.Arrays.copyOf(base, base.length + 2);
        out[base.length] = "le";
        out[base.length + 1] = le;
        return out;
    }

    private static void processMetrics(PrometheusText p) {
        NodeStats.Memory m = NodeStats.memory();
        MemoryFigures f = MemoryFigures.of(m);
        p.family("memory_active_bytes", "gauge", "memory in use by the JVM (heap and non-heap)")
                .sample("memory_active_bytes", f.active());
        p.family("memory_allocated_bytes", "gauge", "heap memory in use by the JVM")
                .sample("memory_allocated_bytes", f.allocated());
        p.family("memory_metadata_bytes", "gauge", "non-heap memory in use by the JVM (classes, code, buffers)")
                .sample("memory_metadata_bytes", f.metadata());
        p.family("memory_resident_bytes", "gauge", "resident set size of the process")
                .sample("memory_resident_bytes", f.resident());
        p.family("memory_retained_bytes", "gauge", "memory the JVM has committed but does not use")
                .sample("memory_retained_bytes", f.retained());

        p.family("jvm_memory_used_bytes", "gauge", "used bytes of a given JVM memory area")
                .sample("jvm_memory_used_bytes", m.heap().getUsed(), "area", "heap")
                .sample("jvm_memory_used_bytes", m.nonHeap().getUsed(), "area", "nonheap");
        p.family("jvm_memory_committed_bytes", "gauge", "committed bytes of a given JVM memory area")
                .sample("jvm_memory_committed_bytes", m.heap().getCommitted(), "area", "heap")
                .sample("jvm_memory_committed_bytes", m.nonHeap().getCommitted(), "area", "nonheap");
        p.family("jvm_memory_max_bytes", "gauge", "max bytes of a given JVM memory area (-1 if undefined)")
                .sample("jvm_memory_max_bytes", m.heap().getMax(), "area", "heap")
                .sample("jvm_memory_max_bytes", m.nonHeap().getMax(), "area", "nonheap");
        p.family("jvm_gc_collection_seconds", "summary", "time spent in a given JVM garbage collector in seconds");
        for (NodeStats.Gc gc : NodeStats.gcs()) {
            p.sample("jvm_gc_collection_seconds_count", gc.count(), "gc", gc.name());
            p.sample("jvm_gc_collection_seconds_sum", gc.seconds(), "gc", gc.name());
        }
        NodeStats.Threads t = NodeStats.threads();
        p.family("jvm_threads_current", "gauge", "current thread count of the JVM")
                .sample("jvm_threads_current", t.current());
        p.family("jvm_threads_daemon", "gauge", "daemon thread count of the JVM").sample("jvm_threads_daemon", t.daemon());
        p.family("jvm_threads_peak", "gauge", "peak thread count of the JVM").sample("jvm_threads_peak", t.peak());
        NodeStats.processCpuSeconds().ifPresent(cpu -> p.family("process_cpu_seconds_total", "counter",
                "total user and system CPU time spent in seconds").sample("process_cpu_seconds_total", cpu));
        p.family("process_resident_memory_bytes", "gauge", "resident memory size in bytes")
                .sample("process_resident_memory_bytes", m.residentBytes());
        p.family("process_start_time_seconds", "gauge", "start time of the process since unix epoch in seconds")
                .sample("process_start_time_seconds", NodeStats.startTimeMillis() / 1000.0);
    }

    /**
     * Qdrant's {@code memory_*} figures come from its allocator (jemalloc); on the JVM the nearest truths
     * are these: allocated = heap in use, metadata = non-heap in use, active = both, resident = the
     * process's resident set, retained = committed by the JVM but not in use.
     */
    private record MemoryFigures(long active, long allocated, long metadata, long resident, long retained) {
        static MemoryFigures of(NodeStats.Memory m) {
            return new MemoryFigures(Math.max(0, m.used()), Math.max(0, m.heap().getUsed()),
                    Math.max(0, m.nonHeap().getUsed()), Math.max(0, m.residentBytes()),
                    Math.max(0, m.committed() - m.used()));
        }
    }

    // ------------------------------------------------------------------------------------------ telemetry

    private void telemetry(ServerRequest req, ServerResponse res) {
        boolean anonymize = Requests.flag(req, "anonymize").orElse(false);
        long level = Requests.unsigned(req, "details_level").orElse(0L);
        Requests.flag(req, "per_collection");
        Requests.unsigned(req, "timeout");
        List<Collection> collections = collections();
        Envelope.ok(req, res, g -> {
            g.writeStartObject();
            g.writeStringField("id", telemetryId);
            writeApp(g, level);
            writeCollections(g, collections, level, anonymize);
            g.writeObjectFieldStart("cluster");
            g.writeBooleanField("enabled", false);
            g.writeEndObject();
            writeRequests(g);
            if (level >= 1) {
                writeMemory(g);
                g.writeObjectFieldStart("hardware");
                // Quiver does not meter hardware use per collection
                g.writeObjectFieldStart("collection_data");
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }

    private void writeApp(JsonGenerator g, long level) throws IOException {
        g.writeObjectFieldStart("app");
        g.writeStringField("name", APP_NAME);
        g.writeStringField("version", identity.version());
        g.writeObjectFieldStart("features");
        for (String feature : List.of("debug", "service_debug_feature", "recovery_mode", "gpu", "rocksdb", "staging")) {
            g.writeBooleanField(feature, false);
        }
        g.writeEndObject();
        if (level >= 1) {
            writeSystem(g);
        }
        g.writeBooleanField("jwt_rbac", false);
        g.writeStringField("startup", startup.toString());
        g.writeEndObject();
    }

    private void writeSystem(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("system");
        NodeStats.distribution().ifPresent(d -> write(g, "distribution", d));
        NodeStats.distributionVersion().ifPresent(v -> write(g, "distribution_version", v));
        g.writeBooleanField("is_docker", NodeStats.inContainer());
        g.writeNumberField("cores", NodeStats.cores());
        NodeStats.totalMemoryBytes().ifPresent(b -> write(g, "ram_size", b / 1024));
        NodeStats.diskBytes(storagePath).ifPresent(b -> write(g, "disk_size", b / 1024));
        g.writeStringField("cpu_flags", NodeStats.cpuFlags());
        g.writeStringField("cpu_endian", NodeStats.cpuEndian());
        g.writeEndObject();
    }

    private void writeCollections(JsonGenerator g, List<Collection> collections, long level, boolean anonymize)
            throws IOException {
        g.writeObjectFieldStart("collections");
        g.writeNumberField("number_of_collections", collections.size());
        if (level >= 1) {
            g.writeArrayFieldStart("collections");
            for (Collection c : collections) {
                ObjectValue config = CollectionConfigWriter.write(c.info().config());
                g.writeStartObject();
                if (level == 1) {
                    g.writeNumberField("vectors", c.vectors());
                    writeOptimizerStatus(g, c.info());
                    g.writeFieldName("params");
                    JsonTrees.write(g, config.get("params"));
                } else {
                    g.writeStringField("id", name(c.name(), anonymize));
                    // Quiver does not time how long a collection took to load
                    g.writeNullField("init_time_ms");
                    g.writeFieldName("config");
                    JsonTrees.write(g, config);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeOptimizerStatus(JsonGenerator g, CollectionInfo info) throws IOException {
        if (info.optimizerError() == null) {
            g.writeStringField("optimizers_status", "ok");
        } else {
            g.writeObjectFieldStart("optimizers_status");
            g.writeStringField("error", info.optimizerError());
            g.writeEndObject();
        }
    }

    private void writeRequests(JsonGenerator g) throws IOException {
        Map<String, List<RequestStatistics.Snapshot>> byEndpoint = new LinkedHashMap<>();
        for (RequestStatistics.Snapshot s : statistics.snapshot()) {
            byEndpoint.computeIfAbsent(s.key().method() + " " + s.key().endpoint(), k -> new ArrayList<>()).add(s);
        }
        g.writeObjectFieldStart("requests");
        g.writeObjectFieldStart("rest");
        g.writeObjectFieldStart("responses");
        for (Map.Entry<String, List<RequestStatistics.Snapshot>> e : byEndpoint.entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            for (RequestStatistics.Snapshot s : e.getValue()) {
                g.writeObjectFieldStart(Integer.toString(s.key().status()));
                g.writeNumberField("count", s.count());
                g.writeNumberField("fail_count", s.failCount());
                // single precision, as Qdrant reports them (the document says format: float)
                g.writeNumberField("avg_duration_micros", (float) (s.recentAverageNanos() / 1000.0));
                g.writeNumberField("min_duration_micros", (float) (s.minNanos() / 1000.0));
                g.writeNumberField("max_duration_micros", (float) (s.maxNanos() / 1000.0));
                g.writeNumberField("total_duration_micros", s.totalNanos() / 1000);
                if (s.lastResponded() != null) {
                    g.writeStringField("last_responded", s.lastResponded().toString());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectFieldStart("grpc");
        g.writeObjectFieldStart("responses");
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeMemory(JsonGenerator g) throws IOException {
        MemoryFigures f = MemoryFigures.of(NodeStats.memory());
        g.writeObjectFieldStart("memory");
        g.writeNumberField("active_bytes", f.active());
        g.writeNumberField("allocated_bytes", f.allocated());
        g.writeNumberField("metadata_bytes", f.metadata());
        g.writeNumberField("resident_bytes", f.resident());
        g.writeNumberField("retained_bytes", f.retained());
        g.writeEndObject();
    }

    // --------------------------------------------------------------------------------------------- issues

    /** The server wraps the report in its envelope (the document says a bare object). */
    private void issues(ServerRequest req, ServerResponse res) {
        Envelope.ok(req, res, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("issues");
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    // -------------------------------------------------------------------------------------------- helpers

    /** A collection name, or with {@code anonymize} a stable hash of it. */
    private static String name(String name, boolean anonymize) {
        if (!anonymize) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(JsonGenerator g, String field, String value) {
        try {
            g.writeStringField(field, value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(JsonGenerator g, String field, long value) {
        try {
            g.writeNumberField(field, value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
