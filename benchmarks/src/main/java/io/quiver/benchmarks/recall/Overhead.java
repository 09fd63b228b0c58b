package io.quiver.benchmarks.recall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server adds on top of the index ({@code --target both}): the same queries at the same
 * (filter, threads, ef) point in-process and over REST. The median latency difference is the cost of
 * one search's HTTP, JSON and planning as a client sees it; the QPS ratio is what is left of the
 * index's throughput (client and server share the machine, so it also counts the client's CPU).
 */
final class Overhead {

    /** One (filter, threads, ef) point measured by both targets. */
    record Row(FilterCase filter, int threads, Sweep.Ef ef, Sweep.Point inProcess, Sweep.Point rest) {
        double qpsRatio() {
            return rest.qpsMedian() / inProcess.qpsMedian();
        }

        double p50OverheadMicros() {
            return (rest.p50Ms() - inProcess.p50Ms()) * 1000;
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
            m.put("inProcessP50Ms", Report.round(r.inProcess().p50Ms(), 4));
            m.put("restQps", Report.round(r.rest().qpsMedian(), 1));
            m.put("restP50Ms", Report.round(r.rest().p50Ms(), 4));
            m.put("restOverInProcessQps", Report.round(r.qpsRatio(), 3));
            m.put("p50OverheadMicros", Report.round(r.p50OverheadMicros(), 1));
            m.put("inProcessRecall", Report.round(r.inProcess().recall(), 5));
            m.put("restRecall", Report.round(r.rest().recall(), 5));
            out.add(m);
        }
        return out;
    }
}
