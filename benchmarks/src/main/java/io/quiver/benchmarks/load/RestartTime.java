package io.quiver.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quiver.benchmarks.recall.Machine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How long a server takes to come back with a collection already on disk: the server is started as a
 * child process over the given storage, and the tool measures, from the moment it starts the process
 * (so JVM start-up is included), the milliseconds until {@code GET /readyz} answers 200, until
 * {@code GET /collections/<name>} answers 200, and until a search
 * ({@code POST /collections/<name>/points/query}, random vector, limit 10) answers 200 with results.
 * At that moment it also reads the collection's status and {@code indexed_vectors_count}: a server may
 * answer before its graph is loaded or rebuilt. Then it stops the server, with SIGKILL
 * ({@code --kill9 true}, the default: the next start has to recover from whatever was on disk) or
 * SIGTERM (and waits for the exit), and starts the next run.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.load.RestartTime \
 *      --jar bootstrap/target/quiver.jar --storage DIR --port P --collection NAME --dim D \
 *      [--java PATH] [--runs 3] [--kill9 true|false] [--timeout 600] [--out DIR]
 * </pre>
 *
 * The storage must already hold the collection, e.g. from {@code RecallBenchmark --target rest --keep true}
 * or {@code UploadThroughput --keep}, and no other server may be using it. {@code --java} defaults to
 * the java running this tool; the server gets {@code --add-modules jdk.incubator.vector}. Server output
 * goes to a log file per run in a temp folder (its path is printed). {@code --out} receives
 * {@code restart.md} and {@code restart.json}: medians and each run.
 */
public final class RestartTime {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPTIONS = Set.of("--jar", "--storage", "--port", "--collection", "--dim",
            "--java", "--runs", "--kill9", "--timeout", "--out");
    private static final long POLL_MILLIS = 5;

    /** One start: milliseconds from starting the process, and what the collection said at the first search. */
    private record Run(int number, double readyMs, double collectionMs, double firstSearchMs, int hits,
                       String status, long pointsCount, long indexedVectorsCount, String stop, double stopMs,
                       Integer exitCode, String log) {
    }

    private RestartTime() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("[restart] " + e.getMessage());
            System.exit(2);
        } catch (IllegalStateException e) {
            // a run that failed (server exited, timed out): the message says why; the child is already stopped
            System.err.println("[restart] FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        String date = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        Path jar = Path.of(required(opt, "--jar")).toAbsolutePath();
        Path storage = Path.of(required(opt, "--storage")).toAbsolutePath();
        int port = Integer.parseInt(required(opt, "--port"));
        String collection = required(opt, "--collection");
        int dim = Integer.parseInt(required(opt, "--dim"));
        String java = opt.getOrDefault("--java", ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        int runs = Integer.parseInt(opt.getOrDefault("--runs", "3"));
        boolean kill9 = bool(opt.getOrDefault("--kill9", "true"), "--kill9");
        double timeout = Double.parseDouble(opt.getOrDefault("--timeout", "600"));
        Path out = opt.containsKey("--out") ? Path.of(opt.get("--out")) : null;
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--jar " + jar + " does not exist (build it: ./mvnw -pl bootstrap -am package -DskipTests)");
        }
        if (!Files.isDirectory(storage)) {
            throw new IllegalArgumentException("--storage " + storage + " is not a folder holding a collection");
        }
        String base = "http://127.0.0.1:" + port;
        if (answers(base + "/readyz")) {
            throw new IllegalArgumentException("something already answers on port " + port + "; stop it (and any server "
                    + "using " + storage + ") first");
        }
        long storageBytes = size(storage);
        Path logs = Files.createTempDirectory("quiver-restart-");
        progress("%s over %s (%.1f MB on disk), collection %s, %d runs, stop with %s; server logs in %s", jar, storage,
                storageBytes / 1e6, collection, runs, kill9 ? "SIGKILL" : "SIGTERM", logs);

        List<Run> results = new ArrayList<>();
        String server = null;
        for (int r = 1; r <= runs; r++) {
            Path log = logs.resolve("run-" + r + ".log");
            ProcessBuilder pb = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("QDRANT__STORAGE__STORAGE_PATH", storage.toString());
            pb.environment().put("QDRANT__SERVICE__HTTP_PORT", Integer.toString(port));
            // a fresh client per run: pooled connections to the previous (killed) server are dead
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(1)).build();
            long start = System.nanoTime();
            Process process = pb.start();
            Thread reaper = new Thread(process::destroyForcibly);
            Runtime.getRuntime().addShutdownHook(reaper);
            try {
                long deadline = start + (long) (timeout * 1e9);
                Probe ready = await(process, log, deadline, "GET /readyz", () -> get(http, base + "/readyz"),
                        a -> a.status() == 200);
                double readyMs = ms(start, ready.atNanos());
                progress("run %d: ready after %.0f ms", r, readyMs);
                if (server == null) {
                    server = serverName(http, base);
                }
                Probe listed = await(process, log, deadline, "GET /collections/" + collection,
                        () -> get(http, base + "/collections/" + collection), a -> a.status() == 200);
                double collectionMs = ms(start, listed.atNanos());
                String query = "{\"query\":" + randomVector(dim, r) + ",\"limit\":10,\"with_payload\":false}";
                Probe searched = await(process, log, deadline, "a search with results",
                        () -> post(http, base + "/collections/" + collection + "/points/query", query),
                        a -> a.status() == 200 && hits(a.body()) > 0);
                double searchMs = ms(start, searched.atNanos());
                JsonNode info = JSON.readTree(get(http, base + "/collections/" + collection).body()).path("result");
                Run run = stop(process, kill9, new Run(r, readyMs, collectionMs, searchMs, hits(searched.body()),
                        info.path("status").asText(), info.path("points_count").asLong(),
                        info.path("indexed_vectors_count").asLong(), null, 0, null, log.toString()));
                results.add(run);
                progress("run %d: ready %.0f ms, collection %.0f ms, first search %.0f ms (%d hits); status %s, "
                                + "indexed %d of %d points; stopped (%s) in %.0f ms", r, readyMs, collectionMs, searchMs,
                        run.hits(), run.status(), run.indexedVectorsCount(), run.pointsCount(), run.stop(), run.stopMs());
            } finally {
                if (process.isAlive()) {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
                Runtime.getRuntime().removeShutdownHook(reaper);
                http.close();
            }
        }

        Map<String, Object> doc = document(args, date, jar, storage, storageBytes, collection, dim, java, kill9, server, results);
        String md = markdown(doc, results);
        System.out.print(md);
        if (out != null) {
            Files.createDirectories(out);
            JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("restart.json").toFile(), doc);
            Files.writeString(out.resolve("restart.md"), md, StandardCharsets.UTF_8);
            progress("wrote restart.json and restart.md in %s", out);
        }
    }

    /** One HTTP answer, or status -1 when nothing answered (not listening yet, connection refused). */
    private record Answer(int status, String body) {
    }

    /** The answer that satisfied a wait, and when it arrived. */
    private record Probe(long atNanos, String body) {
    }

    private interface Request {
        Answer send() throws InterruptedException;
    }

    /**
     * Polls every {@value #POLL_MILLIS} ms until {@code done} holds. The time is taken when the
     * satisfying answer is back, so one poll interval is the resolution.
     */
    private static Probe await(Process process, Path log, long deadline, String what, Request request,
                               java.util.function.Predicate<Answer> done) throws Exception {
        Answer last = null;
        while (true) {
            Answer a = request.send();
            if (done.test(a)) {
                return new Probe(System.nanoTime(), a.body());
            }
            last = a;
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited (code " + process.exitValue() + ") before " + what
                        + "; end of " + log + ":\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                String hint = last.status() == 404 ? " (is the collection in the storage? create it with RecallBenchmark "
                        + "--keep true or UploadThroughput --keep)" : last.status() == 200 ? " (an empty collection?)" : "";
                throw new IllegalStateException("timed out waiting for " + what + "; last answer " + last.status() + " "
                        + abbreviate(last.body()) + hint);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** SIGKILL or SIGTERM, and the time until the process is gone. */
    private static Run stop(Process process, boolean kill9, Run run) throws InterruptedException {
        long start = System.nanoTime();
        if (kill9) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        double stopMs = ms(start, System.nanoTime());
        String how = kill9 ? "SIGKILL" : exited ? "SIGTERM" : "SIGTERM, then SIGKILL after 120 s";
        if (!exited) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        return new Run(run.number(), run.readyMs(), run.collectionMs(), run.firstSearchMs(), run.hits(), run.status(),
                run.pointsCount(), run.indexedVectorsCount(), how, stopMs, process.isAlive() ? null : process.exitValue(),
                run.log());
    }

    private static Answer get(HttpClient http, String url) throws InterruptedException {
        return exchange(http, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private static Answer post(HttpClient http, String url, String body) throws InterruptedException {
        return exchange(http, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static Answer exchange(HttpClient http, HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        }
    }

    private static boolean answers(String url) throws InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            return get(http, url).status() > 0;
        }
    }

    /** Number of points in a /points/query answer (0 if it is not one). */
    private static int hits(String body) {
        try {
            return JSON.readTree(body).path("result").path("points").size();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String serverName(HttpClient http, String base) throws Exception {
        JsonNode root = JSON.readTree(get(http, base + "/").body());
        return root.path("title").asText() + " " + root.path("version").asText() + ", commit " + root.path("commit").asText();
    }

    private static String randomVector(int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(dim * 10).append('[');
        for (int i = 0; i < dim; i++) {
            sb.append(i > 0 ? "," : "").append((float) random.nextDouble(-1, 1));
        }
        return sb.append(']').toString();
    }

    private static Map<String, Object> document(String[] args, String date, Path jar, Path storage, long storageBytes,
                                                String collection, int dim, String java, boolean kill9, String server,
                                                List<Run> runs) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tool", RestartTime.class.getName());
        doc.put("command", Machine.command(RestartTime.class, args));
        doc.put("date", date);
        doc.put("machine", Machine.describe());
        doc.put("source", Machine.source());
        doc.put("server", server);
        doc.put("serverCommand", java + " --add-modules jdk.incubator.vector -jar " + jar);
        doc.put("serverJarBuiltAt", Files.getLastModifiedTime(jar).toInstant().truncatedTo(ChronoUnit.SECONDS).toString());
        doc.put("storage", storage.toString());
        doc.put("storageBytes", storageBytes);
        doc.put("collection", collection);
        doc.put("dimension", dim);
        doc.put("stop", kill9 ? "SIGKILL (Process.destroyForcibly)" : "SIGTERM (Process.destroy), then wait for the exit");
        Map<String, Object> medians = new LinkedHashMap<>();
        medians.put("readyMs", round(median(runs.stream().mapToDouble(Run::readyMs).toArray())));
        medians.put("collectionMs", round(median(runs.stream().mapToDouble(Run::collectionMs).toArray())));
        medians.put("firstSearchMs", round(median(runs.stream().mapToDouble(Run::firstSearchMs).toArray())));
        medians.put("stopMs", round(median(runs.stream().mapToDouble(Run::stopMs).toArray())));
        doc.put("medians", medians);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Run r : runs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run", r.number());
            row.put("readyMs", round(r.readyMs()));
            row.put("collectionMs", round(r.collectionMs()));
            row.put("firstSearchMs", round(r.firstSearchMs()));
            row.put("firstSearchHits", r.hits());
            row.put("statusAtFirstSearch", r.status());
            row.put("pointsCount", r.pointsCount());
            row.put("indexedVectorsCountAtFirstSearch", r.indexedVectorsCount());
            row.put("stop", r.stop());
            row.put("stopMs", round(r.stopMs()));
            row.put("exitCode", r.exitCode());
            rows.add(row);
        }
        doc.put("runs", rows);
        return doc;
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> doc, List<Run> runs) {
        Map<String, Object> machine = (Map<String, Object>) doc.get("machine");
        Map<String, Object> source = (Map<String, Object>) doc.get("source");
        Map<String, Object> medians = (Map<String, Object>) doc.get("medians");
        StringBuilder md = new StringBuilder();
        md.append("# Restart time: collection `").append(doc.get("collection")).append("` (")
                .append(runs.getFirst().pointsCount()).append(" × ").append(doc.get("dimension")).append("-d)\n\n");
        md.append("Generated by `").append(RestartTime.class.getName()).append("`.\n\n");
        md.append("```sh\n").append(doc.get("command")).append("\n```\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| date | ").append(doc.get("date")).append(" |\n");
        md.append("| machine | ").append(Machine.oneLine(machine)).append(" |\n");
        md.append("| CPU (lscpu) | ").append(machine.get("lscpu")).append(" |\n");
        md.append("| source | HEAD ").append(source.get("gitCommit")).append(" with ").append(source.get("uncommittedFiles"))
                .append(" uncommitted files |\n");
        md.append("| server | ").append(doc.get("server")).append("; `").append(doc.get("serverCommand"))
                .append("`, jar built ").append(doc.get("serverJarBuiltAt")).append(" |\n");
        md.append(String.format(Locale.ROOT, "| storage | %s, %.1f MB on disk before the first run |%n", doc.get("storage"),
                ((Number) doc.get("storageBytes")).longValue() / 1e6));
        md.append("| stop | ").append(doc.get("stop")).append(" |\n\n");
        md.append("| run | ready ms | collection ms | first search ms | hits | status at first search | indexed / points | stop | stop ms |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            md.append(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %,.0f | %d | %s | %,d / %,d | %s | %,.0f |%n",
                    r.number(), r.readyMs(), r.collectionMs(), r.firstSearchMs(), r.hits(), r.status(),
                    r.indexedVectorsCount(), r.pointsCount(), r.stop(), r.stopMs()));
        }
        md.append(String.format(Locale.ROOT, "| **median** | **%,.0f** | **%,.0f** | **%,.0f** | | | | | %,.0f |%n",
                ((Number) medians.get("readyMs")).doubleValue(), ((Number) medians.get("collectionMs")).doubleValue(),
                ((Number) medians.get("firstSearchMs")).doubleValue(), ((Number) medians.get("stopMs")).doubleValue()));
        md.append("\nAll times from starting the server process (JVM start-up included) until the answer, polled every ")
                .append(POLL_MILLIS).append(" ms: `GET /readyz` = 200; `GET /collections/{name}` = 200; "
                        + "`POST /collections/{name}/points/query` (random vector, limit 10) = 200 with results. "
                        + "Status and indexed vectors are read right after the first search. "
                        + "\"stop ms\": from the signal until the process is gone.\n");
        return md.toString();
    }

    private static long size(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static double ms(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e6;
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void progress(String format, Object... args) {
        System.err.println("[restart] " + String.format(Locale.ROOT, format, args));
    }

    private static boolean bool(String text, String name) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not " + text);
        };
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!OPTIONS.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + " (see the class javadoc for usage)");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            opt.put(args[i], args[++i]);
        }
        return opt;
    }

    private static String required(Map<String, String> opt, String name) {
        String v = opt.get(name);
        if (v == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
    }
}
