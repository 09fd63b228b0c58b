package io.quiver.benchmarks.recall;

import io.quiver.adapter.out.storage.simd.VectorMathProvider;
import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.Scoring;
import java.lang.management.ManagementFactory;
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
 * {@code VectorIndexPort}) or for a running server over Qdrant's REST API. See
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
 * target    --target inprocess|rest
 *           --index exact|hnsw     (inprocess) hnsw = io.quiver.adapter.out.storage.hnsw.HnswVectorIndexPort
 *           --storage DIR          (inprocess hnsw) storage root; default a temp folder, deleted afterwards
 *           --build-threads N      (inprocess hnsw) graph-building threads of the port (default: the port's own)
 *           --url URL --collection NAME --api search|query --clients 2 --batch 256 --wait false --keep false (rest)
 *           --m 16 --ef-construct 100
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
            "--runs", "--warmup", "--gt-threads", "--out", "--name", "--build-timeout", "--build-threads", "--quiet-wait", "--quiet-below");

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
        String indexKind = opt.getOrDefault("--index", "exact");
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
        boolean exactIndex = target.equals("inprocess") && indexKind.equals("exact");
        List<Sweep.Ef> efs = Arrays.stream(opt.getOrDefault("--ef", exactIndex ? "exact" : DEFAULT_EFS).split(","))
                .map(Sweep.Ef::parse).toList();
        if (!target.equals("inprocess") && !target.equals("rest")) {
            throw new IllegalArgumentException("--target must be inprocess or rest");
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

        // ---- target
        Map<String, Object> targetInfo = new LinkedHashMap<>();
        targetInfo.put("kind", target);
        targetInfo.put("m", m);
        targetInfo.put("efConstruct", efConstruct);
        List<Sweep.Point> points;
        Map<String, Object> build;
        String title;
        if (target.equals("inprocess")) {
            targetInfo.put("index", indexKind);
            targetInfo.put("path", "VectorIndexPort.open(...).upsert(...) by one writer; searches via "
                    + (exactIndex ? "searchExact (= searchGraph for the exact index)" : "searchGraph(query, k, ef, accept)")
                    + "; Cosine vectors preprocessed with Scoring.preprocess before the clock starts");
            Path storage = opt.containsKey("--storage") ? Path.of(opt.get("--storage")) : null;
            double timeout = Double.parseDouble(opt.getOrDefault("--build-timeout", "3600"));
            int buildThreads = intOpt(opt, "--build-threads", 0);
            try (InProcessTarget t = new InProcessTarget(data, scoring, indexKind, m, efConstruct, k, storage, buildThreads,
                    timeout)) {
                build = t.build();
                points = Sweep.run(t::search, data.queries().length, filters, threads, efs, k, warmup, runs, quietWait,
                        quietThreshold, truth::get);
            }
            title = data.name() + " — in-process " + indexKind + (exactIndex ? "" : " (m=" + m + ", ef_construct=" + efConstruct + ")");
        } else {
            String url = opt.getOrDefault("--url", "http://127.0.0.1:6333");
            String collection = opt.getOrDefault("--collection", "recall_" + data.name().replaceAll("[^A-Za-z0-9_-]", "_"));
            String api = opt.getOrDefault("--api", "search");
            int batch = intOpt(opt, "--batch", 256);
            int clients = intOpt(opt, "--clients", 2);
            boolean wait = Boolean.parseBoolean(opt.getOrDefault("--wait", "false"));
            boolean keep = Boolean.parseBoolean(opt.getOrDefault("--keep", "false"));
            targetInfo.put("url", url);
            targetInfo.put("collection", collection);
            targetInfo.put("api", api.equals("search") ? "POST /collections/{c}/points/search" : "POST /collections/{c}/points/query");
            targetInfo.put("client", "java.net.http.HttpClient (HTTP/1.1), Jackson for responses; latency includes JSON writing and parsing");
            double timeout = Double.parseDouble(opt.getOrDefault("--build-timeout", "3600"));
            try (RestTarget t = new RestTarget(data, url, collection, api, m, efConstruct, k, batch, clients, wait, keep, timeout)) {
                build = t.build();
                points = Sweep.run(t::search, data.queries().length, filters, threads, efs, k, warmup, runs, quietWait,
                        quietThreshold, truth::get);
            }
            title = data.name() + " — REST " + api + " (m=" + m + ", ef_construct=" + efConstruct + ")";
        }
        if (opt.containsKey("--name")) {
            title = opt.get("--name");
        }

        // ---- report
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("tool", RecallBenchmark.class.getName());
        header.put("command", command(args));
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
        header.put("target", targetInfo);
        header.put("build", build);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("k", k);
        settings.put("ef", efs.stream().map(Sweep.Ef::label).collect(Collectors.joining(",")));
        settings.put("threads", threads);
        settings.put("runs", runs);
        settings.put("warmupPasses", warmup);
        settings.put("quietWaitSeconds", quietWait);
        settings.put("quietBelowCores", quietThreshold);
        header.put("settings", settings);
        header.put("filters", filterInfo);
        Map<String, Object> doc = Report.document(header, points, k);
        Report.write(out, doc, points, k, title);
        Sweep.progress("wrote %s, %s and %s in %s", Report.JSON_FILE, Report.MARKDOWN_FILE, Report.CHART_FILE, out);
        printSummary(points, k);
    }

    private static void printSummary(List<Sweep.Point> points, int k) {
        System.out.printf(Locale.ROOT, "%-13s %7s %6s %10s %10s %9s %9s %9s%n", "filter", "threads", "ef",
                "recall@" + k, "QPS", "p50 ms", "p95 ms", "p99 ms");
        for (Sweep.Point p : points) {
            System.out.printf(Locale.ROOT, "%-13s %7d %6s %10.4f %10.0f %9.3f %9.3f %9.3f%n", p.filter().key(), p.threads(),
                    p.ef().label(), p.recall(), p.qpsMedian(), p.p50Ms(), p.p95Ms(), p.p99Ms());
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

    /** The command as it can be pasted into a shell from the working directory. */
    private static String command(String[] args) {
        List<String> parts = new ArrayList<>();
        parts.add("java");
        parts.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        parts.add("-cp");
        parts.add(System.getProperty("java.class.path"));
        parts.add(RecallBenchmark.class.getName());
        parts.addAll(Arrays.asList(args));
        return parts.stream().map(RecallBenchmark::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=,@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
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
