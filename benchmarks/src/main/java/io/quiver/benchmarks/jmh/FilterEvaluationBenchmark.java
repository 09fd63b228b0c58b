package io.quiver.benchmarks.jmh;

import io.quiver.adapter.in.rest.qdrant.mapping.JsonTrees;
import io.quiver.adapter.out.storage.payloadindex.InMemoryPayloadIndexPort;
import io.quiver.application.port.out.PayloadIndex;
import io.quiver.domain.filter.FieldCondition;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.filter.FilterReader;
import io.quiver.domain.filter.PointView;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.index.PayloadSchemaType;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.point.PointId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
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
 * Payload filtering over {@value #POINTS} generated payloads: the full-scan path ({@link Filter#matches}
 * on every point, as an exact search with a filter does) and the payload-index path (a keyword index's
 * {@code matching} for the filter's keyword condition). Scores are per whole pass over the points, or
 * per index lookup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FilterEvaluationBenchmark {

    static final int POINTS = 10_000;

    static final String[] CITIES = {"Berlin", "London", "Paris", "Madrid", "Rome", "Vienna", "Prague", "Oslo"};
    static final String[] COLORS = {"red", "green", "blue", "black", "white"};
    static final String[] TAGS = {"new", "sale", "popular", "limited", "eco", "premium"};

    /** The "typical" filter: must (keyword + range), should (2 conditions), and a nested condition. */
    static final String FILTER_JSON = """
            {"filter": {
              "must": [
                {"key": "city", "match": {"value": "London"}},
                {"key": "price", "range": {"gte": 10.0, "lt": 500.0}}
              ],
              "should": [
                {"key": "color", "match": {"any": ["red", "blue"]}},
                {"key": "tags", "match": {"value": "sale"}}
              ],
              "must_not": [
                {"nested": {"key": "reviews", "filter": {"must": [
                  {"key": "score", "range": {"lt": 2}},
                  {"key": "verified", "match": {"value": true}}
                ]}}}
              ]
            }}
            """;

    /** A tiny {@link PointView} over a generated payload. */
    record View(PointId id, ObjectValue payload) implements PointView {
        @Override
        public boolean hasVector(String name) {
            return name.isEmpty();
        }
    }

    private View[] points;
    private Filter filter;
    private PayloadIndex cityIndex;
    private FieldCondition cityCondition;
    private byte[] filterBytes;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        points = new View[POINTS];
        for (int i = 0; i < POINTS; i++) {
            points[i] = new View(PointId.of(i + 1L), payload(random));
        }
        filterBytes = FILTER_JSON.getBytes(StandardCharsets.UTF_8);
        filter = FilterReader.read(((ObjectValue) JsonTrees.parse(filterBytes)).get("filter"), "filter");

        cityIndex = new InMemoryPayloadIndexPort().create(PayloadFieldSchema.of("city", PayloadSchemaType.KEYWORD));
        for (View p : points) {
            cityIndex.put(p.id(), p.payload());
        }
        cityCondition = (FieldCondition) filter.must().get(0);

        int matched = 0;
        for (View p : points) {
            matched += filter.matches(p) ? 1 : 0;
        }
        Optional<Set<PointId>> fromIndex = cityIndex.matching(cityCondition);
        System.out.printf("%n[setup] filter matches %d of %d points; keyword index returns %s ids%n",
                matched, POINTS, fromIndex.map(s -> String.valueOf(s.size())).orElse("no"));
    }

    static ObjectValue payload(Random random) {
        Map<String, PayloadValue> m = new LinkedHashMap<>();
        m.put("city", PayloadValue.of(CITIES[random.nextInt(CITIES.length)]));
        m.put("color", PayloadValue.of(COLORS[random.nextInt(COLORS.length)]));
        m.put("price", PayloadValue.of(Math.round(random.nextDouble() * 100_000) / 100.0));
        m.put("stock", PayloadValue.of((long) random.nextInt(1000)));
        List<PayloadValue> tags = new ArrayList<>();
        for (int t = random.nextInt(4); t > 0; t--) {
            tags.add(PayloadValue.of(TAGS[random.nextInt(TAGS.length)]));
        }
        m.put("tags", new ArrayValue(tags));
        List<PayloadValue> reviews = new ArrayList<>();
        for (int r = random.nextInt(4); r > 0; r--) {
            reviews.add(new ObjectValue(Map.of(
                    "score", PayloadValue.of((long) (1 + random.nextInt(5))),
                    "verified", PayloadValue.of(random.nextBoolean()))));
        }
        m.put("reviews", new ArrayValue(reviews));
        return new ObjectValue(m);
    }

    /** One full scan: the filter evaluated on every one of the {@value #POINTS} payloads. */
    @Benchmark
    public int scanMatches() {
        int matched = 0;
        for (View p : points) {
            if (filter.matches(p)) {
                matched++;
            }
        }
        return matched;
    }

    /** Reading the filter from JSON bytes (parse + FilterReader), as each filtered request does. */
    @Benchmark
    public Filter parseFilter() {
        return FilterReader.read(((ObjectValue) JsonTrees.parse(filterBytes)).get("filter"), "filter");
    }

    /** The keyword payload index answering the filter's {@code city} condition. */
    @Benchmark
    public void keywordIndexMatching(Blackhole bh) {
        bh.consume(cityIndex.matching(cityCondition));
    }

    /** The keyword index narrows the candidates, then the full filter checks only those. */
    @Benchmark
    public int indexThenFilter(Blackhole bh) {
        Optional<Set<PointId>> candidates = cityIndex.matching(cityCondition);
        int matched = 0;
        for (PointId id : candidates.orElseThrow()) {
            View p = points[(int) ((PointId.NumericId) id).value() - 1];
            if (filter.matches(p)) {
                matched++;
            }
        }
        bh.consume(candidates);
        return matched;
    }

}
