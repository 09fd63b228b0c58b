package io.quiver.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures upsert throughput over REST as a client sees it: random vectors in batches sent with
 * {@code wait=true} by N parallel clients, against a running server. Plain HTTP, no Quiver internals.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.load.UploadThroughput
 * [--url http://127.0.0.1:6333] [--points 100000] [--dim 100] [--batch 256] [--clients 2] [--runs 3] [--keep]}
 * ({@code --keep} leaves the collections in place, e.g. to measure a restart).
 */
public final class UploadThroughput {

    private UploadThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String url = arg(args, "--url", "http://127.0.0.1:6333");
        int points = Integer.parseInt(arg(args, "--points", "100000"));
        int dim = Integer.parseInt(arg(args, "--dim", "100"));
        int batch = Integer.parseInt(arg(args, "--batch", "256"));
        int clients = Integer.parseInt(arg(args, "--clients", "2"));
        int runs = Integer.parseInt(arg(args, "--runs", "3"));
        boolean keep = java.util.Arrays.asList(args).contains("--keep");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<Double> rates = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            String collection = "upload_bench_" + run;
            send(http, "DELETE", url + "/collections/" + collection, null);
            send(http, "PUT", url + "/collections/" + collection,
                    "{\"vectors\":{\"size\":" + dim + ",\"distance\":\"Cosine\"}}");
            List<String> bodies = bodies(points, dim, batch, run);
            long start = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                List<Future<?>> futures = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    futures.add(pool.submit(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < bodies.size()) {
                            send(http, "PUT", url + "/collections/" + collection + "/points?wait=true", bodies.get(i));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = points / seconds;
            rates.add(rate);
            System.out.printf(Locale.ROOT, "run %d: %d points x %d-d in batches of %d, %d clients: %.2f s, %.0f points/s%n",
                    run, points, dim, batch, clients, seconds, rate);
            if (!keep) {
                send(http, "DELETE", url + "/collections/" + collection, null);
            }
        }
        rates.sort(Double::compare);
        System.out.printf(Locale.ROOT, "median: %.0f points/s over %d runs%n", rates.get(rates.size() / 2), runs);
    }

    private static List<String> bodies(int points, int dim, int batch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> bodies = new ArrayList<>();
        for (int first = 0; first < points; first += batch) {
            StringBuilder sb = new StringBuilder(batch * dim * 12);
            sb.append("{\"points\":[");
            for (int id = first; id < Math.min(points, first + batch); id++) {
                if (id > first) {
                    sb.append(',');
                }
                sb.append("{\"id\":").append(id).append(",\"vector\":[");
                for (int d = 0; d < dim; d++) {
                    if (d > 0) {
                        sb.append(',');
                    }
                    sb.append(String.format(Locale.ROOT, "%.5f", random.nextDouble(-1, 1)));
                }
                sb.append("],\"payload\":{\"group\":").append(id % 10).append("}}");
            }
            sb.append("]}");
            bodies.add(sb.toString());
        }
        return bodies;
    }

    private static void send(HttpClient http, String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        }
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
