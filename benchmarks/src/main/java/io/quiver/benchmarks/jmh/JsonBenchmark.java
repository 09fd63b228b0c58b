package io.quiver.benchmarks.jmh;

import com.fasterxml.jackson.core.JsonGenerator;
import io.quiver.adapter.in.rest.qdrant.mapping.JsonTrees;
import io.quiver.adapter.in.rest.qdrant.mapping.PointsMapper;
import io.quiver.adapter.in.rest.qdrant.mapping.QueryMapper;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.PointRecord;
import io.quiver.domain.point.ScoredPoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The REST adapter's JSON work per request: parsing an upsert body ({@value #BATCH} points ×
 * {@value #DIM}-d with small payloads) into the domain, parsing a query body, and streaming a search
 * response of {@value #HITS} scored points with payload, as the response envelope does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class JsonBenchmark {

    static final int BATCH = 256;
    static final int DIM = 100;
    static final int HITS = 10;

    private byte[] upsertBody;
    private byte[] queryBody;
    private List<ScoredPoint> hits;
    private ByteArrayOutputStream out;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        StringBuilder sb = new StringBuilder(BATCH * DIM * 12);
        sb.append("{\"points\":[");
        for (int i = 0; i < BATCH; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"id\":").append(i + 1).append(",\"vector\":");
            appendVector(sb, random);
            sb.append(",\"payload\":{\"city\":\"city-").append(random.nextInt(50))
                    .append("\",\"price\":").append(String.format(Locale.ROOT, "%.2f", random.nextDouble() * 1000))
                    .append(",\"in_stock\":").append(random.nextBoolean())
                    .append(",\"tags\":[\"a").append(random.nextInt(10)).append("\",\"b").append(random.nextInt(10))
                    .append("\"]}}");
        }
        sb.append("]}");
        upsertBody = sb.toString().getBytes(StandardCharsets.UTF_8);

        StringBuilder q = new StringBuilder();
        q.append("{\"query\":");
        appendVector(q, random);
        q.append(",\"limit\":10,\"with_payload\":true,\"params\":{\"hnsw_ef\":128},")
                .append("\"filter\":{\"must\":[{\"key\":\"city\",\"match\":{\"value\":\"city-7\"}},")
                .append("{\"key\":\"price\",\"range\":{\"gte\":10,\"lt\":500}}]}}");
        queryBody = q.toString().getBytes(StandardCharsets.UTF_8);

        hits = new ArrayList<>();
        for (int i = 0; i < HITS; i++) {
            Map<String, PayloadValue> m = new LinkedHashMap<>();
            m.put("city", PayloadValue.of("city-" + random.nextInt(50)));
            m.put("price", PayloadValue.of(random.nextDouble() * 1000));
            m.put("in_stock", PayloadValue.of(random.nextBoolean()));
            m.put("tags", new ArrayValue(List.of(PayloadValue.of("a" + i), PayloadValue.of("b" + i))));
            PointRecord record = new PointRecord(PointId.of(1000L + i), new ObjectValue(m), null, null);
            hits.add(new ScoredPoint(record, 1f - i * 0.01f, 3));
        }
        out = new ByteArrayOutputStream(8192);

        // sanity: everything parses
        System.out.printf("%n[setup] upsert body %d bytes (%d points), query body %d bytes, response %d bytes%n",
                upsertBody.length, PointsMapper.upsert((ObjectValue) JsonTrees.parse(upsertBody), "").points().size(),
                queryBody.length, writeResponse(new ByteArrayOutputStream()).size());
        QueryMapper.request((ObjectValue) JsonTrees.parse(queryBody), "");
    }

    private static void appendVector(StringBuilder sb, Random random) {
        sb.append('[');
        for (int d = 0; d < DIM; d++) {
            if (d > 0) {
                sb.append(',');
            }
            sb.append((float) random.nextGaussian() * 0.1f);
        }
        sb.append(']');
    }

    /** Bytes → PayloadValue tree only. */
    @Benchmark
    public PayloadValue parseUpsertTree() {
        return JsonTrees.parse(upsertBody);
    }

    /** Bytes → tree → {@code UpdateOperation.Upsert} (what the upsert endpoint does before the service). */
    @Benchmark
    public Object parseUpsert() {
        return PointsMapper.upsert((ObjectValue) JsonTrees.parse(upsertBody), "");
    }

    /** Bytes → tree → {@code QueryRequest} for a 100-d query with a filter. */
    @Benchmark
    public Object parseQuery() {
        return QueryMapper.request((ObjectValue) JsonTrees.parse(queryBody), "");
    }

    /** Streaming a {@value #HITS}-hit search response wrapped like the envelope. */
    @Benchmark
    public void writeSearchResponse(Blackhole bh) {
        out.reset();
        bh.consume(writeResponse(out).size());
    }

    private ByteArrayOutputStream writeResponse(ByteArrayOutputStream target) {
        try (JsonGenerator g = JsonTrees.generator(target)) {
            g.writeStartObject();
            g.writeFieldName("result");
            PointsMapper.writeScoredPoints(g, hits);
            g.writeStringField("status", "ok");
            g.writeNumberField("time", 0.000123);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return target;
    }
}
