package io.quiver.benchmarks.recall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.domain.vector.Distance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole server over Qdrant's REST API with a plain {@link HttpClient}, following
 * qdrant/vector-db-benchmark: create the collection, upload in batches with parallel clients, wait
 * until the collection is green, then search with {@code params.hnsw_ef} from parallel clients.
 * Vectors are sent raw; the server preprocesses them (Cosine normalisation) as Qdrant does. The
 * server's memory is read before the collection exists and once it is green ({@link ServerMemory}), and
 * the server's own timing of the search route is read around every timed pass ({@link ServerTiming}), as is,
 * with {@code --server-pid}, the server process's CPU time ({@link ServerCpu}).
 */
final class RestTarget implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How to drive the server (the REST options of {@link RecallBenchmark}). */
    record Options(String url, String collection, String api, int m, int efConstruct, int k, int batch,
                   int uploadClients, boolean waitOnUpsert, boolean keep, double indexTimeoutSeconds,
                   String quantization, Boolean rescore, Double oversampling, long serverPid,
                   double memorySettleSeconds) {
    }

    /** {@code quantization_config} of the collection for {@code --quantization scalar}: Qdrant's usual int8 setup. */
    static final String SCALAR_QUANTIZATION = "{\"scalar\":{\"type\":\"int8\",\"quantile\":0.99,\"always_ram\":true}}";

    private final HttpClient http;
    private final String url;
    private final String collection;
    private final String api;
    private final int k;
    private final boolean keep;
    private final String searchQuantization;
    private final String[] queryJson;
    private final Map<String, Object> build = new LinkedHashMap<>();
    private final ServerTiming serverTiming;
    private final ServerCpu serverCpu;
    private Map<String, Object> memory;

    RestTarget(Dataset data, Options o) throws Exception {
        String api = o.api();
        if (!api.equals("search") && !api.equals("query")) {
            throw new IllegalArgumentException("--api must be search or query, not " + api);
        }
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.url = o.url().endsWith("/") ? o.url().substring(0, o.url().length() - 1) : o.url();
        this.collection = o.collection();
        this.api = api;
        this.k = o.k();
        this.keep = o.keep();
        this.searchQuantization = searchQuantization(o.rescore(), o.oversampling());
        this.serverTiming = new ServerTiming(http, this.url, "POST", api.equals("search") ? "/points/search" : "/points/query");
        this.serverCpu = o.serverPid() > 0 ? new ServerCpu(o.serverPid()) : null;
        int batch = o.batch();
        int uploadClients = o.uploadClients();
        boolean waitOnUpsert = o.waitOnUpsert();
        double indexTimeoutSeconds = o.indexTimeoutSeconds();
        this.queryJson = new String[data.queries().length];
        for (int q = 0; q < queryJson.length; q++) {
            queryJson[q] = vectorJson(data.queries()[q]);
        }

        JsonNode root = JSON.readTree(send("GET", this.url + "/", null, false));
        build.put("server", root.path("title").asText() + " " + root.path("version").asText() + ", commit "
                + root.path("commit").asText());
        String base = this.url + "/collections/" + collection;
        send("DELETE", base, null, true);
        // read after the DELETE of a leftover collection, so "before" is the server without this collection
        ServerMemory meter = o.serverPid() > 0 ? ServerMemory.process(o.serverPid()) : ServerMemory.metrics(http, this.url);
        ServerMemory.Reading memoryBefore = readMemory(meter, "before creating the collection");
        boolean scalar = "scalar".equals(o.quantization());
        send("PUT", base, "{\"vectors\":{\"size\":" + data.dimension() + ",\"distance\":\"" + label(data.distance())
                + "\"},\"hnsw_config\":{\"m\":" + o.m() + ",\"ef_construct\":" + o.efConstruct() + "}"
                + (scalar ? ",\"quantization_config\":" + SCALAR_QUANTIZATION : "") + "}", false);
        build.put("quantizationConfig", scalar ? SCALAR_QUANTIZATION : "none");
        if (data.hasLabels()) {
            send("PUT", base + "/index?wait=true", "{\"field_name\":\"label\",\"field_schema\":\"keyword\"}", false);
            send("PUT", base + "/index?wait=true", "{\"field_name\":\"bucket\",\"field_schema\":\"integer\"}", false);
            build.put("payloadIndexes", "label: keyword, bucket: integer (created before the upload)");
        }

        // bodies are built before the clock starts so that the client's JSON writing is not timed
        float[][] vectors = data.base();
        List<String> bodies = new ArrayList<>();
        for (int first = 0; first < vectors.length; first += batch) {
            StringBuilder sb = new StringBuilder(batch * (data.dimension() * 12 + 64));
            sb.append("{\"points\":[");
            for (int id = first; id < Math.min(vectors.length, first + batch); id++) {
                if (id > first) {
                    sb.append(',');
                }
                sb.append("{\"id\":").append(id).append(",\"vector\":").append(vectorJson(vectors[id]));
                if (data.hasLabels()) {
                    sb.append(",\"payload\":{\"label\":\"").append(data.baseLabels()[id]).append("\",\"bucket\":")
                            .append(FilterCase.bucketOf(id)).append('}');
                }
                sb.append('}');
            }
            bodies.add(sb.append("]}").toString());
        }
        String upsertUrl = base + "/points?wait=" + waitOnUpsert;
        Sweep.progress("uploading %d points in %d batches of %d with %d clients (wait=%s)", vectors.length,
                bodies.size(), batch, uploadClients, waitOnUpsert);
        CpuMonitor.Snapshot cpuStart = CpuMonitor.now();
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(uploadClients)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < uploadClients; c++) {
                futures.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < bodies.size()) {
                        send("PUT", upsertUrl, bodies.get(i), false);
                        int n = done.incrementAndGet();
                        if (n % Math.max(1, bodies.size() / 10) == 0) {
                            Sweep.progress("uploaded %d/%d batches (%.1f s)", n, bodies.size(), (System.nanoTime() - start) / 1e9);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        double uploadSeconds = (System.nanoTime() - start) / 1e9;
        Sweep.progress("upload took %.2f s (%.0f points/s); waiting for status green", uploadSeconds, vectors.length / uploadSeconds);
        long deadline = System.nanoTime() + (long) (indexTimeoutSeconds * 1e9);
        long lastReport = System.nanoTime();
        JsonNode info;
        while (true) {
            info = JSON.readTree(send("GET", base, null, false)).path("result");
            if ("green".equals(info.path("status").asText()) && info.path("points_count").asLong() == vectors.length) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("collection not green with all points after " + indexTimeoutSeconds + " s: " + info);
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                Sweep.progress("status %s, points %s, indexed vectors %s", info.path("status").asText(),
                        info.path("points_count").asText(), info.path("indexed_vectors_count").asText());
            }
            Thread.sleep(100);
        }
        double totalSeconds = (System.nanoTime() - start) / 1e9;
        build.put("points", vectors.length);
        build.put("batchSize", batch);
        build.put("uploadClients", uploadClients);
        build.put("waitOnUpsert", waitOnUpsert);
        build.put("uploadSeconds", round(uploadSeconds));
        build.put("uploadPointsPerSecond", Math.round(vectors.length / uploadSeconds));
        build.put("uploadPlusIndexSeconds", round(totalSeconds));
        build.put("otherProcessesCoresDuringBuild", Report.round(CpuMonitor.otherCores(cpuStart, CpuMonitor.now()), 2)
                + " (includes the server)");
        build.put("indexedVectorsCount", info.path("indexed_vectors_count").asLong());
        build.put("segmentsCount", info.path("segments_count").asLong());
        Sweep.progress("green after %.2f s (upload + index); indexed vectors %s", totalSeconds,
                info.path("indexed_vectors_count").asText());

        if (memoryBefore != null) {
            ServerMemory.Reading atGreen = readMemory(meter, "at green");
            ServerMemory.Reading settled = null;
            if (atGreen != null && o.memorySettleSeconds() > 0) {
                Sweep.progress("waiting %.0f s for the server's memory to settle", o.memorySettleSeconds());
                Thread.sleep((long) (o.memorySettleSeconds() * 1000));
                settled = readMemory(meter, "after the settle wait");
            }
            if (atGreen != null) {
                memory = ServerMemory.summary(meter.source(), memoryBefore, atGreen, settled, o.memorySettleSeconds(),
                        vectors.length, data.dimension(), o.m());
                Sweep.progress("server RSS %.1f MiB before, %.1f MiB at green%s; delta %.1f MiB = %.0f bytes/point = %.2f x (raw vectors + level-0 links)",
                        mib(memoryBefore.residentBytes()), mib(atGreen.residentBytes()),
                        settled == null ? "" : String.format(java.util.Locale.ROOT, ", %.1f MiB after %.0f s",
                                mib(settled.residentBytes()), o.memorySettleSeconds()),
                        mib((long) memory.get("rssDeltaBytes")), memory.get("rssDeltaBytesPerPoint"),
                        memory.get("rssDeltaOverRawPlusLinks"));
            }
        }
        if (memory == null) {
            memory = new LinkedHashMap<>();
            memory.put("source", meter.source());
            memory.put("unavailable", "no reading (see the warnings on stderr)");
        }
    }

    /** A memory reading, or null (with a warning) when the source does not answer: memory is a side result. */
    private static ServerMemory.Reading readMemory(ServerMemory meter, String when) {
        try {
            return meter.read();
        } catch (Exception e) {
            Sweep.progress("WARNING: no memory reading %s: %s", when, e.getMessage());
            return null;
        }
    }

    /** {@code "quantization":{...}} for {@code params} of every search, or null when neither option was given. */
    private static String searchQuantization(Boolean rescore, Double oversampling) {
        if (rescore == null && oversampling == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder("\"quantization\":{");
        if (rescore != null) {
            sb.append("\"rescore\":").append(rescore);
        }
        if (oversampling != null) {
            sb.append(rescore != null ? "," : "").append("\"oversampling\":").append(oversampling);
        }
        return sb.append('}').toString();
    }

    /** Reads the server's mean latency of the search route around each timed pass of {@link Sweep#run}. */
    ServerTiming serverTiming() {
        return serverTiming;
    }

    /** The server process's CPU time around each timed pass, or null without {@code --server-pid}. */
    ServerCpu serverCpu() {
        return serverCpu;
    }

    /**
     * What {@link Sweep#run} calls around each timed pass: {@link ServerTiming}, and inside it (closest to
     * the pass, so that the {@code /metrics} scrapes are not counted) {@link ServerCpu} when there is one.
     */
    Sweep.PassProbe probe() {
        return serverCpu == null ? serverTiming : serverTiming.around(serverCpu);
    }

    /** Server memory before and after the build ({@link ServerMemory#summary}), or why it is missing. */
    Map<String, Object> memory() {
        return memory;
    }

    /** {@code params} of a search: the beam width (or exact), plus the quantization options when given. */
    private String params(Sweep.Ef ef) {
        String p = ef.exact() ? "\"exact\":true" : "\"hnsw_ef\":" + ef.value();
        return "{" + p + (searchQuantization == null ? "" : "," + searchQuantization) + "}";
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    Map<String, Object> build() {
        return build;
    }

    int[] search(int query, Sweep.Ef ef, FilterCase filter) throws Exception {
        StringBuilder body = new StringBuilder(queryJson[query].length() + 200);
        body.append(api.equals("search") ? "{\"vector\":" : "{\"query\":").append(queryJson[query])
                .append(",\"limit\":").append(k)
                .append(",\"params\":").append(params(ef));
        String filterJson = filter.json(query);
        if (filterJson != null) {
            body.append(",\"filter\":").append(filterJson);
        }
        body.append(",\"with_payload\":false,\"with_vector\":false}");
        String path = "/collections/" + collection + (api.equals("search") ? "/points/search" : "/points/query");
        JsonNode result = JSON.readTree(send("POST", url + path, body.toString(), false)).path("result");
        JsonNode hits = api.equals("search") ? result : result.path("points");
        int[] ids = new int[hits.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = hits.get(i).path("id").asInt();
        }
        return ids;
    }

    private String send(String method, String target, String body, boolean allowNotFound) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 && !(allowNotFound && r.statusCode() == 404)) {
            String shown = r.body().length() > 500 ? r.body().substring(0, 500) + "…" : r.body();
            throw new IllegalStateException(method + " " + target + " answered " + r.statusCode() + ": " + shown);
        }
        return r.body();
    }

    static String vectorJson(float[] v) {
        StringBuilder sb = new StringBuilder(v.length * 12);
        sb.append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            float f = v[i];
            if (f == (int) f) {
                sb.append((int) f);
            } else {
                sb.append(f);
            }
        }
        return sb.append(']').toString();
    }

    private static String label(Distance distance) {
        return distance.label();
    }

    @Override
    public void close() throws Exception {
        if (!keep) {
            send("DELETE", url + "/collections/" + collection, null, true);
        }
        http.close();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
