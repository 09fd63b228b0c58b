package io.quiver.benchmarks.recall;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Puts two or more recorded {@link RecallBenchmark} runs side by side: reads each run folder's
 * {@code results.json}, picks one (filter, threads) group and one target series of each, and writes
 * {@code <out>.md} (the sweeps side by side, the best QPS each run reaches at or above a set of recall
 * thresholds with the ratio of the first run to the others, and where every run comes from) and
 * {@code <out>.png} (recall on x, QPS on y, one line per run, points labelled by ef). Nothing is
 * measured; see {@code docs/benchmarks/recall/README.md}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.recall.CompareRuns \
 *      --run "LABEL=FOLDER" --run "LABEL=FOLDER" [--run ...] --out PATH/NAME [options]
 *
 *   --run LABEL=FOLDER     a RecallBenchmark output folder (or its results.json); without "LABEL=" the
 *                          folder's name is the label. The first run is the numerator of the ratios.
 *   --out PATH/NAME        writes PATH/NAME.md and PATH/NAME.png (folders are created)
 *   --title TEXT           heading and chart title (default: dataset and labels)
 *   --filter NAME          filter of the compared points (default: a run's only filter, else "none")
 *   --threads N            threads of the compared points (default: a run's only thread count, else 1)
 *   --series in-process|rest   for --target both runs: which series (default in-process)
 *   --y-scale auto|log|linear  QPS axis; auto = log when the QPS medians span more than 4x (default auto)
 * </pre>
 */
public final class CompareRuns {

    /** Recall thresholds of the "QPS at equal recall" table. */
    static final double[] THRESHOLDS = {0.90, 0.95, 0.97, 0.98, 0.99};

    private static final Set<String> FLAGS = Set.of("--run", "--out", "--title", "--filter", "--threads", "--series",
            "--y-scale");
    private static final String NOT_REACHED = "not reached";

    /** One sweep point of a run, as read back from {@code results.json}. */
    record Point(String ef, int efValue, boolean exact, double recall, double qpsMedian, double qpsMin, double qpsMax,
                 int passes, double p50Ms) {
    }

    /** One run: its label, folder, the whole JSON document, and the selected points sorted by ef. */
    record Run(String label, Path folder, Map<String, Object> doc, int k, String series, String filter, int threads,
               List<Point> points) {
    }

    private CompareRuns() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("[compare] " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args) throws IOException {
        List<String> runSpecs = new ArrayList<>();
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!FLAGS.contains(flag)) {
                throw new IllegalArgumentException("unknown option " + flag + " (options: " + new TreeSet<>(FLAGS) + ")");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            if (flag.equals("--run")) {
                runSpecs.add(value);
            } else {
                opt.put(flag, value);
            }
        }
        if (runSpecs.size() < 2) {
            throw new IllegalArgumentException("give at least two --run LABEL=FOLDER");
        }
        if (!opt.containsKey("--out")) {
            throw new IllegalArgumentException("--out PATH/NAME is required (writes NAME.md and NAME.png)");
        }
        String series = opt.getOrDefault("--series", "in-process");
        if (!normal(series).equals("inprocess") && !normal(series).equals("rest")) {
            throw new IllegalArgumentException("--series must be in-process or rest, not " + series);
        }
        String yScale = opt.getOrDefault("--y-scale", "auto");
        if (!Set.of("auto", "log", "linear").contains(yScale)) {
            throw new IllegalArgumentException("--y-scale must be auto, log or linear, not " + yScale);
        }
        Integer threads = opt.containsKey("--threads") ? Integer.valueOf(opt.get("--threads")) : null;

        List<Run> runs = new ArrayList<>();
        for (String spec : runSpecs) {
            runs.add(load(spec, series, opt.get("--filter"), threads));
        }
        int k = runs.getFirst().k();
        for (Run r : runs) {
            if (r.k() != k) {
                throw new IllegalArgumentException("runs measure different recall@k: " + runs.stream()
                        .map(x -> x.label() + " k=" + x.k()).collect(Collectors.joining(", ")));
            }
        }
        List<String> warnings = warnings(runs, opt.get("--series"));
        warnings.forEach(w -> System.err.println("[compare] warning: " + w));

        String title = opt.getOrDefault("--title", datasetName(runs.getFirst()) + ": "
                + runs.stream().map(Run::label).collect(Collectors.joining(" vs ")));
        Path out = Path.of(opt.get("--out"));
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String name = out.getFileName().toString();
        Path png = dir.resolve(name + ".png");
        Path md = dir.resolve(name + ".md");
        boolean log = switch (yScale) {
            case "log" -> true;
            case "linear" -> false;
            default -> qpsSpan(runs) > 4;
        };
        chart(png, runs, k, title, log);
        Files.writeString(md, markdown(runs, k, title, command(args), dir, png.getFileName().toString(), warnings, log),
                StandardCharsets.UTF_8);
        System.err.println("[compare] wrote " + md + " and " + png);
    }

    // ---------------------------------------------------------------- reading

    @SuppressWarnings("unchecked")
    static Run load(String spec, String wantedSeries, String wantedFilter, Integer wantedThreads) throws IOException {
        int eq = spec.indexOf('=');
        Path given = Path.of(eq < 0 ? spec : spec.substring(eq + 1));
        Path file = Files.isDirectory(given) ? given.resolve(Report.JSON_FILE) : given;
        Path folder = Files.isDirectory(given) ? given : Objects.requireNonNullElse(given.getParent(), Path.of("."));
        String label = eq < 0 ? folder.toAbsolutePath().normalize().getFileName().toString() : spec.substring(0, eq);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no " + Report.JSON_FILE + " in " + given);
        }
        Map<String, Object> doc = new ObjectMapper().readValue(file.toFile(), Map.class);
        int k = doc.get("settings") instanceof Map<?, ?> s && s.get("k") instanceof Number n ? n.intValue() : 10;
        String recallKey = "recallAt" + k;
        List<Map<String, Object>> rows = (List<Map<String, Object>>) doc.get("results");
        if (rows == null || rows.isEmpty()) {
            throw new IllegalArgumentException(file + " has no results");
        }

        // --target both: rows name their target ("in-process", "REST"); single-target runs do not
        Set<String> targets = rows.stream().map(r -> r.get("target")).filter(Objects::nonNull).map(String::valueOf)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        String series;
        if (targets.isEmpty()) {
            String kind = doc.get("target") instanceof Map<?, ?> t ? String.valueOf(t.get("kind")) : "?";
            series = switch (kind) {
                case "inprocess" -> "in-process";
                case "rest" -> "REST";
                default -> kind;
            };
        } else {
            series = targets.stream().filter(t -> normal(t).equals(normal(wantedSeries))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(label + ": no series " + wantedSeries + " (has " + targets + ")"));
            String chosen = series;
            rows = rows.stream().filter(r -> chosen.equals(r.get("target"))).toList();
        }

        Set<String> filters = rows.stream().map(r -> String.valueOf(r.get("filter")))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        String filter = wantedFilter != null ? wantedFilter
                : filters.size() == 1 ? filters.iterator().next() : filters.contains("none") ? "none" : null;
        if (filter == null || !filters.contains(filter)) {
            throw new IllegalArgumentException(label + ": " + (filter == null ? "several filters, choose one with --filter"
                    : "no filter '" + filter + "'") + " (has " + filters + ")");
        }
        String f = filter;
        rows = rows.stream().filter(r -> f.equals(String.valueOf(r.get("filter")))).toList();

        Set<Integer> threadCounts = rows.stream().map(r -> ((Number) r.get("threads")).intValue())
                .collect(Collectors.toCollection(TreeSet::new));
        Integer threads = wantedThreads != null ? wantedThreads
                : threadCounts.size() == 1 ? threadCounts.iterator().next() : threadCounts.contains(1) ? Integer.valueOf(1) : null;
        if (threads == null || !threadCounts.contains(threads)) {
            throw new IllegalArgumentException(label + ": " + (threads == null ? "several thread counts, choose one with --threads"
                    : "no points with " + threads + " threads") + " for filter '" + filter + "' (has " + threadCounts + ")");
        }
        int th = threads;
        List<Point> points = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            if (((Number) r.get("threads")).intValue() != th) {
                continue;
            }
            Object ef = r.get("ef");
            boolean exact = !(ef instanceof Number);
            Map<String, Object> qps = (Map<String, Object>) r.get("qps");
            Map<String, Object> latency = (Map<String, Object>) r.get("latencyMs");
            points.add(new Point(String.valueOf(ef), exact ? Integer.MAX_VALUE : ((Number) ef).intValue(), exact,
                    num(r.get(recallKey)), num(qps.get("median")), num(qps.get("min")), num(qps.get("max")),
                    qps.get("runs") instanceof List<?> l ? l.size() : 0, num(latency.get("p50"))));
        }
        points.sort(Comparator.comparingInt(Point::efValue));
        return new Run(label, folder, doc, k, series, filter, th, points);
    }

    /** "in-process", "inprocess", "REST" → "inprocess", "rest". */
    private static String normal(String series) {
        return series.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(" ", "");
    }

    private static double num(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** Differences between the runs, or from what was asked, that make the comparison doubtful. */
    private static List<String> warnings(List<Run> runs, String wantedSeries) {
        List<String> w = new ArrayList<>();
        for (Run r : runs) {
            if (wantedSeries != null && !normal(r.series()).equals(normal(wantedSeries))) {
                w.add(r.label() + " has only a " + r.series() + " series, not " + wantedSeries + " (--series picks a "
                        + "series of --target both runs)");
            }
        }
        if (runs.stream().map(CompareRuns::datasetName).distinct().count() > 1) {
            w.add("the runs use different datasets: " + runs.stream().map(r -> r.label() + " " + datasetName(r))
                    .collect(Collectors.joining(", ")));
        }
        if (runs.stream().map(r -> r.filter() + "/" + r.threads()).distinct().count() > 1) {
            w.add("the compared points differ in filter or threads: " + runs.stream()
                    .map(r -> r.label() + " filter " + r.filter() + ", " + threadsText(r.threads()))
                    .collect(Collectors.joining("; ")));
        }
        if (runs.stream().map(r -> String.valueOf(dataset(r).get("queryCount"))).distinct().count() > 1) {
            w.add("the runs use different numbers of queries: " + runs.stream()
                    .map(r -> r.label() + " " + dataset(r).get("queryCount")).collect(Collectors.joining(", ")));
        }
        return w;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dataset(Run r) {
        return r.doc().get("dataset") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
    }

    private static String datasetName(Run r) {
        return String.valueOf(dataset(r).getOrDefault("name", "?"));
    }

    /** The part of a {@code --target both} map ({@code target}, {@code build}) that belongs to the chosen series. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(Run r, String key) {
        if (!(r.doc().get(key) instanceof Map<?, ?> m)) {
            return Map.of();
        }
        Object inner = m.get(normal(r.series()));
        return inner instanceof Map<?, ?> i ? (Map<String, Object>) i : (Map<String, Object>) m;
    }

    // ---------------------------------------------------------------- tables

    /** Best QPS median over the points with recall ≥ threshold, or null when no point gets there. */
    static Point best(List<Point> points, double threshold) {
        return points.stream().filter(p -> p.recall() >= threshold)
                .max(Comparator.comparingDouble(Point::qpsMedian)).orElse(null);
    }

    private static String markdown(List<Run> runs, int k, String title, String command, Path dir, String png,
                                   List<String> warnings, boolean log) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("Generated by `io.quiver.benchmarks.recall.CompareRuns` from the `").append(Report.JSON_FILE)
                .append("` of each run below; nothing was measured again. Chart: [`").append(png).append("`](")
                .append(png).append(").\n\n");
        md.append("```sh\n").append(command).append("\n```\n\n");
        md.append("Compared points: ").append(runs.stream().map(r -> r.label() + ": filter `" + r.filter() + "`, "
                + threadsText(r.threads()) + ", " + r.series() + " series").collect(Collectors.joining("; ")))
                .append(".\n");
        for (String w : warnings) {
            md.append("\n**Warning:** ").append(w).append(".\n");
        }

        md.append("\n## Runs\n\n|");
        runs.forEach(r -> md.append(" | ").append(r.label()));
        md.append(" |\n|---|").append("---|".repeat(runs.size())).append('\n');
        row(md, "source folder", runs, r -> "[`" + r.folder() + "`](" + link(dir, r.folder()) + ")");
        row(md, "date", runs, r -> String.valueOf(r.doc().get("date")));
        row(md, "git HEAD at run time", runs, r -> {
            Map<?, ?> s = r.doc().get("source") instanceof Map<?, ?> m ? m : Map.of();
            return "`" + s.get("gitCommit") + "` + " + s.get("uncommittedFiles") + " uncommitted files in "
                    + s.get("workingDirectory") + "; jar built " + s.get("classpathBuiltAt");
        });
        row(md, "dataset", runs, r -> {
            Map<String, Object> d = dataset(r);
            return d.get("name") + ": " + d.get("baseCount") + " × " + d.get("dimension") + "-d, "
                    + d.get("queryCount") + " queries, " + d.get("distance");
        });
        row(md, "target", runs, r -> r.series() + "; " + target(part(r, "target"), part(r, "build")));
        row(md, "build", runs, r -> build(part(r, "build")));
        row(md, "settings", runs, r -> {
            Map<?, ?> s = r.doc().get("settings") instanceof Map<?, ?> m ? m : Map.of();
            return "ef " + s.get("ef") + "; threads " + s.get("threads") + "; " + s.get("runs") + " timed passes, "
                    + s.get("warmupPasses") + " warm-up";
        });
        row(md, "machine", runs, r -> {
            Map<?, ?> m = r.doc().get("machine") instanceof Map<?, ?> x ? x : Map.of();
            return "nproc " + m.get("nproc") + ", " + m.get("cpuModel") + ", " + m.get("jvm") + " " + m.get("jvmArguments");
        });
        row(md, "load average", runs, r -> {
            Map<?, ?> m = r.doc().get("machine") instanceof Map<?, ?> x ? x : Map.of();
            return m.get("loadAverageAtStart") + " at start, " + r.doc().get("loadAverageAtEnd") + " at end";
        });
        md.append("\nCommands as recorded in each `").append(Report.JSON_FILE).append("`:\n\n```sh\n");
        for (Run r : runs) {
            md.append("# ").append(r.label()).append('\n').append(r.doc().get("command")).append('\n');
        }
        md.append("```\n");

        sweep(md, runs, k);
        equalRecall(md, runs, k);

        md.append("\nQPS: queries / wall time of one pass over all queries (closed loop), median over the timed passes "
                + "of each run, min–max in parentheses; p50 pooled over the timed passes. Each run's own `results.md` "
                + "has the other columns, among them \"other CPU\" (cores used by other processes during each pass), "
                + "which tells which points were disturbed. The runs were measured at different times, so the load "
                + "of the machine may differ between them.\n\n");
        md.append("![recall vs QPS](").append(png).append(")\n\n");
        md.append("Chart: recall@").append(k).append(" on x, QPS median on y (")
                .append(log ? "logarithmic" : "linear").append(" scale), one line per run, points labelled by ef.\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String name, List<Run> runs, java.util.function.Function<Run, String> cell) {
        md.append("| ").append(name);
        for (Run r : runs) {
            md.append(" | ").append(cell.apply(r).replace("|", "\\|"));
        }
        md.append(" |\n");
    }

    /** The sweeps side by side, one row per ef value of any run. */
    private static void sweep(StringBuilder md, List<Run> runs, int k) {
        md.append("\n## Sweep\n\n| ef");
        for (Run r : runs) {
            int passes = r.points().stream().mapToInt(Point::passes).max().orElse(0);
            md.append(" | ").append(r.label()).append(" recall@").append(k).append(" | ").append(r.label())
                    .append(" QPS median (min–max of ").append(passes).append(") | ").append(r.label()).append(" p50 ms");
        }
        md.append(" |\n|---|").append("---|---|---|".repeat(runs.size())).append('\n');
        List<Point> all = runs.stream().flatMap(r -> r.points().stream())
                .sorted(Comparator.comparingInt(Point::efValue)).toList();
        List<String> efs = all.stream().map(Point::ef).distinct().toList();
        for (String ef : efs) {
            md.append("| ").append(ef);
            for (Run r : runs) {
                Point p = r.points().stream().filter(x -> x.ef().equals(ef)).findFirst().orElse(null);
                md.append(p == null ? " | | | " : String.format(Locale.ROOT, " | %.4f | %,.0f (%,.0f–%,.0f) | %.3f",
                        p.recall(), p.qpsMedian(), p.qpsMin(), p.qpsMax(), p.p50Ms()));
            }
            md.append(" |\n");
        }
    }

    /** Best QPS at or above each recall threshold, and the first run's over each other run's. */
    private static void equalRecall(StringBuilder md, List<Run> runs, int k) {
        Run first = runs.getFirst();
        md.append("\n## QPS at equal recall\n\n");
        md.append("The highest QPS median among each run's sweep points with recall@").append(k)
                .append(" at or above the threshold (in parentheses that point's ef and recall). Measured points only, "
                        + "no interpolation: a run with fewer ef values can look worse than it is. Ratio: ")
                .append(first.label()).append(" QPS / the other run's QPS.\n\n");
        md.append("| recall@").append(k).append(" ≥");
        runs.forEach(r -> md.append(" | ").append(r.label()).append(" QPS (ef, recall)"));
        for (Run r : runs.subList(1, runs.size())) {
            md.append(" | ").append(first.label()).append(" / ").append(r.label());
        }
        md.append(" |\n|---|").append("---|".repeat(2 * runs.size() - 1)).append('\n');
        for (double t : THRESHOLDS) {
            md.append(String.format(Locale.ROOT, "| %.2f", t));
            List<Point> best = runs.stream().map(r -> best(r.points(), t)).toList();
            for (Point p : best) {
                md.append(p == null ? " | " + NOT_REACHED : String.format(Locale.ROOT, " | %,.0f (ef %s, %.4f)",
                        p.qpsMedian(), p.ef(), p.recall()));
            }
            for (Point p : best.subList(1, best.size())) {
                md.append(best.getFirst() == null || p == null ? " | –"
                        : String.format(Locale.ROOT, " | %.2f", best.getFirst().qpsMedian() / p.qpsMedian()));
            }
            md.append(" |\n");
        }
    }

    private static String target(Map<String, Object> t, Map<String, Object> build) {
        List<String> parts = new ArrayList<>();
        if (t.get("index") != null) {
            parts.add("index " + t.get("index"));
        }
        if (build.get("port") != null) {
            String port = String.valueOf(build.get("port"));
            parts.add("`" + port.substring(port.lastIndexOf('.') + 1) + "`");
        }
        if (build.get("server") != null) {
            parts.add(String.valueOf(build.get("server")));
        }
        for (String key : List.of("m", "efConstruct", "quantization", "url", "api")) {
            if (t.get(key) != null) {
                parts.add(key + " " + t.get(key));
            }
        }
        return String.join(", ", parts);
    }

    private static String build(Map<String, Object> b) {
        if (b.get("upToDateSeconds") != null) {
            return String.format(Locale.ROOT, "up to date %s s after the first upsert (%s points/s; build threads: %s); "
                            + "cores used by other processes during the build: %s", b.get("upToDateSeconds"),
                    b.get("buildPointsPerSecond"), b.get("buildThreads"), b.get("otherProcessesCoresDuringBuild"));
        }
        if (b.get("uploadPlusIndexSeconds") != null) {
            return String.format(Locale.ROOT, "upload %s s (%s points/s), green after %s s (upload + index); "
                            + "cores used by other processes during the build: %s", b.get("uploadSeconds"),
                    b.get("uploadPointsPerSecond"), b.get("uploadPlusIndexSeconds"), b.get("otherProcessesCoresDuringBuild"));
        }
        return b.isEmpty() ? "–" : b.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "));
    }

    private static String threadsText(int threads) {
        return threads + (threads == 1 ? " thread" : " threads");
    }

    /** A link from the Markdown file's folder to a run's {@code results.md}. */
    private static String link(Path from, Path folder) {
        Path rel = from.relativize(folder.toAbsolutePath().normalize()).resolve(Report.MARKDOWN_FILE);
        return rel.toString().replace('\\', '/');
    }

    /** This tool's own command line, quoted so that it can be pasted into a shell. */
    private static String command(String[] args) {
        StringBuilder sb = new StringBuilder("java -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.recall.CompareRuns");
        for (String a : args) {
            sb.append(' ').append(a.matches("[A-Za-z0-9_./=,:@%+-]+") ? a
                    : "\"" + a.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`") + "\"");
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- chart

    private static double qpsSpan(List<Run> runs) {
        double max = runs.stream().flatMap(r -> r.points().stream()).mapToDouble(Point::qpsMedian).max().orElse(1);
        double min = runs.stream().flatMap(r -> r.points().stream()).mapToDouble(Point::qpsMedian).min().orElse(1);
        return min > 0 ? max / min : Double.POSITIVE_INFINITY;
    }

    /**
     * Recall on x, QPS median on y, one line per run; the same size and style as {@link Report}'s chart.
     * The ef labels of every other run sit below their points rather than above, so that two close lines
     * do not print their labels over each other.
     */
    private static void chart(Path file, List<Run> runs, int k, String title, boolean log) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(600).title(title)
                .xAxisTitle("recall@" + k).yAxisTitle("queries/s (median)" + (log ? ", log scale" : "")).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setXAxisDecimalPattern("0.000");
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        List<Point> all = runs.stream().flatMap(r -> r.points().stream()).toList();
        double maxQps = all.stream().mapToDouble(Point::qpsMedian).max().orElse(1);
        double minQps = all.stream().mapToDouble(Point::qpsMedian).min().orElse(1);
        double minRecall = all.stream().mapToDouble(Point::recall).min().orElse(0.9);
        if (log) {
            chart.getStyler().setYAxisLogarithmic(true);
            // label 2×, 3×, … 9× of each decade too, not only the powers of ten
            chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
            // room for the labels above the highest and below the lowest point
            chart.getStyler().setYAxisMin(minQps / 1.3);
            chart.getStyler().setYAxisMax(maxQps * 1.3);
        } else {
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(maxQps * 1.08);
        }
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            double[] x = r.points().stream().mapToDouble(Point::recall).toArray();
            double[] y = r.points().stream().mapToDouble(Point::qpsMedian).toArray();
            XYSeries series = chart.addSeries(r.label(), x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
            boolean above = i % 2 == 0;
            for (Point p : r.points()) {
                double labelY = log ? p.qpsMedian() * (above ? 1.1 : 1 / 1.1)
                        : p.qpsMedian() + (above ? 0.03 : -0.03) * maxQps;
                chart.addAnnotation(new AnnotationText("ef " + p.ef(), p.recall(), labelY, false));
            }
        }
        chart.getStyler().setXAxisMin(Math.max(0, Math.floor((minRecall - 0.01) * 100) / 100));
        chart.getStyler().setXAxisMax(1.005);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
