package io.quiver.benchmarks.recall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server adds on top of the index ({@code --target both}): the same queries at the same
 * (filter, threads, ef) point in-process and over REST, seen two ways.
 *
 * <ul>
 *   <li><b>server-side</b>: the server's own mean time per search request (its request filter, from the start
 *       of routing to the response written; {@link ServerTiming}) minus the in-process mean time of the index
 *       search alone. This is the cost of the REST adapter, JSON and the application's planning per search,
 *       without the client or the loopback. On a machine with few cores it also counts the time the server's
 *       threads wait for a core while the client runs.</li>
 *   <li><b>server CPU</b> ({@code --server-pid}): the server process's CPU time per search request ({@link ServerCpu};
 *       all its threads, GC and JIT included) minus the searching threads' CPU time per query in-process. It
 *       does not count waiting for a core, so it holds up when client and server share a small machine.</li>
 *   <li><b>client-observed</b>: REST p50 − in-process p50 as the benchmark's threads see it, which also counts
 *       the Java HTTP client, the client's JSON work and the loopback; the QPS ratio is what is left of the
 *       index's throughput (client and server share the machine, so it also counts the client's CPU).</li>
 * </ul>
 *
 * Means and CPU figures are medians over the timed passes of each pass's figure, for both targets.
 */
final class Overhead {

    /** JSON and table value when the server's timing was unavailable. */
    static final String NOT_AVAILABLE = "n/a";

    /** One (filter, threads, ef) point measured by both targets. */
    record Row(FilterCase filter, int threads, Sweep.Ef ef, Sweep.Point inProcess, Sweep.Point rest) {
        double qpsRatio() {
            return rest.qpsMedian() / inProcess.qpsMedian();
        }

        /** REST p50 − in-process p50, both as the benchmark's threads see them (client, loopback included). */
        double clientP50OverheadMicros() {
            return (rest.p50Ms() - inProcess.p50Ms()) * 1000;
        }

        /** In-process mean latency per search: the index search alone. */
        double inProcessMeanMicros() {
            return inProcess.meanMsMedian() * 1000;
        }

        /** The server's own mean time per search request; NaN when {@code /metrics} gave none. */
        double serverMeanMicros() {
            return rest.serverMeanMs() * 1000;
        }

        /** Server mean − in-process mean: what the server adds to a search; NaN when the server mean is unknown. */
        double serverOverheadMicros() {
            return serverMeanMicros() - inProcessMeanMicros();
        }

        /** CPU time of the in-process searching threads per query: the index search alone, on CPU. */
        double inProcessCpuMicros() {
            return inProcess.cpuMicrosMedian();
        }

        /** CPU time of the whole benchmark JVM per query in-process (its GC and JIT threads included). */
        double inProcessJvmCpuMicros() {
            return inProcess.jvmCpuMicrosMedian();
        }

        /** The server process's CPU time per search request; NaN without {@code --server-pid}. */
        double serverCpuMicros() {
            return rest.serverCpuMicros();
        }

        /** Server CPU per request − in-process CPU per query: what the server spends on top of the search. */
        double serverCpuOverheadMicros() {
            return serverCpuMicros() - inProcessCpuMicros();
        }
    }

    private Overhead() {
    }

    /** The points both sweeps have, in the order of the in-process sweep. */
    static List<Row> compare(List<Sweep.Point> inProcess, List<Sweep.Point> rest) {
        List<Row> rows = new ArrayList<>();
        for (Sweep.Point a : inProcess) {
            for (Sweep.Point b : rest) {
                if (a.filter() == b.filter() && a.threads() == b.threads() && a.ef().label().equals(b.ef().label())) {
                    rows.add(new Row(a.filter(), a.threads(), a.ef(), a, b));
                    break;
                }
            }
        }
        return rows;
    }

    static List<Map<String, Object>> json(List<Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("filter", r.filter().key());
            m.put("threads", r.threads());
            m.put("ef", r.ef().exact() ? "exact" : r.ef().value());
            m.put("inProcessQps", Report.round(r.inProcess().qpsMedian(), 1));
            m.put("restQps", Report.round(r.rest().qpsMedian(), 1));
            m.put("restOverInProcessQps", Report.round(r.qpsRatio(), 3));
            m.put("inProcessMeanMicros", Report.round(r.inProcessMeanMicros(), 1));
            m.put("serverMeanMicros", orNotAvailable(r.serverMeanMicros()));
            m.put("serverOverheadMicros", orNotAvailable(r.serverOverheadMicros()));
            m.put("inProcessCpuMicrosPerQuery", orNotAvailable(r.inProcessCpuMicros()));
            m.put("inProcessJvmCpuMicrosPerQuery", orNotAvailable(r.inProcessJvmCpuMicros()));
            m.put("serverCpuMicrosPerRequest", orNotAvailable(r.serverCpuMicros()));
            m.put("serverJitCpuMicrosPerRequest", orNotAvailable(r.rest().serverJitCpuMicros()));
            m.put("serverGcCpuMicrosPerRequest", orNotAvailable(r.rest().serverGcCpuMicros()));
            m.put("serverCpuOverheadMicros", orNotAvailable(r.serverCpuOverheadMicros()));
            m.put("inProcessP50Ms", Report.round(r.inProcess().p50Ms(), 4));
            m.put("restP50Ms", Report.round(r.rest().p50Ms(), 4));
            m.put("clientObservedP50OverheadMicros", Report.round(r.clientP50OverheadMicros(), 1));
            m.put("inProcessRecall", Report.round(r.inProcess().recall(), 5));
            m.put("restRecall", Report.round(r.rest().recall(), 5));
            out.add(m);
        }
        return out;
    }

    /** Rounded to 0.1, or {@value #NOT_AVAILABLE} for NaN. */
    static Object orNotAvailable(double micros) {
        return Double.isNaN(micros) ? NOT_AVAILABLE : Report.round(micros, 1);
    }
}
