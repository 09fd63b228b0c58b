package io.quiver.benchmarks.recall;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes one run as {@code results.json}, {@code results.md} and {@code recall-qps.png}. A run has one
 * series of sweep points per target: one, or two for {@code --target both} ("in-process" and "REST"),
 * which adds the comparison of {@link Overhead}.
 */
final class Report {

    /** The sweep of one target, with the label the tables and the chart give it. */
    record Series(String label, List<Sweep.Point> points) {
    }

    static final String JSON_FILE = "results.json";
    static final String MARKDOWN_FILE = "results.md";
    static final String CHART_FILE = "recall-qps.png";

    private Report() {
    }

    /**
     * The JSON document of a run; {@code header} holds everything but the sweep points. With two series
     * every row names its target, and {@code restOverhead} compares them point by point.
     */
    static Map<String, Object> document(Map<String, Object> header, List<Series> series, int k) {
        Map<String, Object> doc = new LinkedHashMap<>(header);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Series s : series) {
            for (Sweep.Point p : s.points()) {
                Map<String, Object> row = new LinkedHashMap<>();
                if (series.size() > 1) {
                    row.put("target", s.label());
                }
                row.putAll(row(p, k));
                rows.add(row);
            }
        }
        doc.put("results", rows);
        if (series.size() == 2) {
            doc.put("restOverhead", Overhead.json(Overhead.compare(series.get(0).points(), series.get(1).points())));
        }
        return doc;
    }

    private static Map<String, Object> row(Sweep.Point p, int k) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("filter", p.filter().key());
        row.put("threads", p.threads());
        row.put("ef", p.ef().exact() ? "exact" : p.ef().value());
        row.put("recallAt" + k, round(p.recall(), 5));
        row.put("precision", round(p.precision(), 5));
        row.put("meanReturned", round(p.meanReturned(), 3));
        Map<String, Object> qps = new LinkedHashMap<>();
        qps.put("median", round(p.qpsMedian(), 1));
        qps.put("min", round(p.qpsMin(), 1));
        qps.put("max", round(p.qpsMax(), 1));
        List<Double> runs = new ArrayList<>();
        for (double r : p.qpsRuns()) {
            runs.add(round(r, 1));
        }
        qps.put("runs", runs);
        List<Double> other = new ArrayList<>();
        for (double o : p.otherCoresRuns()) {
            other.add(round(o, 2));
        }
        qps.put("otherProcessesCoresPerRun", other);
        row.put("qps", qps);
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("mean", round(p.meanMs(), 4));
        latency.put("p50", round(p.p50Ms(), 4));
        latency.put("p95", round(p.p95Ms(), 4));
        latency.put("p99", round(p.p99Ms(), 4));
        latency.put("max", round(p.maxMs(), 4));
        List<Double> meanRuns = new ArrayList<>();
        for (double m : p.meanMsRuns()) {
            meanRuns.add(round(m, 4));
        }
        latency.put("meanPerRun", meanRuns);
        row.put("latencyMs", latency);
        // CPU time per query of this JVM: the searching threads (in-process: the index search; REST: the
        // client threads' HTTP and JSON work, without the HTTP client's selector thread), and all of the JVM
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("searchingThreadsMicrosPerQuery", Overhead.orNotAvailable(p.cpuMicrosMedian()));
        cpu.put("searchingThreadsMicrosPerRun", microsList(p.cpuMicrosRuns()));
        cpu.put("jvmProcessMicrosPerQuery", Overhead.orNotAvailable(p.jvmCpuMicrosMedian()));
        cpu.put("jvmProcessMicrosPerRun", microsList(p.jvmCpuMicrosRuns()));
        row.put("cpu", cpu);
        if (p.serverRuns() != null) {
            // REST: the server's own mean time per search request (GET /metrics, Δsum / Δcount per timed pass)
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("meanMicros", Overhead.orNotAvailable(p.serverMeanMs() * 1000));
            List<Object> perRun = new ArrayList<>();
            List<Long> requests = new ArrayList<>();
            for (Sweep.ServerPass sp : p.serverRuns()) {
                perRun.add(Overhead.orNotAvailable(sp.meanMs() * 1000));
                requests.add(sp.requests());
            }
            server.put("meanMicrosPerRun", perRun);
            server.put("requestsCountedPerRun", requests);
            row.put("serverLatency", server);
            // REST with --server-pid: the server process's CPU time per search request (/proc/PID/stat per timed pass)
            Map<String, Object> serverCpu = new LinkedHashMap<>();
            serverCpu.put("microsPerRequest", Overhead.orNotAvailable(p.serverCpuMicros()));
            serverCpu.put("microsPerRequestPerRun",
                    microsList(java.util.Arrays.stream(p.serverRuns()).mapToDouble(Sweep.ServerPass::cpuMicros).toArray()));
            serverCpu.put("jitThreadsMicrosPerRequest", Overhead.orNotAvailable(p.serverJitCpuMicros()));
            serverCpu.put("jitThreadsMicrosPerRequestPerRun",
                    microsList(java.util.Arrays.stream(p.serverRuns()).mapToDouble(Sweep.ServerPass::jitCpuMicros).toArray()));
            serverCpu.put("gcThreadsMicrosPerRequest", Overhead.orNotAvailable(p.serverGcCpuMicros()));
            serverCpu.put("gcThreadsMicrosPerRequestPerRun",
                    microsList(java.util.Arrays.stream(p.serverRuns()).mapToDouble(Sweep.ServerPass::gcCpuMicros).toArray()));
            row.put("serverCpu", serverCpu);
        }
        return row;
    }

    private static List<Object> microsList(double[] micros) {
        List<Object> out = new ArrayList<>();
        for (double m : micros) {
            out.add(Overhead.orNotAvailable(m));
        }
        return out;
    }

    static void write(Path out, Map<String, Object> doc, List<Series> series, int k, String title) throws IOException {
        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(JSON_FILE).toFile(), doc);
        Files.writeString(out.resolve(MARKDOWN_FILE), markdown(doc, series, k, title), StandardCharsets.UTF_8);
        chart(out.resolve(CHART_FILE), series, k, title);
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> doc, List<Series> series, int k, String title) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("Generated by `io.quiver.benchmarks.recall.RecallBenchmark`; raw numbers in `").append(JSON_FILE)
                .append("`, chart in `").append(CHART_FILE).append("`.\n\n");
        md.append("```sh\n").append(doc.get("command")).append("\n```\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| date | ").append(doc.get("date")).append(" |\n");
        Map<String, Object> machine = (Map<String, Object>) doc.get("machine");
        md.append("| machine | nproc ").append(machine.get("nproc")).append(", ").append(machine.get("cpuModel"))
                .append(", ").append(machine.get("memTotal")).append(" RAM, ").append(machine.get("os")).append(" |\n");
        md.append("| JVM | ").append(machine.get("jvm")).append(", ").append(machine.get("jvmArguments"))
                .append(", max heap ").append(machine.get("maxHeapMiB")).append(" MiB |\n");
        md.append("| CPU (lscpu) | ").append(machine.get("lscpu")).append(" |\n");
        md.append("| kernels | ").append(machine.get("vectorMath")).append(" |\n");
        md.append("| load average | ").append(machine.get("loadAverageAtStart")).append(" at start, ")
                .append(doc.get("loadAverageAtEnd")).append(" at end |\n");
        Map<String, Object> source = (Map<String, Object>) doc.get("source");
        md.append("| source | HEAD ").append(source.get("gitCommit")).append(" with ")
                .append(source.get("uncommittedFiles")).append(" uncommitted files in the working tree at run time; "
                        + "benchmark jar built ").append(source.get("classpathBuiltAt")).append(" |\n");
        Map<String, Object> dataset = (Map<String, Object>) doc.get("dataset");
        md.append("| dataset | ").append(dataset.get("name")).append(": ").append(dataset.get("baseCount"))
                .append(" × ").append(dataset.get("dimension")).append("-d, ").append(dataset.get("queryCount"))
                .append(" queries, ").append(dataset.get("distance")).append(" |\n");
        md.append("| ground truth | ").append(flat(dataset.get("groundTruth"))).append(" |\n");
        cells(md, "target", doc.get("target"));
        cells(md, "build", doc.get("build"));
        md.append("| settings | ").append(flat(doc.get("settings"))).append(" |\n");
        List<Map<String, Object>> filters = (List<Map<String, Object>>) doc.get("filters");
        for (Map<String, Object> f : filters) {
            md.append("| filter `").append(f.get("name")).append("` | ").append(f.get("description"));
            if (f.get("selectivity") instanceof Map<?, ?> sel) {
                md.append("; measured share of points passing, over the queries: mean ").append(sel.get("mean"))
                        .append(", min ").append(sel.get("min")).append(", max ").append(sel.get("max"));
            }
            md.append(" |\n");
        }
        md.append('\n');
        if (doc.get("memory") instanceof Map<?, ?> memory) {
            memory(md, (Map<String, Object>) memory);
        }
        if (doc.get("restOverhead") instanceof List<?> overhead) {
            overhead(md, (List<Map<String, Object>>) overhead);
        }
        for (Series s : series) {
            if (series.size() > 1) {
                md.append("\n## ").append(s.label()).append("\n");
            }
            sweepTables(md, s.points(), k);
        }
        md.append("\nQPS: queries / wall time of one pass over all queries (closed loop, the given number of threads), "
                + "median over the timed passes; latency percentiles pooled over all timed passes; recall and precision "
                + "from the first timed pass. Warm-up passes over every ef precede the timed passes, which run "
                + "round-robin over the ef values. \"other CPU\": cores used by other processes during the timed "
                + "passes (machine busy time from /proc/stat minus this JVM's CPU time; median and max over the passes; "
                + "for the REST target this includes the server). \"server mean µs\" (REST): the server's own mean time "
                + "per search request, from its request-timing filter (GET /metrics, Δ rest_responses_duration_seconds "
                + "sum / count of the search route over each timed pass; median over the passes; n/a when /metrics "
                + "gave no figure). \"CPU µs/query\" (in-process): CPU time of the searching threads over a pass "
                + "(ThreadMXBean, summed over the threads) / queries, median over the passes. \"server CPU µs/req\" "
                + "(REST, --server-pid): utime + stime of /proc/PID/stat (all of the server's threads, GC and JIT "
                + "included) over a pass / searches sent, median over the passes; in parentheses the part of the JIT "
                + "compiler threads and of the GC threads (/proc/PID/task/*/stat, by thread name); /proc counts in "
                + "clock ticks (10 ms), so a pass of N requests is good to under 10,000 / N µs per request; n/a without "
                + "--server-pid.\n\n");
        md.append("![recall vs QPS](").append(CHART_FILE).append(")\n");
        return md.toString();
    }

    private static void sweepTables(StringBuilder md, List<Sweep.Point> points, int k) {
        String current = null;
        for (Sweep.Point p : points) {
            String group = "filter `" + p.filter().key() + "`, " + p.threads() + (p.threads() == 1 ? " thread" : " threads");
            boolean server = p.serverRuns() != null;
            if (!group.equals(current)) {
                current = group;
                md.append("\n### ").append(group).append("\n\n");
                md.append("| ef | recall@").append(k).append(" | precision | QPS median (min–max of ")
                        .append(p.qpsRuns().length).append(") | mean ms | p50 ms | p95 ms | p99 ms | ")
                        .append(server ? "server mean µs | server CPU µs/req | " : "CPU µs/query | ").append("other CPU |\n");
                md.append(server ? "|---|---|---|---|---|---|---|---|---|---|---|\n" : "|---|---|---|---|---|---|---|---|---|---|\n");
            }
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %,.0f (%,.0f–%,.0f) | %.3f | %.3f | %.3f | %.3f | %s%.2f (max %.2f) |%n",
                    p.ef().label(), p.recall(), p.precision(), p.qpsMedian(), p.qpsMin(), p.qpsMax(), p.meanMs(),
                    p.p50Ms(), p.p95Ms(), p.p99Ms(), server
                            ? micros(p.serverMeanMs() * 1000) + " | " + serverCpu(p.serverCpuMicros(),
                                    p.serverJitCpuMicros(), p.serverGcCpuMicros()) + " | "
                            : micros(p.cpuMicrosMedian()) + " | ",
                    Recall.median(p.otherCoresRuns()),
                    java.util.Arrays.stream(p.otherCoresRuns()).max().orElse(Double.NaN)));
        }
    }

    /** Server CPU µs per request with its JIT and GC parts, "400.0 (JIT 33.3, GC 0.0)", or n/a. */
    private static String serverCpu(Object total, Object jit, Object gc) {
        String t = micros(total);
        return t.equals(Overhead.NOT_AVAILABLE) ? t : t + " (JIT " + micros(jit) + ", GC " + micros(gc) + ")";
    }

    /** µs with one decimal, or n/a for NaN (or a value that is not a number, as {@link Overhead#NOT_AVAILABLE}). */
    private static String micros(Object value) {
        double v = value instanceof Number n ? n.doubleValue() : Double.NaN;
        return Double.isNaN(v) ? Overhead.NOT_AVAILABLE : String.format(Locale.ROOT, "%,.1f", v);
    }

    /**
     * A header row for a map; a map of maps ({@code --target both}: one per target) gets one row per
     * inner map, so that neither target's settings end up as {@code {a=b}} in one cell.
     */
    private static void cells(StringBuilder md, String name, Object value) {
        if (value instanceof Map<?, ?> map && map.values().stream().anyMatch(v -> v instanceof Map<?, ?>)) {
            Map<Object, Object> scalars = new LinkedHashMap<>();
            map.forEach((key, v) -> {
                if (!(v instanceof Map<?, ?>)) {
                    scalars.put(key, v);
                }
            });
            if (!scalars.isEmpty()) {
                md.append("| ").append(name).append(" | ").append(flat(scalars)).append(" |\n");
            }
            map.forEach((key, v) -> {
                if (v instanceof Map<?, ?>) {
                    md.append("| ").append(name).append(" (").append(key).append(") | ").append(flat(v)).append(" |\n");
                }
            });
        } else {
            md.append("| ").append(name).append(" | ").append(flat(value)).append(" |\n");
        }
    }

    /** The server's memory before and after the build of a REST run ({@link ServerMemory#summary}). */
    private static void memory(StringBuilder md, Map<String, Object> m) {
        md.append("\n## Server memory (REST)\n\n");
        if (m.containsKey("unavailable")) {
            md.append("Not measured: ").append(m.get("unavailable")).append(" (source: ").append(m.get("source")).append(").\n");
            return;
        }
        boolean heap = m.containsKey("heapBeforeBytes");
        md.append("Source: ").append(m.get("source")).append(".\n\n");
        md.append(heap ? "| reading | RSS MiB | heap in use MiB |\n|---|---|---|\n" : "| reading | RSS MiB |\n|---|---|\n");
        memoryRow(md, "before creating the collection", m.get("rssBeforeBytes"), heap ? m.get("heapBeforeBytes") : null, heap);
        memoryRow(md, "at green (upload + index done)", m.get("rssAtGreenBytes"), heap ? m.get("heapAtGreenBytes") : null, heap);
        if (m.get("rssAfterSettleBytes") != null) {
            memoryRow(md, "after " + m.get("settleSeconds") + " s settle", m.get("rssAfterSettleBytes"),
                    heap ? m.get("heapAfterSettleBytes") : null, heap);
        }
        memoryRow(md, "**after** = lower of the readings since green (RSS: " + m.get("rssAfterIs")
                + (heap ? "; heap: " + m.get("heapAfterIs") : "") + ")", m.get("rssAfterBytes"),
                heap ? m.get("heapAfterBytes") : null, heap);
        memoryRow(md, "**delta** (after − before)", m.get("rssDeltaBytes"), heap ? m.get("heapDeltaBytes") : null, heap);
        md.append(String.format(Locale.ROOT, "%nRSS delta per point: %,.0f bytes. Raw float32 vectors (n × dim × 4): %.1f MiB; "
                        + "graph links estimate (level 0, n × 2m × 4): %.1f MiB; RSS delta / (raw + links) = **%s**.%n",
                ((Number) m.get("rssDeltaBytesPerPoint")).doubleValue(), mib(m.get("rawVectorBytes")),
                mib(m.get("graphLinksEstimateBytes")), m.get("rssDeltaOverRawPlusLinks")));
        md.append("RSS counts what the JVM has taken from the OS, including heap it has not given back, so the delta "
                + "is an upper bound on what the collection keeps; heap in use moves with every GC.\n");
    }

    private static void memoryRow(StringBuilder md, String label, Object rss, Object heap, boolean withHeap) {
        md.append("| ").append(label).append(" | ").append(String.format(Locale.ROOT, "%,.1f", mib(rss)));
        if (withHeap) {
            md.append(" | ").append(String.format(Locale.ROOT, "%,.1f", mib(heap)));
        }
        md.append(" |\n");
    }

    private static double mib(Object bytes) {
        return bytes instanceof Number n ? n.doubleValue() / (1024 * 1024) : Double.NaN;
    }

    /** {@code --target both}: what REST costs on top of the index, per (filter, threads, ef). */
    private static void overhead(StringBuilder md, List<Map<String, Object>> rows) {
        md.append("\n## REST vs in-process\n\n");
        md.append("| filter | threads | ef | in-process QPS | REST QPS | REST / in-process QPS | in-process mean µs "
                + "| server mean µs | **server-side overhead µs** (server mean − in-process mean) "
                + "| in-process CPU µs/query | server CPU µs/req (of which JIT, GC threads) "
                + "| **server CPU overhead µs** (server CPU − in-process CPU) "
                + "| in-process p50 ms | REST p50 ms | client-observed overhead µs (REST p50 − in-process p50) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %,.0f | %.3f | %s | %s | **%s** | %s | %s | **%s** | %.3f | %.3f | %,.0f |%n",
                    r.get("filter"), r.get("threads"), r.get("ef"), num(r.get("inProcessQps")), num(r.get("restQps")),
                    num(r.get("restOverInProcessQps")), micros(r.get("inProcessMeanMicros")),
                    micros(r.get("serverMeanMicros")), micros(r.get("serverOverheadMicros")),
                    micros(r.get("inProcessCpuMicrosPerQuery")), serverCpu(r.get("serverCpuMicrosPerRequest"),
                            r.get("serverJitCpuMicrosPerRequest"), r.get("serverGcCpuMicrosPerRequest")),
                    micros(r.get("serverCpuOverheadMicros")),
                    num(r.get("inProcessP50Ms")), num(r.get("restP50Ms")), num(r.get("clientObservedP50OverheadMicros"))));
        }
        md.append("\nSame dataset, queries, ef values and thread counts; in-process first, then REST. **Server-side**: "
                + "the server's own mean time per search request (its request-timing filter, from the start of routing, "
                + "request line and headers read, to the response written; GET /metrics before and after each timed "
                + "pass) minus the in-process mean time of the index search alone; means are medians over the timed "
                + "passes of each pass's mean; n/a when /metrics gave no figure. On a machine with few cores the "
                + "server mean also counts time its threads wait for a core while the client runs. **Server CPU** "
                + "(--server-pid): the server process's CPU time per search request (utime + stime of /proc/PID/stat "
                + "over each timed pass / searches sent; all its threads, so its GC, JIT and any background work are "
                + "included; the tool searches only once the collection is green) minus the CPU time of the "
                + "in-process searching threads per query (ThreadMXBean); medians over the timed passes; waiting for "
                + "a core does not count, so this is the figure to read on a small shared machine; n/a without "
                + "--server-pid. The JIT and GC parts (threads of /proc/PID/task by name) show how much of it is "
                + "compiling and collecting: a large JIT part means the warm-up was too short for the server. **Client-observed**: REST p50 − "
                + "in-process p50 as the benchmark's threads see them, which adds the Java HTTP client, the client's "
                + "JSON work and the loopback. Client and server share the machine in the REST run, so the QPS ratio "
                + "and the client-observed figure also count the client's own CPU.\n");
    }

    private static double num(Object value) {
        return ((Number) value).doubleValue();
    }

    /** A map as "key: value; key: value" for a table cell. */
    private static String flat(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder();
            map.forEach((key, v) -> {
                if (!sb.isEmpty()) {
                    sb.append("; ");
                }
                sb.append(key).append(": ").append(v);
            });
            return sb.toString();
        }
        return String.valueOf(value);
    }

    /**
     * Recall on x, QPS on y, one line per (target, filter, threads). With two targets the lines are
     * named "in-process" and "REST" (plus filter and threads when there is more than one such group).
     */
    private static void chart(Path file, List<Series> all, int k, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(600).title(title)
                .xAxisTitle("recall@" + k).yAxisTitle("queries/s").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setXAxisDecimalPattern("0.000");
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        List<Sweep.Point> points = all.stream().flatMap(s -> s.points().stream()).toList();
        long groupCount = points.stream().map(p -> p.filter().key() + "/" + p.threads()).distinct().count();
        Map<String, List<Sweep.Point>> groups = new LinkedHashMap<>();
        for (Series s : all) {
            for (Sweep.Point p : s.points()) {
                String group = "filter " + p.filter().key() + ", " + p.threads() + " thr";
                String name = all.size() == 1 ? group : groupCount == 1 ? s.label() : s.label() + ", " + group;
                groups.computeIfAbsent(name, g -> new ArrayList<>()).add(p);
            }
        }
        double minRecall = 1;
        double maxQps = points.stream().mapToDouble(Sweep.Point::qpsMedian).max().orElse(1);
        for (Map.Entry<String, List<Sweep.Point>> g : groups.entrySet()) {
            double[] x = g.getValue().stream().mapToDouble(Sweep.Point::recall).toArray();
            double[] y = g.getValue().stream().mapToDouble(Sweep.Point::qpsMedian).toArray();
            XYSeries series = chart.addSeries(g.getKey(), x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
            for (Sweep.Point p : g.getValue()) {
                minRecall = Math.min(minRecall, p.recall());
                chart.addAnnotation(new AnnotationText("ef " + p.ef().label(), p.recall(), p.qpsMedian() + 0.03 * maxQps, false));
            }
        }
        chart.getStyler().setXAxisMin(Math.max(0, Math.floor((minRecall - 0.01) * 100) / 100));
        chart.getStyler().setXAxisMax(1.005);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    static double round(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
