package io.quiver.benchmarks.recall;

import io.quiver.adapter.out.storage.simd.VectorMathProvider;
import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.Scoring;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * Recall@k against exact ground truth, throughput and latency, for the engine in-process (through
 * {@code VectorIndexPort}), for a running server over Qdrant's REST API, or both in one report (what
 * REST adds per search). REST runs also record the server's memory before and after the build, the
 * server's own mean time per search request ({@link ServerTiming}, from {@code GET /metrics}) and, with
 * {@code --server-pid}, its CPU time per search request ({@link ServerCpu}). See
 * {@code docs/benchmarks/recall/README.md} for the method and the recorded runs.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *      io.quiver.benchmarks.recall.RecallBenchmark --dataset &lt;folder&gt;|gen --out docs/benchmarks/recall/&lt;name&gt; [options]
 *
 * dataset   --dataset DIR          xvecs folder (base.fvecs|bvecs, query.*, groundtruth.ivecs, *_labels.txt)
 *                                  or vector-db-benchmark jsonl folder (vectors/queries/neighbours.jsonl)
 *           --dataset gen          clustered synthetic data: --n 100000 --dim 128 --clusters 64 --nq 1000
 *                                  --spread 0.5 --seed 42 (ground truth computed by the tool)
 *           --distance cosine|euclid|dot   (default: from the folder name; gen: cosine)
 *           --queries N            only the first N queries
 * target    --target inprocess|rest|both   both = in-process first, then REST, same sweep, plus a
 *                                  REST-vs-in-process table (QPS ratio; server-side overhead = server mean
 *                                  from GET /metrics − in-process mean, µs; with --server-pid also server CPU
 *                                  overhead = server CPU µs/request − in-process CPU µs/query; client-observed
 *                                  p50 difference)
 *           --index exact|hnsw|lucene   (inprocess; default exact, for both: hnsw) loaded by name:
 *                                  hnsw = io.quiver.adapter.out.storage.hnsw.HnswVectorIndexPort,
 *                                  lucene = io.quiver.adapter.out.storage.lucene.LuceneVectorIndexPort
 *           --storage DIR          (inprocess hnsw|lucene) storage root; default a temp folder, deleted afterwards
 *           --build-threads N      (inprocess hnsw|lucene) graph-building threads of the port (default: the port's own)
 *           --url URL --collection NAME --api search|query --clients 2 --batch 256 --wait false --keep false (rest)
 *           --memory-settle 10     (rest) seconds to wait after green before reading the server's memory again
 *           --server-pid PID       (rest) read VmRSS of /proc/PID/status instead of GET /metrics, and the
 *                                  server's CPU time (utime + stime of /proc/PID/stat) around each timed pass
 *           --m 16 --ef-construct 100
 *           --quantization none|scalar   rest: int8 scalar quantization_config on the collection; inprocess:
 *                                  passed to the port's (Path, int, String) constructor (fails if it has none)
 *           --rescore true|false --oversampling X   rest: params.quantization of every search; inprocess:
 *                                  recorded only
 * sweep     --k 10 --ef 16,32,64,100,128,256,512 (or "exact"; default "exact" for --index exact)
 *           --threads 1[,2]        searching threads / parallel clients
 *           --filters none[,label,label-bucket]
 *           --runs 5 --warmup 1    timed and untimed passes over all queries per point
 *           --gt-threads N         threads for the brute-force ground truth (default: all cores)
 *           --quiet-wait 20 --quiet-below 0.3   before each timed pass wait up to 20 s until other
 *                                  processes use under 0.3 cores (0 disables); their use is recorded either way
 * output    --out DIR --name TITLE
 * </pre>
 */
public final class RecallBenchmark {

    private static final String DEFAULT_EFS = "16,32,64,100,128,256,512";
    private static final Set<String> FLAGS = Set.of("--target", "--dataset", "--distance", "--queries", "--n", "--dim",
            "--clusters", "--nq", "--spread", "--seed", "--index", "--storage", "--url", "--collection", "--api",
            "--clients", "--batch", "--wait", "--keep", "--m", "--ef-construct", "--k", "--ef", "--threads", "--filters",
            "--runs", "--warmup", "--gt-threads", "--out", "--name", "--build-timeout", "--build-threads", "--quiet-wait", "--quiet-below",
            "--memory-settle", "--server-pid", "--quantization", "--rescore", "--oversampling");

    private RecallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("[recall] " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        String date = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        Map<String, Object> machine = Machine.describe();
        Sweep.progress("%s; %s", machine.get("cpuModel"), VectorMathProvider.describe());

        String target = opt.getOrDefault("--target", "inprocess");
        // "both" compares the graph index with the server, so its default index is hnsw
        String indexKind = opt.getOrDefault("--index", target.equals("both") ? "hnsw" : "exact");
        String quantization = opt.getOrDefault("--quantization", "none");
        if (!quantization.equals("none") && !quantization.equals("scalar")) {
            throw new IllegalArgumentException("--quantization must be none or scalar, not " + quantization);
        }
        Boolean rescore = opt.containsKey("--rescore") ? bool(opt.get("--rescore"), "--rescore") : null;
        Double oversampling = opt.containsKey("--oversampling") ? Double.valueOf(opt.get("--oversampling")) : null;
        int k = intOpt(opt, "--k", 10);
        int m = intOpt(opt, "--m", 16);
        int efConstruct = intOpt(opt, "--ef-construct", 100);
        int runs = intOpt(opt, "--runs", 5);
        int warmup = intOpt(opt, "--warmup", 1);
        int gtThreads = intOpt(opt, "--gt-threads", Runtime.getRuntime().availableProcessors());
        double quietWait = Double.parseDouble(opt.getOrDefault("--quiet-wait", "20"));
        double quietThreshold = Double.parseDouble(opt.getOrDefault("--quiet-below", "0.3"));
        Path out = Path.of(required(opt, "--out"));
        List<Integer> threads = Arrays.stream(opt.getOrDefault("--threads", "1").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        List<FilterCase> filters = Arrays.stream(opt.getOrDefault("--filters", "none").split(","))
                .map(FilterCase::parse).toList();
        boolean exactIndex = !target.equals("rest") && indexKind.equals("exact");
        List<Sweep.Ef> efs = Arrays.stream(opt.getOrDefault("--ef", exactIndex ? "exact" : DEFAULT_EFS).split(","))
                .map(Sweep.Ef::parse).toList();
        if (!target.equals("inprocess") && !target.equals("rest") && !target.equals("both")) {
            throw new IllegalArgumentException("--target must be inprocess, rest or both");
        }

        if (!target.equals("rest")) {
            InProcessTarget.check(indexKind, quantization);
        }

        // ---- data
        Distance distanceOpt = opt.containsKey("--distance") ? distance(opt.get("--distance")) : null;
        String datasetArg = required(opt, "--dataset");
        Dataset loaded;
        if (datasetArg.equals("gen")) {
            loaded = Dataset.generate(intOpt(opt, "--n", 100_000), intOpt(opt, "--nq", 1000), intOpt(opt, "--dim", 128),
                    intOpt(opt, "--clusters", 64), Double.parseDouble(opt.getOrDefault("--spread", "0.5")),
                    distanceOpt == null ? Distance.COSINE : distanceOpt, Long.parseLong(opt.getOrDefault("--seed", "42")));
        } else {
            loaded = Dataset.load(Path.of(datasetArg), distanceOpt);
        }
        Dataset data = loaded.firstQueries(intOpt(opt, "--queries", 0));
        Sweep.progress("dataset %s: %d x %d-d, %d queries, %s", data.name(), data.base().length, data.dimension(),
                data.queries().length, data.distance().label());
        for (FilterCase f : filters) {
            if (f.needsLabels() && !data.hasLabels()) {
                throw new IllegalArgumentException("filter " + f.key() + " needs base_labels.txt/query_labels.txt");
            }
        }

        // ---- ground truth (always the tool's own brute force too, as a check of the file and of the kernels)
        Scoring scoring = new Scoring(VectorMathProvider.best());
        int dim = data.dimension();
        float[] flat = new float[data.base().length * dim];
        for (int i = 0; i < data.base().length; i++) {
            System.arraycopy(scoring.preprocess(data.distance(), data.base()[i]), 0, flat, i * dim, dim);
        }
        float[][] preparedQueries = Arrays.stream(data.queries()).map(q -> scoring.preprocess(data.distance(), q))
                .toArray(float[][]::new);
        Map<FilterCase, int[][]> truth = new EnumMap<>(FilterCase.class);
        Map<String, Object> gtInfo = new LinkedHashMap<>();
        long gtStart = System.nanoTime();
        int[][] toolTruth = GroundTruth.compute(scoring, data.distance(), flat, dim, preparedQueries, k, null, gtThreads);
        gtInfo.put("unfilteredReference", data.groundTruth() != null && data.groundTruth()[0].length >= k
                ? data.groundTruthSource() + " (dataset file)" : "computed by the tool (exact brute force, float32)");
        if (data.groundTruth() != null) {
            int fileK = Math.min(k, data.groundTruth()[0].length);
            double agreement = GroundTruth.agreement(toolTruth, data.groundTruth(), fileK);
            gtInfo.put("toolVsFileAgreementAt" + fileK, Report.round(agreement, 5));
            Sweep.progress("tool brute force vs %s: top-%d agreement %.5f", data.groundTruthSource(), fileK, agreement);
        }
        truth.put(FilterCase.NONE, data.groundTruth() != null && data.groundTruth()[0].length >= k ? data.groundTruth() : toolTruth);
        List<Map<String, Object>> filterInfo = new ArrayList<>();
        for (FilterCase f : filters) {
            Map<String, Object> fi = new LinkedHashMap<>();
            fi.put("name", f.key());
            fi.put("description", f.description());
            if (f != FilterCase.NONE) {
                truth.put(f, GroundTruth.compute(scoring, data.distance(), flat, dim, preparedQueries, k,
                        q -> f.basePredicate(data.baseLabels(), q), gtThreads));
                fi.put("selectivity", selectivity(f, data));
                fi.put("groundTruth", "exact filtered top-" + k + " computed by the tool");
                fi.put("exampleFilterJson", f.json(3));
            }
            filterInfo.add(fi);
        }
        gtInfo.put("computeSeconds", Report.round((System.nanoTime() - gtStart) / 1e9, 3));
        Sweep.progress("ground truth ready (%.1f s)", (System.nanoTime() - gtStart) / 1e9);

        // ---- target(s): "both" runs the same sweep in-process, then over REST, and compares them
        boolean inProcess = !target.equals("rest");
        boolean rest = !target.equals("inprocess");
        List<Report.Series> series = new ArrayList<>();
        Map<String, Object> targets = new LinkedHashMap<>();
        Map<String, Object> builds = new LinkedHashMap<>();
        Map<String, Object> memory = null;
        List<String> titles = new ArrayList<>();
        String api = opt.getOrDefault("--api", "search");
        if (inProcess) {
            Map<String, Object> targetInfo = new LinkedHashMap<>();
            targetInfo.put("kind", "inprocess");
            targetInfo.put("index", indexKind);
            targetInfo.put("m", m);
            targetInfo.put("efConstruct", efConstruct);
            targetInfo.put("path", "VectorIndexPort.open(...).upsert(...) by one writer; searches via "
                    + (exactIndex ? "searchExact (= searchGraph for the exact index)" : "searchGraph(query, k, ef, accept)")
                    + "; Cosine vectors preprocessed with Scoring.preprocess before the clock starts");
            targetInfo.put("cpu", "CPU time of the searching threads per pass (ThreadMXBean.getCurrentThreadCpuTime, "
                    + "summed over the threads) / queries; the benchmark JVM's own process CPU time per query in results.json");
            targetInfo.put("quantization", quantization);
            if (rescore != null || oversampling != null) {
                targetInfo.put("rescore", rescore);
                targetInfo.put("oversampling", oversampling);
                targetInfo.put("searchQuantizationParams", "recorded only: not applied in-process");
            }
            Path storage = opt.containsKey("--storage") ? Path.of(opt.get("--storage")) : null;
            double timeout = Double.parseDouble(opt.getOrDefault("--build-timeout", "3600"));
            int buildThreads = intOpt(opt, "--build-threads", 0);
            List<Sweep.Point> points;
            try (InProcessTarget t = new InProcessTarget(data, scoring, indexKind, m, efConstruct, k, storage, buildThreads,
                    quantization, timeout)) {
                t.quantizedSearch(rescore, oversampling);
                builds.put("inprocess", t.build());
                points = Sweep.run(t::search, data.queries().length, filters, threads, efs, k, warmup, runs, quietWait,
                        quietThreshold, truth::get, null);
            }
            series.add(new Report.Series("in-process", points));
            targets.put("inprocess", targetInfo);
            titles.add("in-process " + indexKind + (exactIndex ? "" : " (m=" + m + ", ef_construct=" + efConstruct + ")")
                    + (quantization.equals("none") ? "" : ", " + quantization + " quantization"));
        }
        if (rest) {
            Map<String, Object> targetInfo = new LinkedHashMap<>();
            String url = opt.getOrDefault("--url", "http://127.0.0.1:6333");
            String collection = opt.getOrDefault("--collection", "recall_" + data.name().replaceAll("[^A-Za-z0-9_-]", "_"));
            targetInfo.put("kind", "rest");
            targetInfo.put("m", m);
            targetInfo.put("efConstruct", efConstruct);
            targetInfo.put("url", url);
            targetInfo.put("collection", collection);
            targetInfo.put("api", api.equals("search") ? "POST /collections/{c}/points/search" : "POST /collections/{c}/points/query");
            targetInfo.put("client", "java.net.http.HttpClient (HTTP/1.1), Jackson for responses; latency includes JSON writing and parsing");
            targetInfo.put("quantization", quantization);
            if (rescore != null || oversampling != null) {
                targetInfo.put("searchQuantizationParams", "params.quantization = {"
                        + (rescore != null ? "rescore: " + rescore : "")
                        + (rescore != null && oversampling != null ? ", " : "")
                        + (oversampling != null ? "oversampling: " + oversampling : "") + "}");
            }
            // the server (like Qdrant) scans instead of walking the graph while the whole collection is under
            // full_scan_threshold (default 10,000 KB of float32 vectors): then "REST" is not the same search
            long fullScanPoints = 10_000L * 1024 / (4L * dim);
            if (data.base().length <= fullScanPoints) {
                String note = "at most " + fullScanPoints + " points of " + dim + "-d fit under the default full_scan_threshold "
                        + "(10,000 KB): the server answers unfiltered searches by exact scan, not by the graph";
                targetInfo.put("note", note);
                Sweep.progress("NOTE: %s", note);
            }
            long serverPid = Long.parseLong(opt.getOrDefault("--server-pid", "0"));
            RestTarget.Options o = new RestTarget.Options(url, collection, api, m, efConstruct, k,
                    intOpt(opt, "--batch", 256), intOpt(opt, "--clients", 2),
                    Boolean.parseBoolean(opt.getOrDefault("--wait", "false")),
                    Boolean.parseBoolean(opt.getOrDefault("--keep", "false")),
                    Double.parseDouble(opt.getOrDefault("--build-timeout", "3600")), quantization, rescore, oversampling,
                    serverPid, Double.parseDouble(opt.getOrDefault("--memory-settle", "10")));
            List<Sweep.Point> points;
            try (RestTarget t = new RestTarget(data, o)) {
                builds.put("rest", t.build());
                memory = t.memory();
                points = Sweep.run(t::search, data.queries().length, filters, threads, efs, k, warmup, runs, quietWait,
                        quietThreshold, truth::get, t.probe());
                targetInfo.put("serverTiming", t.serverTiming().describe());
                targetInfo.put("serverCpu", t.serverCpu() == null ? Overhead.NOT_AVAILABLE + " (no --server-pid)"
                        : t.serverCpu().describe());
            }
            series.add(new Report.Series("REST", points));
            targets.put("rest", targetInfo);
            titles.add("REST " + api + (inProcess ? "" : " (m=" + m + ", ef_construct=" + efConstruct + ")")
                    + (quantization.equals("none") || inProcess ? "" : ", " + quantization + " quantization"));
        }
        String title = data.name() + " — " + String.join(" vs ", titles);
        if (opt.containsKey("--name")) {
            title = opt.get("--name");
        }

        // ---- report
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("tool", RecallBenchmark.class.getName());
        header.put("command", Machine.command(RecallBenchmark.class, args));
        header.put("date", date);
        header.put("machine", machine);
        header.put("loadAverageAtEnd", Machine.loadAverage());
        header.put("source", Machine.source());
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("name", data.name());
        dataset.put("source", data.source());
        dataset.put("distance", data.distance().label());
        dataset.put("baseCount", data.base().length);
        dataset.put("dimension", dim);
        dataset.put("queryCount", data.queries().length);
        dataset.put("groundTruth", gtInfo);
        header.put("dataset", dataset);
        // one target: its maps as before; both: one map per target under "target" and "build"
        if (series.size() == 1) {
            header.put("target", targets.values().iterator().next());
            header.put("build", builds.values().iterator().next());
        } else {
            Map<String, Object> both = new LinkedHashMap<>();
            both.put("kind", "both (in-process first, then REST; same dataset, queries, ef values and threads)");
            both.putAll(targets);
            header.put("target", both);
            header.put("build", builds);
        }
        if (memory != null) {
            header.put("memory", memory);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("k", k);
        settings.put("ef", efs.stream().map(Sweep.Ef::label).collect(Collectors.joining(",")));
        settings.put("threads", threads);
        settings.put("runs", runs);
        settings.put("warmupPasses", warmup);
        settings.put("quietWaitSeconds", quietWait);
        settings.put("quietBelowCores", quietThreshold);
        settings.put("quantization", quantization);
        if (rescore != null || oversampling != null) {
            settings.put("rescore", rescore);
            settings.put("oversampling", oversampling);
        }
        header.put("settings", settings);
        header.put("filters", filterInfo);
        Map<String, Object> doc = Report.document(header, series, k);
        Report.write(out, doc, series, k, title);
        Sweep.progress("wrote %s, %s and %s in %s", Report.JSON_FILE, Report.MARKDOWN_FILE, Report.CHART_FILE, out);
        for (Report.Series s : series) {
            printSummary(series.size() > 1 ? s.label() : null, s.points(), k);
        }
        if (series.size() == 2) {
            printOverhead(Overhead.compare(series.get(0).points(), series.get(1).points()));
        }
    }

    private static void printSummary(String label, List<Sweep.Point> points, int k) {
        if (label != null) {
            System.out.println(label);
        }
        boolean server = points.stream().anyMatch(p -> p.serverRuns() != null);
        System.out.printf(Locale.ROOT, "%-13s %7s %6s %10s %10s %9s %9s %9s%s%n", "filter", "threads", "ef",
                "recall@" + k, "QPS", "p50 ms", "p95 ms", "p99 ms", server
                        ? String.format(Locale.ROOT, " %15s %17s %11s %10s", "server mean us", "server CPU us/req",
                                "of which JIT", "of which GC")
                        : String.format(Locale.ROOT, " %13s", "CPU us/query"));
        for (Sweep.Point p : points) {
            System.out.printf(Locale.ROOT, "%-13s %7d %6s %10.4f %10.0f %9.3f %9.3f %9.3f%s%n", p.filter().key(), p.threads(),
                    p.ef().label(), p.recall(), p.qpsMedian(), p.p50Ms(), p.p95Ms(), p.p99Ms(), server
                            ? String.format(Locale.ROOT, " %15s %17s %11s %10s", Overhead.orNotAvailable(p.serverMeanMs() * 1000),
                                    Overhead.orNotAvailable(p.serverCpuMicros()), Overhead.orNotAvailable(p.serverJitCpuMicros()),
                                    Overhead.orNotAvailable(p.serverGcCpuMicros()))
                            : String.format(Locale.ROOT, " %13s", Overhead.orNotAvailable(p.cpuMicrosMedian())));
        }
    }

    private static void printOverhead(List<Overhead.Row> rows) {
        System.out.println("REST vs in-process (server-side overhead = server mean - in-process mean; "
                + "server CPU overhead = server CPU per request - in-process CPU per query; "
                + "client-observed = REST p50 - in-process p50)");
        String format = "%-13s %7s %6s %10s %10s %7s %11s %11s %10s %11s %11s %8s %8s %10s %9s %9s %11s%n";
        System.out.printf(Locale.ROOT, format, "filter", "threads", "ef", "inproc QPS", "REST QPS", "ratio", "inproc mean",
                "server mean", "server ovh", "inproc CPU", "server CPU", "of which", "of which", "CPU ovh", "inproc p50",
                "REST p50", "client ovh");
        System.out.printf(Locale.ROOT, format, "", "", "", "", "", "", "us", "us", "us", "us/query", "us/req", "JIT",
                "GC", "us", "ms", "ms", "us");
        for (Overhead.Row r : rows) {
            System.out.printf(Locale.ROOT, format, r.filter().key(), r.threads(), r.ef().label(),
                    String.format(Locale.ROOT, "%.0f", r.inProcess().qpsMedian()),
                    String.format(Locale.ROOT, "%.0f", r.rest().qpsMedian()), String.format(Locale.ROOT, "%.3f", r.qpsRatio()),
                    String.format(Locale.ROOT, "%.1f", r.inProcessMeanMicros()), Overhead.orNotAvailable(r.serverMeanMicros()),
                    Overhead.orNotAvailable(r.serverOverheadMicros()), Overhead.orNotAvailable(r.inProcessCpuMicros()),
                    Overhead.orNotAvailable(r.serverCpuMicros()), Overhead.orNotAvailable(r.rest().serverJitCpuMicros()),
                    Overhead.orNotAvailable(r.rest().serverGcCpuMicros()), Overhead.orNotAvailable(r.serverCpuOverheadMicros()),
                    String.format(Locale.ROOT, "%.3f", r.inProcess().p50Ms()), String.format(Locale.ROOT, "%.3f", r.rest().p50Ms()),
                    String.format(Locale.ROOT, "%.0f", r.clientP50OverheadMicros()));
        }
    }

    /** Mean, min and max over the queries of the fraction of base points the filter lets through. */
    private static Map<String, Object> selectivity(FilterCase f, Dataset data) {
        double sum = 0;
        double min = 1;
        double max = 0;
        int n = data.base().length;
        for (int q = 0; q < data.queries().length; q++) {
            IntPredicate p = f.basePredicate(data.baseLabels(), q);
            int pass = 0;
            for (int id = 0; id < n; id++) {
                if (p.test(id)) {
                    pass++;
                }
            }
            double s = pass / (double) n;
            sum += s;
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", Report.round(sum / data.queries().length, 5));
        m.put("min", Report.round(min, 5));
        m.put("max", Report.round(max, 5));
        return m;
    }

    private static boolean bool(String text, String name) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not " + text);
        };
    }

    private static Distance distance(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "cosine", "angular" -> Distance.COSINE;
            case "euclid", "euclidean", "l2" -> Distance.EUCLID;
            case "dot" -> Distance.DOT;
            case "manhattan" -> Distance.MANHATTAN;
            default -> throw new IllegalArgumentException("unknown distance " + text);
        };
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!FLAGS.contains(args[i])) {
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

    private static int intOpt(Map<String, String> opt, String name, int fallback) {
        return opt.containsKey(name) ? Integer.parseInt(opt.get(name)) : fallback;
    }
}
