package io.quiver.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.benchmarks.recall.Machine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures upsert throughput over REST as a client sees it: random vectors in batches sent by N
 * parallel clients against a running server. Plain HTTP, no Quiver internals. The request bodies of a
 * run are written as bytes before its clock starts, so only sending is timed, and writing them is
 * linear in the data (a 1536-d batch of 256 is about 3.5 MB).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.load.UploadThroughput
 *      [--url http://127.0.0.1:6333] [--points 100000] [--dim 100] [--distance Cosine] [--batch 256]
 *      [--clients 2] [--runs 3] [--wait true|false] [--green-timeout 3600] [--out FILE.md] [--keep]
 * </pre>
 *
 * {@code --wait false} sends with {@code wait=false} and then also measures the seconds until the
 * collection is green with every point counted. {@code --out} appends a Markdown section (command,
 * date, machine, each run, median) to the file. {@code --keep} leaves the collections
 * ({@code upload_bench_<run>}) in place, e.g. for {@code RestartTime}.
 */
public final class UploadThroughput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPTIONS = Set.of("--url", "--points", "--dim", "--distance", "--batch", "--clients",
            "--runs", "--wait", "--green-timeout", "--out");

    /** One run: seconds of sending, and seconds from the first request until green (NaN with wait=true). */
    private record Run(int number, double seconds, double pointsPerSecond, double greenSeconds, long bodyBytes) {
    }

    private UploadThroughput() {
    }

    public static void main(String[] args) throws Exception {
        validate(args);
        String date = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String url = stripSlash(arg(args, "--url", "http://127.0.0.1:6333"));
        int points = Integer.parseInt(arg(args, "--points", "100000"));
        int dim = Integer.parseInt(arg(args, "--dim", "100"));
        String distance = distance(arg(args, "--distance", "Cosine"));
        int batch = Integer.parseInt(arg(args, "--batch", "256"));
        int clients = Integer.parseInt(arg(args, "--clients", "2"));
        int runs = Integer.parseInt(arg(args, "--runs", "3"));
        boolean wait = bool(arg(args, "--wait", "true"), "--wait");
        double greenTimeout = Double.parseDouble(arg(args, "--green-timeout", "3600"));
        String out = arg(args, "--out", null);
        boolean keep = Arrays.asList(args).contains("--keep");
        // HTTP/1.1 like RecallBenchmark's REST target: the default would first try an h2c upgrade
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String server = server(http, url);
        List<Run> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            String collection = "upload_bench_" + run;
            String base = url + "/collections/" + collection;
            send(http, "DELETE", base, null, true);
            send(http, "PUT", base, ("{\"vectors\":{\"size\":" + dim + ",\"distance\":\"" + distance + "\"}}")
                    .getBytes(StandardCharsets.UTF_8), false);
            long genStart = System.nanoTime();
            List<byte[]> bodies = bodies(points, dim, batch, run);
            long bodyBytes = bodies.stream().mapToLong(b -> b.length).sum();
            System.err.printf(Locale.ROOT, "[upload] run %d: %d bodies, %.1f MB, written in %.2f s (not timed)%n", run,
                    bodies.size(), bodyBytes / 1e6, (System.nanoTime() - genStart) / 1e9);
            String upsertUrl = base + "/points?wait=" + wait;
            long start = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                List<Future<?>> futures = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    futures.add(pool.submit(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < bodies.size()) {
                            send(http, "PUT", upsertUrl, bodies.get(i), false);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double green = wait ? Double.NaN : awaitGreen(http, base, points, start, greenTimeout);
            Run r = new Run(run, seconds, points / seconds, green, bodyBytes);
            results.add(r);
            System.out.printf(Locale.ROOT, "run %d: %d points x %d-d %s in batches of %d, %d clients, wait=%s: %.2f s, %.0f points/s%s%n",
                    run, points, dim, distance, batch, clients, wait, seconds, r.pointsPerSecond(),
                    wait ? "" : String.format(Locale.ROOT, "; green after %.2f s", green));
            if (!keep) {
                send(http, "DELETE", base, null, true);
            }
        }
        double median = median(results.stream().mapToDouble(Run::pointsPerSecond).toArray());
        System.out.printf(Locale.ROOT, "median: %.0f points/s over %d runs%s%n", median, runs,
                wait ? "" : String.format(Locale.ROOT, "; green after %.2f s (median)",
                        median(results.stream().mapToDouble(Run::greenSeconds).toArray())));
        if (out != null) {
            String section = markdown(args, date, server, url, points, dim, distance, batch, clients, wait, results);
            Path file = Path.of(out);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, section, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.err.println("[upload] appended a section to " + file);
        }
        http.close();
    }

    /**
     * The batches as JSON bytes. Components are uniform in (-1, 1) with 5 decimals, written digit by
     * digit: String.format per component made a 1536-d run spend minutes before sending anything.
     */
    static List<byte[]> bodies(int points, int dim, int batch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> bodies = new ArrayList<>();
        for (int first = 0; first < points; first += batch) {
            int count = Math.min(points, first + batch) - first;
            // per point at most: {"id":<10>,"vector":[ + dim x "-0.12345," + ],"payload":{"group":<1>}}
            byte[] buf = new byte[16 + count * (60 + dim * 9)];
            int pos = put(buf, 0, "{\"points\":[");
            for (int id = first; id < first + count; id++) {
                if (id > first) {
                    buf[pos++] = ',';
                }
                pos = put(buf, pos, "{\"id\":");
                pos = put(buf, pos, Integer.toString(id));
                pos = put(buf, pos, ",\"vector\":[");
                for (int d = 0; d < dim; d++) {
                    if (d > 0) {
                        buf[pos++] = ',';
                    }
                    pos = fixed5(buf, pos, random.nextInt(-99_999, 100_000));
                }
                pos = put(buf, pos, "],\"payload\":{\"group\":");
                buf[pos++] = (byte) ('0' + id % 10);
                pos = put(buf, pos, "}}");
            }
            pos = put(buf, pos, "]}");
            bodies.add(Arrays.copyOf(buf, pos));
        }
        return bodies;
    }

    /** {@code v / 100000} as "-0.01234" / "0.99999". */
    private static int fixed5(byte[] buf, int pos, int v) {
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        buf[pos++] = '0';
        buf[pos++] = '.';
        for (int div = 10_000; div >= 1; div /= 10) {
            buf[pos++] = (byte) ('0' + (v / div) % 10);
        }
        return pos;
    }

    private static int put(byte[] buf, int pos, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            buf[pos++] = (byte) ascii.charAt(i);
        }
        return pos;
    }

    /** Seconds from {@code start} until the collection is green with every point counted. */
    private static double awaitGreen(HttpClient http, String base, int points, long start, double timeoutSeconds)
            throws Exception {
        long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
        while (true) {
            JsonNode info = JSON.readTree(send(http, "GET", base, null, false)).path("result");
            if ("green".equals(info.path("status").asText()) && info.path("points_count").asLong() == points) {
                return (System.nanoTime() - start) / 1e9;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("collection not green with all points after " + timeoutSeconds + " s: " + info);
            }
            Thread.sleep(50);
        }
    }

    private static String markdown(String[] args, String date, String server, String url, int points, int dim,
                                   String distance, int batch, int clients, boolean wait, List<Run> runs) {
        Map<String, Object> machine = Machine.describe();
        StringBuilder md = new StringBuilder();
        md.append("\n## Upload throughput: ").append(points).append(" × ").append(dim).append("-d ").append(distance)
                .append(", batches of ").append(batch).append(", ").append(clients).append(" clients, wait=").append(wait)
                .append(" (").append(date).append(")\n\n");
        md.append("```sh\n").append(Machine.command(UploadThroughput.class, args)).append("\n```\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| date | ").append(date).append(" |\n");
        md.append("| machine | ").append(Machine.oneLine(machine)).append(" |\n");
        md.append("| CPU (lscpu) | ").append(machine.get("lscpu")).append(" |\n");
        md.append("| load average | ").append(machine.get("loadAverageAtStart")).append(" at the end |\n");
        Map<String, Object> source = Machine.source();
        md.append("| source | HEAD ").append(source.get("gitCommit")).append(" with ").append(source.get("uncommittedFiles"))
                .append(" uncommitted files |\n");
        md.append("| server | ").append(server).append(" at ").append(url).append(" |\n");
        md.append(String.format(Locale.ROOT, "| request bodies | %d per run, %.1f MB per run (written before the clock starts) |%n",
                (points + batch - 1) / batch, runs.getFirst().bodyBytes() / 1e6));
        md.append('\n');
        md.append(wait ? "| run | seconds | points/s |\n|---|---|---|\n"
                : "| run | seconds (sending) | points/s | green after s (from the first request) |\n|---|---|---|---|\n");
        for (Run r : runs) {
            md.append(String.format(Locale.ROOT, "| %d | %.2f | %,.0f |", r.number(), r.seconds(), r.pointsPerSecond()));
            md.append(wait ? "\n" : String.format(Locale.ROOT, " %.2f |%n", r.greenSeconds()));
        }
        md.append(String.format(Locale.ROOT, "| **median** | %.2f | **%,.0f** |",
                median(runs.stream().mapToDouble(Run::seconds).toArray()),
                median(runs.stream().mapToDouble(Run::pointsPerSecond).toArray())));
        md.append(wait ? "\n" : String.format(Locale.ROOT, " %.2f |%n", median(runs.stream().mapToDouble(Run::greenSeconds).toArray())));
        md.append("\npoints/s = points / wall time from the first request to the last response of a run (")
                .append(wait ? "each batch with `wait=true`, so it includes the server applying it"
                        : "`wait=false`: the server's acceptance rate; \"green after\" includes indexing")
                .append(").\n");
        return md.toString();
    }

    private static String server(HttpClient http, String url) {
        try {
            JsonNode root = JSON.readTree(send(http, "GET", url + "/", null, false));
            return root.path("title").asText() + " " + root.path("version").asText() + ", commit " + root.path("commit").asText();
        } catch (Exception e) {
            throw new IllegalStateException("no server at " + url + ": " + e, e);
        }
    }

    private static String send(HttpClient http, String method, String url, byte[] body, boolean allowNotFound)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 && !(allowNotFound && r.statusCode() == 404)) {
            String shown = r.body().length() > 500 ? r.body().substring(0, 500) + "…" : r.body();
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + shown);
        }
        return r.body();
    }

    /** Qdrant's spelling of a distance, whatever the case of the option. */
    private static String distance(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "cosine" -> "Cosine";
            case "euclid", "euclidean", "l2" -> "Euclid";
            case "dot" -> "Dot";
            case "manhattan" -> "Manhattan";
            default -> throw new IllegalArgumentException("--distance must be Cosine, Euclid, Dot or Manhattan, not " + text);
        };
    }

    private static boolean bool(String text, String name) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not " + text);
        };
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Unknown options fail instead of being ignored, so that a typo does not measure the defaults. */
    private static void validate(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--keep")) {
                continue;
            }
            if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException(OPTIONS.contains(args[i]) ? args[i] + " needs a value"
                        : "unknown option " + args[i] + " (see the class javadoc for usage)");
            }
            i++;
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
