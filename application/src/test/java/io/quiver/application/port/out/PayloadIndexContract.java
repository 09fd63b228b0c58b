package io.quiver.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.domain.filter.AnyValues;
import io.quiver.domain.filter.DatetimeRange;
import io.quiver.domain.filter.FieldCondition;
import io.quiver.domain.filter.FilterMother;
import io.quiver.domain.filter.GeoBoundingBox;
import io.quiver.domain.filter.GeoLineString;
import io.quiver.domain.filter.GeoPoint;
import io.quiver.domain.filter.GeoPolygon;
import io.quiver.domain.filter.GeoRadius;
import io.quiver.domain.filter.Match;
import io.quiver.domain.filter.Range;
import io.quiver.domain.filter.TextTokenizer;
import io.quiver.domain.filter.TextTokenizer.Kind;
import io.quiver.domain.filter.ValuesCount;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.index.PayloadSchemaType;
import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadDateTime;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.BoolValue;
import io.quiver.domain.payload.PayloadValue.DoubleValue;
import io.quiver.domain.payload.PayloadValue.IntegerValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import io.quiver.domain.point.PointId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link PayloadIndexPort} must do. An adapter's test extends this class and supplies
 * {@link #port()}.
 *
 * <p>The heart of it is a brute-force comparison: several hundred random payloads (right and wrong
 * kinds of values, arrays, nested arrays, nulls, missing keys, three path shapes) are indexed, some
 * replaced and removed, and then for random conditions the index's answer must equal the set of points
 * the domain's own {@link FieldCondition#matches} accepts. Two kinds of condition follow index semantics
 * instead, as in Qdrant: on a text index, text/text_any/phrase are judged by tokens (an oracle built on
 * the domain {@link TextTokenizer}); on a uuid index, value/any compare UUIDs rather than spellings.
 *
 * <p>Which conditions an index must answer (the rest it may decline with an empty answer, but whatever
 * it answers must be exact):
 * <ul>
 *   <li>keyword: match value / any with strings, prefix — never except;</li>
 *   <li>integer: match value / any with integers (when {@code lookup} is not false), numeric ranges (when
 *       {@code range} is not false);</li>
 *   <li>float: numeric ranges; bool: match value with a boolean; datetime: datetime ranges;</li>
 *   <li>uuid: match value / any with UUID strings; geo: bounding box, radius, polygon;</li>
 *   <li>text: text, text_any, and phrase exactly when {@code phrase_matching} is true.</li>
 * </ul>
 * A text query without tokens matches nothing; a phrase must appear within one string of the point.
 * Ordered visits report ties in ascending id order in both directions, and {@code -0.0} as {@code 0.0}.
 *
 * <p>Shared with adapter modules through the application test-jar.
 */
public abstract class PayloadIndexContract {

    /** The port under test; a fresh one per call is fine. */
    protected abstract PayloadIndexPort port();

    private static final List<String> PATHS = List.of("f", "meta.f", "items[].f");
    private static final int POINTS = 300;
    private static final int CONDITIONS = 120;

    // ------------------------------------------------------------------------------------------------
    // Scenarios: an index kind with its parameters

    /** One index configuration; {@code params} is the schema's parameter object or null. */
    public record Scenario(String name, PayloadSchemaType type, String params) {
        @Override
        public String toString() {
            return name;
        }

        PayloadFieldSchema schema(String path) {
            ObjectValue p = params == null ? null : PayloadMother.json(params);
            return new PayloadFieldSchema(path, JsonPath.parse(path), type, p);
        }
    }

    static List<Scenario> scenarios() {
        return List.of(
                new Scenario("keyword", PayloadSchemaType.KEYWORD, null),
                new Scenario("keyword-prefix", PayloadSchemaType.KEYWORD, "{\"type\":\"keyword\",\"prefix\":true}"),
                new Scenario("integer", PayloadSchemaType.INTEGER, null),
                new Scenario("integer-no-lookup", PayloadSchemaType.INTEGER, "{\"type\":\"integer\",\"lookup\":false}"),
                new Scenario("integer-no-range", PayloadSchemaType.INTEGER, "{\"type\":\"integer\",\"range\":false}"),
                new Scenario("float", PayloadSchemaType.FLOAT, null),
                new Scenario("bool", PayloadSchemaType.BOOL, null),
                new Scenario("datetime", PayloadSchemaType.DATETIME, null),
                new Scenario("uuid", PayloadSchemaType.UUID, null),
                new Scenario("geo", PayloadSchemaType.GEO, null),
                new Scenario("text-word", PayloadSchemaType.TEXT, null),
                new Scenario("text-whitespace-cased", PayloadSchemaType.TEXT,
                        "{\"type\":\"text\",\"tokenizer\":\"whitespace\",\"lowercase\":false}"),
                new Scenario("text-prefix-bounded", PayloadSchemaType.TEXT,
                        "{\"type\":\"text\",\"tokenizer\":\"prefix\",\"min_token_len\":2,\"max_token_len\":4}"),
                new Scenario("text-prefix-phrase", PayloadSchemaType.TEXT,
                        "{\"type\":\"text\",\"tokenizer\":\"prefix\",\"phrase_matching\":true}"),
                new Scenario("text-multilingual-phrase", PayloadSchemaType.TEXT,
                        "{\"type\":\"text\",\"tokenizer\":\"multilingual\",\"phrase_matching\":true}"),
                new Scenario("text-stopwords-phrase", PayloadSchemaType.TEXT,
                        "{\"type\":\"text\",\"phrase_matching\":true,\"min_token_len\":2,"
                                + "\"stopwords\":{\"custom\":[\"The\",\"over\"]}}"));
    }

    static Stream<Arguments> scenariosAndPaths() {
        return scenarios().stream().flatMap(s -> PATHS.stream().map(p -> Arguments.of(s, p)));
    }

    static Stream<Arguments> facetScenarios() {
        return scenarios().stream().filter(s -> s.type().supportsFacet()).flatMap(s -> PATHS.stream()
                .map(p -> Arguments.of(s, p)));
    }

    static Stream<Arguments> orderScenarios() {
        return scenarios().stream().filter(s -> s.type().supportsOrdering()).flatMap(s -> PATHS.stream()
                .map(p -> Arguments.of(s, p)));
    }

    // ------------------------------------------------------------------------------------------------
    // A model of the indexed collection: what the index was told, to evaluate against

    private record Loaded(PayloadIndex index, Map<PointId, ObjectValue> payloads) {
    }

    private Loaded load(Scenario scenario, String path, long seed) {
        Random random = new Random(seed);
        PayloadIndex index = port().create(scenario.schema(path));
        Map<PointId, ObjectValue> model = new LinkedHashMap<>();
        List<PointId> ids = new ArrayList<>();
        for (int i = 0; i < POINTS; i++) {
            PointId id = i % 7 == 3 ? PointId.of(new UUID(random.nextLong(), random.nextLong())) : PointId.of(i * 3L);
            ids.add(id);
            ObjectValue payload = Payloads.payload(path, scenario.type(), random);
            index.put(id, payload);
            model.put(id, payload);
        }
        for (int i = 0; i < POINTS / 5; i++) {
            PointId id = ids.get(random.nextInt(ids.size()));
            ObjectValue payload = Payloads.payload(path, scenario.type(), random);
            index.put(id, payload);
            model.put(id, payload);
        }
        for (int i = 0; i < POINTS / 10; i++) {
            PointId id = ids.get(random.nextInt(ids.size()));
            index.remove(id);
            model.remove(id);
        }
        return new Loaded(index, model);
    }

    private static Set<PointId> expected(Map<PointId, ObjectValue> payloads, Predicate<ObjectValue> oracle) {
        return payloads.entrySet().stream().filter(e -> oracle.test(e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    // ------------------------------------------------------------------------------------------------
    // Basic bookkeeping

    private static PayloadIndex keywordIndex(PayloadIndexPort port) {
        return port.create(PayloadFieldSchema.of("color", PayloadSchemaType.KEYWORD));
    }

    @Test
    void aNewIndexIsEmptyAndKeepsItsSchema() {
        PayloadFieldSchema schema = PayloadFieldSchema.of("color", PayloadSchemaType.KEYWORD);
        PayloadIndex index = port().create(schema);

        assertThat(index.schema()).isEqualTo(schema);
        assertThat(index.indexedPoints()).isZero();
        assertThat(index.matching(FilterMother.matchValue("color", "red"))).contains(Set.of());
    }

    @Test
    void putReplacesWhatWasIndexedForThePoint() {
        PayloadIndex index = keywordIndex(port());
        PointId id = PointId.of(1);

        index.put(id, PayloadMother.json("{\"color\": [\"red\", \"green\"]}"));
        index.put(id, PayloadMother.json("{\"color\": \"blue\"}"));

        assertThat(index.matching(FilterMother.matchValue("color", "red"))).contains(Set.of());
        assertThat(index.matching(FilterMother.matchValue("color", "green"))).contains(Set.of());
        assertThat(index.matching(FilterMother.matchValue("color", "blue"))).contains(Set.of(id));
        assertThat(index.indexedPoints()).isEqualTo(1);
    }

    @Test
    void aPayloadWithoutTheFieldTakesThePointOutOfTheIndex() {
        PayloadIndex index = keywordIndex(port());
        index.put(PointId.of(1), PayloadMother.json("{\"color\": \"red\"}"));
        index.put(PointId.of(2), PayloadMother.json("{\"color\": \"red\"}"));

        index.put(PointId.of(1), PayloadMother.json("{\"size\": 3}"));
        index.put(PointId.of(2), PayloadMother.json("{\"color\": 7}"));

        assertThat(index.indexedPoints()).isZero();
        assertThat(index.matching(FilterMother.matchValue("color", "red"))).contains(Set.of());
    }

    @Test
    void removeForgetsThePointAndIgnoresUnknownIds() {
        PayloadIndex index = keywordIndex(port());
        index.put(PointId.of(1), PayloadMother.json("{\"color\": \"red\"}"));
        index.put(PointId.of(2), PayloadMother.json("{\"color\": \"red\"}"));

        index.remove(PointId.of(1));
        index.remove(PointId.of(99));
        index.remove(PointId.of(1));

        assertThat(index.indexedPoints()).isEqualTo(1);
        assertThat(index.matching(FilterMother.matchValue("color", "red"))).contains(Set.of(PointId.of(2)));
    }

    @Test
    void theAnswerIsACopyTheCallerCannotUseToChangeTheIndex() {
        PayloadIndex index = keywordIndex(port());
        index.put(PointId.of(1), PayloadMother.json("{\"color\": \"red\"}"));
        Set<PointId> answer = index.matching(FilterMother.matchValue("color", "red")).orElseThrow();

        try {
            answer.clear();
        } catch (UnsupportedOperationException immutable) {
            // fine: an immutable answer
        }
        index.put(PointId.of(2), PayloadMother.json("{\"color\": \"red\"}"));

        assertThat(index.matching(FilterMother.matchValue("color", "red")).orElseThrow())
                .containsExactlyInAnyOrder(PointId.of(1), PointId.of(2));
    }

    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("io.quiver.application.port.out.PayloadIndexContract#scenariosAndPaths")
    void indexedPointsCountsThePointsHoldingAValueOfTheIndexedKind(Scenario scenario, String path) {
        Loaded loaded = load(scenario, path, 11L * path.length() + scenario.name().hashCode());
        PayloadFieldSchema schema = loaded.index().schema();

        long expected = loaded.payloads().values().stream()
                .filter(payload -> !Oracle.indexedValues(schema, payload).isEmpty()).count();

        assertThat(loaded.index().indexedPoints()).isEqualTo(expected);
    }

    // ------------------------------------------------------------------------------------------------
    // The brute-force comparison

    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("io.quiver.application.port.out.PayloadIndexContract#scenariosAndPaths")
    void answersEqualBruteForceEvaluation(Scenario scenario, String path) {
        long seed = 31L * scenario.name().hashCode() + path.hashCode();
        Loaded loaded = load(scenario, path, seed);
        PayloadFieldSchema schema = loaded.index().schema();
        Random random = new Random(seed ^ 0x5DEECE66DL);
        int answered = 0;

        for (int i = 0; i < CONDITIONS; i++) {
            FieldCondition condition = Conditions.random(schema, random);
            Optional<Set<PointId>> answer = loaded.index().matching(condition);
            boolean required = Oracle.mustAnswer(schema, condition);
            if (required) {
                assertThat(answer).as("must answer %s", condition).isPresent();
            }
            if (answer.isPresent()) {
                answered++;
                Set<PointId> expected = expected(loaded.payloads(), Oracle.of(schema, condition));
                assertThat(answer.get()).as("answer to %s", condition).containsExactlyInAnyOrderElementsOf(expected);
                long estimate = loaded.index().estimate(condition);
                assertThat(estimate == -1 || estimate >= expected.size())
                        .as("estimate %d for %s, %d match", estimate, condition, expected.size()).isTrue();
            }
        }
        assertThat(answered).isPositive();
    }

    @Test
    void geoAnswersEqualBruteForceOnADenseWorld() {
        PayloadIndex index = port().create(PayloadFieldSchema.of("loc", PayloadSchemaType.GEO));
        Map<PointId, ObjectValue> model = new HashMap<>();
        Random random = new Random(2024);
        for (int i = 0; i < 3000; i++) {
            GeoPoint p = anywhere(random);
            ObjectValue payload = PayloadMother.with("loc", PayloadMother.geoPoint(p.lon(), p.lat()));
            index.put(PointId.of(i), payload);
            model.put(PointId.of(i), payload);
        }
        for (int i = 0; i < 300; i++) {
            GeoPoint a = anywhere(random);
            FieldCondition condition = switch (i % 3) {
                case 0 -> FieldCondition.geoRadius(JsonPath.of("loc"),
                        new GeoRadius(a, Math.exp(Math.log(1_000) + random.nextDouble() * Math.log(20_000))));
                case 1 -> {
                    GeoPoint b = anywhere(random);
                    yield FieldCondition.geoBoundingBox(JsonPath.of("loc"), new GeoBoundingBox(
                            new GeoPoint(a.lon(), Math.max(a.lat(), b.lat())),
                            new GeoPoint(b.lon(), Math.min(a.lat(), b.lat()))));
                }
                default -> {
                    GeoPoint b = anywhere(random);
                    GeoPoint c = anywhere(random);
                    yield FieldCondition.geoPolygon(JsonPath.of("loc"), GeoPolygon.of(FilterMother.ring(
                            a.lon(), a.lat(), b.lon(), b.lat(), c.lon(), c.lat())));
                }
            };

            assertThat(index.matching(condition).orElseThrow()).as("answer to %s", condition)
                    .containsExactlyInAnyOrderElementsOf(expected(model, condition::matches));
        }
    }

    /** Anywhere on Earth, with extra weight near the poles and the antimeridian. */
    private static GeoPoint anywhere(Random random) {
        double lon = random.nextDouble() * 360 - 180;
        double lat = random.nextDouble() * 180 - 90;
        return switch (random.nextInt(4)) {
            case 0 -> new GeoPoint(lon, Math.copySign(80 + random.nextDouble() * 10, lat));
            case 1 -> new GeoPoint(Math.copySign(175 + random.nextDouble() * 5, lon), lat);
            default -> new GeoPoint(lon, lat);
        };
    }

    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("io.quiver.application.port.out.PayloadIndexContract#scenariosAndPaths")
    void conditionsOfOtherKindsAreDeclinedOrAnsweredExactly(Scenario scenario, String path) {
        long seed = 17L * scenario.name().hashCode() + path.hashCode();
        Loaded loaded = load(scenario, path, seed);
        PayloadFieldSchema schema = loaded.index().schema();
        Random random = new Random(seed);

        for (PayloadSchemaType other : PayloadSchemaType.values()) {
            PayloadFieldSchema foreign = new PayloadFieldSchema(path, schema.path(), other,
                    other == PayloadSchemaType.TEXT ? PayloadMother.json("{\"type\":\"text\",\"phrase_matching\":true}")
                            : null);
            for (int i = 0; i < 25; i++) {
                FieldCondition condition = Conditions.random(foreign, random);
                Optional<Set<PointId>> answer = loaded.index().matching(condition);
                answer.ifPresent(ids -> assertThat(ids).as("answer to %s", condition)
                        .containsExactlyInAnyOrderElementsOf(expected(loaded.payloads(), Oracle.of(schema, condition))));
            }
        }
        for (FieldCondition condition : Conditions.shorthands(schema.path())) {
            Optional<Set<PointId>> answer = loaded.index().matching(condition);
            answer.ifPresent(ids -> assertThat(ids).as("answer to %s", condition)
                    .containsExactlyInAnyOrderElementsOf(expected(loaded.payloads(), condition::matches)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.quiver.application.port.out.PayloadIndexContract#scenarios")
    void conditionsOnAnotherKeyAreDeclined(Scenario scenario) {
        PayloadIndex index = port().create(scenario.schema("f"));
        index.put(PointId.of(1), PayloadMother.json("{\"f\": \"x\", \"g\": \"x\"}"));
        FieldCondition onOtherKey = Conditions.random(scenario.schema("g"), new Random(1));

        assertThat(index.matching(onOtherKey)).isEmpty();
    }

    @Test
    void aKeywordIndexLeavesExceptToTheEvaluator() {
        PayloadIndex index = keywordIndex(port());
        index.put(PointId.of(1), PayloadMother.json("{\"color\": \"red\"}"));

        assertThat(index.matching(FilterMother.matchExcept("color", "red"))).isEmpty();
        assertThat(index.matching(FilterMother.matchExceptEmpty("color"))).isEmpty();
    }

    @Test
    void aTextIndexWithoutPhraseMatchingDeclinesPhrases() {
        PayloadIndex index = port().create(PayloadFieldSchema.of("body", PayloadSchemaType.TEXT));
        index.put(PointId.of(1), PayloadMother.json("{\"body\": \"quick brown fox\"}"));

        assertThat(index.matching(FilterMother.matchPhrase("body", "brown fox"))).isEmpty();
        assertThat(index.matching(FilterMother.matchText("body", "brown fox"))).contains(Set.of(PointId.of(1)));
    }

    @Test
    void integerLookupAndRangeCanBeSwitchedOff() {
        PayloadIndex noLookup = port().create(new Scenario("", PayloadSchemaType.INTEGER,
                "{\"type\":\"integer\",\"lookup\":false}").schema("n"));
        PayloadIndex noRange = port().create(new Scenario("", PayloadSchemaType.INTEGER,
                "{\"type\":\"integer\",\"range\":false}").schema("n"));
        for (PayloadIndex index : List.of(noLookup, noRange)) {
            index.put(PointId.of(1), PayloadMother.json("{\"n\": 5}"));
        }

        assertThat(noLookup.matching(FilterMother.matchValue("n", 5))).isEmpty();
        assertThat(noLookup.matching(FilterMother.rangeGte("n", 5))).contains(Set.of(PointId.of(1)));
        assertThat(noRange.matching(FilterMother.rangeGte("n", 5))).isEmpty();
        assertThat(noRange.matching(FilterMother.matchValue("n", 5))).contains(Set.of(PointId.of(1)));
    }

    // ------------------------------------------------------------------------------------------------
    // Facets

    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("io.quiver.application.port.out.PayloadIndexContract#facetScenarios")
    void valueCountsEqualBruteForceCounting(Scenario scenario, String path) {
        Loaded loaded = load(scenario, path, 7L * scenario.name().hashCode() + path.hashCode());
        PayloadFieldSchema schema = loaded.index().schema();
        List<Predicate<PointId>> filters = List.of(id -> true, id -> id.hashCode() % 3 == 0, id -> false);

        for (Predicate<PointId> accept : filters) {
            Map<PayloadValue, Long> expected = new HashMap<>();
            loaded.payloads().forEach((id, payload) -> {
                if (accept.test(id)) {
                    for (PayloadValue value : Oracle.indexedValues(schema, payload)) {
                        expected.merge(value, 1L, Long::sum);
                    }
                }
            });

            assertThat(loaded.index().valueCounts(accept)).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.quiver.application.port.out.PayloadIndexContract#scenarios")
    void onlyFacetKindsCountValues(Scenario scenario) {
        Loaded loaded = load(scenario, "f", 5);
        if (!scenario.type().supportsFacet()) {
            assertThat(loaded.index().valueCounts(id -> true)).isEmpty();
        } else {
            assertThat(loaded.index().valueCounts(id -> true)).isNotEmpty();
        }
    }

    @Test
    void facetValuesAreTypedAndCanonical() {
        PayloadIndexPort port = port();
        PayloadIndex uuids = port.create(PayloadFieldSchema.of("u", PayloadSchemaType.UUID));
        uuids.put(PointId.of(1), PayloadMother.json("{\"u\": \"550E8400-E29B-41D4-A716-446655440000\"}"));
        uuids.put(PointId.of(2), PayloadMother.json("{\"u\": [\"550e8400e29b41d4a716446655440000\", \"nope\"]}"));
        PayloadIndex flags = port.create(PayloadFieldSchema.of("b", PayloadSchemaType.BOOL));
        flags.put(PointId.of(1), PayloadMother.json("{\"b\": [true, false, true]}"));
        PayloadIndex numbers = port.create(PayloadFieldSchema.of("n", PayloadSchemaType.INTEGER));
        numbers.put(PointId.of(1), PayloadMother.json("{\"n\": [1, 1.0, 2, 2]}"));

        assertThat(uuids.valueCounts(id -> true))
                .isEqualTo(Map.of(PayloadValue.of("550e8400-e29b-41d4-a716-446655440000"), 2L));
        assertThat(flags.valueCounts(id -> true)).isEqualTo(Map.of(PayloadValue.of(true), 1L, PayloadValue.of(false), 1L));
        assertThat(numbers.valueCounts(id -> true)).isEqualTo(Map.of(PayloadValue.of(1L), 1L, PayloadValue.of(2L), 1L));
    }

    // ------------------------------------------------------------------------------------------------
    // Ordered visits

    private record Visit(PayloadValue value, PointId id) {
    }

    private static List<Visit> visitAll(PayloadIndex index, boolean descending, Double startFrom, int limit) {
        List<Visit> visits = new ArrayList<>();
        index.visitOrdered(descending, startFrom, (value, id) -> {
            visits.add(new Visit(value, id));
            return visits.size() < limit;
        });
        return visits;
    }

    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("io.quiver.application.port.out.PayloadIndexContract#orderScenarios")
    void orderedVisitsEqualBruteForceSorting(Scenario scenario, String path) {
        long seed = 13L * scenario.name().hashCode() + path.hashCode();
        Loaded loaded = load(scenario, path, seed);
        PayloadFieldSchema schema = loaded.index().schema();
        Random random = new Random(seed);

        List<Double> starts = new ArrayList<>();
        starts.add(null);
        for (int i = 0; i < 12; i++) {
            starts.add(Oracle.randomStart(schema.type(), random));
        }
        for (Double start : starts) {
            for (boolean descending : List.of(false, true)) {
                List<Visit> expected = Oracle.orderedVisits(schema, loaded.payloads(), descending, start);

                assertThat(visitAll(loaded.index(), descending, start, Integer.MAX_VALUE))
                        .as("descending=%s from %s", descending, start).containsExactlyElementsOf(expected);
                int limit = 1 + random.nextInt(20);
                assertThat(visitAll(loaded.index(), descending, start, limit))
                        .as("first %d, descending=%s from %s", limit, descending, start)
                        .containsExactlyElementsOf(expected.subList(0, Math.min(limit, expected.size())));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.quiver.application.port.out.PayloadIndexContract#scenarios")
    void onlyOrderingKindsVisit(Scenario scenario) {
        Loaded loaded = load(scenario, "f", 3);
        List<Visit> visits = visitAll(loaded.index(), false, null, Integer.MAX_VALUE);
        if (scenario.type().supportsOrdering()) {
            assertThat(visits).isNotEmpty();
        } else {
            assertThat(visits).isEmpty();
        }
    }

    @Test
    void aPointWithSeveralValuesIsVisitedOncePerDistinctValueAndTiesGoByIdOrder() {
        PayloadIndex index = port().create(PayloadFieldSchema.of("n", PayloadSchemaType.INTEGER));
        PointId uuid = PointId.of(UUID.fromString("00000000-0000-0000-0000-000000000001"));
        index.put(uuid, PayloadMother.json("{\"n\": 2}"));
        index.put(PointId.of(9), PayloadMother.json("{\"n\": [3, 1, 3]}"));
        index.put(PointId.of(4), PayloadMother.json("{\"n\": 2}"));

        assertThat(visitAll(index, false, null, 100)).containsExactly(
                new Visit(PayloadValue.of(1L), PointId.of(9)),
                new Visit(PayloadValue.of(2L), PointId.of(4)),
                new Visit(PayloadValue.of(2L), uuid),
                new Visit(PayloadValue.of(3L), PointId.of(9)));
        assertThat(visitAll(index, true, 2.5, 100)).containsExactly(
                new Visit(PayloadValue.of(2L), PointId.of(4)),
                new Visit(PayloadValue.of(2L), uuid),
                new Visit(PayloadValue.of(1L), PointId.of(9)));
    }

    @Test
    void datetimesAreVisitedAsMicrosecondsSinceTheEpoch() {
        PayloadIndex index = port().create(PayloadFieldSchema.of("t", PayloadSchemaType.DATETIME));
        index.put(PointId.of(1), PayloadMother.json("{\"t\": \"2023-02-08T10:49:00.123456789+01:00\"}"));
        index.put(PointId.of(2), PayloadMother.json("{\"t\": \"1970-01-01\"}"));
        long micros = Instant.parse("2023-02-08T09:49:00.123456Z").toEpochMilli() * 1000 + 456;

        assertThat(visitAll(index, false, null, 100)).containsExactly(
                new Visit(PayloadValue.of(0L), PointId.of(2)),
                new Visit(PayloadValue.of(micros), PointId.of(1)));
        assertThat(visitAll(index, false, (double) micros, 100)).containsExactly(
                new Visit(PayloadValue.of(micros), PointId.of(1)));
        assertThat(visitAll(index, true, micros - 1.0, 100)).containsExactly(
                new Visit(PayloadValue.of(0L), PointId.of(2)));
    }

    // ------------------------------------------------------------------------------------------------
    // One writer, many readers

    @Test
    void readersRunSafelyAlongsideAWriter() throws Exception {
        Scenario scenario = scenarios().stream().filter(s -> s.type() == PayloadSchemaType.INTEGER).findFirst()
                .orElseThrow();
        PayloadIndex index = port().create(scenario.schema("f"));
        Map<PointId, ObjectValue> model = new HashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        FieldCondition range = FilterMother.range("f", null, null, -2.0, 3.0);
        FieldCondition value = FilterMother.matchValue("f", 1);

        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                try {
                    while (writing.get()) {
                        for (PointId id : index.matching(range).orElseThrow()) {
                            assertThat(id).isNotNull();
                        }
                        index.matching(value).orElseThrow().size();
                        index.valueCounts(id -> true);
                        index.estimate(range);
                        index.indexedPoints();
                        visitAll(index, true, null, 50);
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        Random random = new Random(99);
        long until = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < until) {
            PointId id = PointId.of(random.nextInt(200));
            if (random.nextInt(5) == 0) {
                index.remove(id);
                model.remove(id);
            } else {
                ObjectValue payload = Payloads.payload("f", PayloadSchemaType.INTEGER, random);
                index.put(id, payload);
                model.put(id, payload);
            }
        }
        writing.set(false);
        for (Thread reader : readers) {
            reader.join();
        }

        assertThat(failures).isEmpty();
        assertThat(index.matching(range).orElseThrow())
                .containsExactlyInAnyOrderElementsOf(expected(model, range::matches));
        assertThat(index.matching(value).orElseThrow())
                .containsExactlyInAnyOrderElementsOf(expected(model, value::matches));
    }

    // ================================================================================================
    // Random payloads

    /** Random field values: mostly of the index's kind, with noise of every other kind. */
    static final class Payloads {

        static final List<String> KEYWORDS = List.of("a", "ab", "abc", "b", "ba", "Apple", "apple", "app", "x y",
                "", "ümlaut", "日本", "550e8400-e29b-41d4-a716-446655440000");
        static final List<Long> INTEGERS = List.of(-3L, -2L, -1L, 0L, 1L, 2L, 3L, 7L, 1000L, Long.MIN_VALUE,
                Long.MAX_VALUE, 9_007_199_254_740_992L, 9_007_199_254_740_993L, -9_007_199_254_740_993L,
                Long.MAX_VALUE - 1);
        static final List<Double> DOUBLES = List.of(1.0, 2.5, -0.5, 3.0, -0.0, 0.0, 1e19, -1e19,
                9.007199254740994E15, 0.1, 1e-300);
        static final List<UUID> UUIDS = List.of(
                UUID.fromString("550e8400-e29b-41d4-a716-446655440000"),
                UUID.fromString("00000000-0000-0000-0000-000000000000"),
                UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                UUID.fromString("9f3c2d1e-0b4a-4c5d-8e6f-7a8b9c0d1e2f"));
        static final List<String> WORDS = List.of("The", "quick", "brown", "fox", "jumps", "over", "lazy", "dog",
                "Fox", "brownie", "co-op", "e-mail", "naïve", "日本語", "テスト", "x", "a", "FOX!", "over,");
        static final Instant EPOCH_BASE = Instant.parse("2023-01-01T00:00:00Z");
        static final List<double[]> GEO_CENTRES = List.of(new double[] {0, 0}, new double[] {179.5, 10},
                new double[] {-179.5, 10}, new double[] {10, 89.5}, new double[] {13.4, 52.5},
                new double[] {-70, -85});

        private Payloads() {
        }

        static <T> T pick(Random random, List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        static ObjectValue payload(String path, PayloadSchemaType type, Random random) {
            int shape = random.nextInt(14);
            if (shape == 0) {
                return PayloadMother.empty();
            }
            if (shape == 1) {
                return PayloadMother.with("other", fieldValue(type, random));
            }
            return switch (path) {
                case "f" -> PayloadMother.with("f", fieldValue(type, random));
                case "meta.f" -> shape == 2
                        ? PayloadMother.with("meta", fieldValue(type, random))
                        : PayloadMother.with("meta", PayloadMother.with("f", fieldValue(type, random)));
                case "items[].f" -> {
                    if (shape == 2) {
                        yield PayloadMother.with("items", PayloadMother.with("f", fieldValue(type, random)));
                    }
                    List<PayloadValue> items = new ArrayList<>();
                    int n = random.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        int kind = random.nextInt(6);
                        items.add(kind == 0 ? PayloadMother.with("g", fieldValue(type, random))
                                : kind == 1 ? fieldValue(type, random)
                                : PayloadMother.with("f", fieldValue(type, random)));
                    }
                    yield PayloadMother.with("items", new ArrayValue(items));
                }
                default -> throw new IllegalArgumentException(path);
            };
        }

        static PayloadValue fieldValue(PayloadSchemaType type, Random random) {
            int shape = random.nextInt(10);
            if (shape < 6) {
                return value(type, random);
            }
            List<PayloadValue> values = new ArrayList<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                values.add(value(type, random));
            }
            if (shape == 9) {
                values.add(new ArrayValue(List.of(value(type, random), value(type, random))));
            }
            return new ArrayValue(values);
        }

        static PayloadValue value(PayloadSchemaType type, Random random) {
            if (random.nextInt(5) == 0) {
                return noise(random);
            }
            return switch (type) {
                case KEYWORD -> PayloadValue.of(pick(random, KEYWORDS));
                case INTEGER -> random.nextInt(4) == 0 ? PayloadValue.of(pick(random, DOUBLES))
                        : PayloadValue.of(pick(random, INTEGERS));
                case FLOAT -> random.nextInt(3) == 0 ? PayloadValue.of(pick(random, INTEGERS))
                        : PayloadValue.of(random.nextBoolean() ? pick(random, DOUBLES) : (random.nextInt(41) - 20) / 4.0);
                case BOOL -> PayloadValue.of(random.nextBoolean());
                case DATETIME -> PayloadValue.of(datetimeText(random));
                case UUID -> PayloadValue.of(uuidText(random));
                case GEO -> geoValue(random);
                case TEXT -> PayloadValue.of(text(random));
            };
        }

        static PayloadValue noise(Random random) {
            return switch (random.nextInt(12)) {
                case 0 -> PayloadValue.NULL;
                case 1 -> PayloadValue.of(random.nextBoolean());
                case 2 -> PayloadValue.of(pick(random, INTEGERS));
                case 3 -> PayloadValue.of(pick(random, DOUBLES));
                case 4 -> PayloadValue.of(pick(random, KEYWORDS));
                case 5 -> PayloadValue.of(uuidText(random));
                case 6 -> PayloadValue.of(datetimeText(random));
                case 7 -> ArrayValue.EMPTY;
                case 8 -> PayloadMother.json("{\"x\": 1, \"f\": \"a\"}");
                case 9 -> geoValue(random);
                case 10 -> PayloadValue.of(text(random));
                default -> new ArrayValue(List.of(PayloadValue.of(pick(random, KEYWORDS)), PayloadValue.of(1L)));
            };
        }

        static Instant instant(Random random) {
            Instant base = EPOCH_BASE.plusSeconds(3600L * (random.nextInt(49) - 24));
            return switch (random.nextInt(5)) {
                case 0 -> base.plusSeconds(random.nextInt(120));
                case 1 -> base.plusNanos(random.nextInt(3) * 500);
                case 2 -> base.plusNanos(random.nextInt(1_000_000_000));
                default -> base;
            };
        }

        static String datetimeText(Random random) {
            int form = random.nextInt(12);
            if (form == 0) {
                return pick(random, List.of("2023-01-01T10:49", "yesterday", "", "2023-13-01", "2023-01-01T00:00:00+25:00"));
            }
            Instant instant = instant(random);
            return render(instant, random);
        }

        static String render(Instant instant, Random random) {
            ZoneOffset offset = pick(random, List.of(ZoneOffset.UTC, ZoneOffset.ofHours(1), ZoneOffset.ofHoursMinutes(-5, -30),
                    ZoneOffset.ofHours(2)));
            LocalDateTime local = LocalDateTime.ofInstant(instant, offset);
            if (offset == ZoneOffset.UTC && local.toLocalTime().toNanoOfDay() == 0 && random.nextBoolean()) {
                return local.toLocalDate().toString();
            }
            String date = local.format(DateTimeFormatter.ofPattern("uuuu-MM-dd"));
            String time = local.format(DateTimeFormatter.ofPattern("HH:mm:ss"));
            if (local.getNano() != 0) {
                time += "." + String.format(Locale.ROOT, "%09d", local.getNano());
            }
            String separator = random.nextBoolean() ? "T" : " ";
            String zone;
            if (offset == ZoneOffset.UTC) {
                zone = pick(random, List.of("Z", "", " UTC", "+00:00"));
            } else {
                String id = offset.getId();
                zone = random.nextBoolean() ? id : id.replace(":", "");
            }
            return date + separator + time + zone;
        }

        static String uuidText(Random random) {
            if (random.nextInt(10) == 0) {
                return pick(random, List.of("not-a-uuid", "550e8400-e29b-41d4-a716-44665544000", " 550e8400-e29b-41d4-a716-446655440000",
                        "g50e8400-e29b-41d4-a716-446655440000"));
            }
            return spell(pick(random, UUIDS), random);
        }

        static String spell(UUID uuid, Random random) {
            String canonical = uuid.toString();
            return switch (random.nextInt(8)) {
                case 0 -> canonical.toUpperCase(Locale.ROOT);
                case 1 -> canonical.replace("-", "");
                case 2 -> "{" + canonical + "}";
                case 3 -> "urn:uuid:" + canonical;
                default -> canonical;
            };
        }

        static PayloadValue geoValue(Random random) {
            int form = random.nextInt(20);
            if (form == 0) {
                return pick(random, List.of(PayloadMother.json("{\"lon\": \"1\", \"lat\": 2}"),
                        PayloadMother.json("{\"lat\": 1}"), PayloadMother.json("{\"lon\": 200, \"lat\": 10}"),
                        PayloadMother.json("{\"lon\": 10, \"lat\": 95.5}"), PayloadMother.json("{\"lon\": 1, \"lat\": 1}"),
                        PayloadMother.json("{\"lat\": -0.5, \"lon\": 0.5, \"name\": \"x\"}")));
            }
            if (form == 1) {
                return PayloadMother.geoPoint(random.nextDouble() * 360 - 180, random.nextDouble() * 180 - 90);
            }
            double[] centre = pick(random, GEO_CENTRES);
            double spread = pick(random, List.of(0.01, 0.5, 3.0));
            double lon = wrapLon(centre[0] + (random.nextDouble() * 2 - 1) * spread);
            double lat = Math.max(-90, Math.min(90, centre[1] + (random.nextDouble() * 2 - 1) * spread));
            return PayloadMother.geoPoint(lon, lat);
        }

        static double wrapLon(double lon) {
            return lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
        }

        static String text(Random random) {
            int n = random.nextInt(6);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    text.append(pick(random, List.of(" ", " ", ", ", "  ", "-")));
                }
                text.append(pick(random, WORDS));
            }
            return text.toString();
        }
    }

    // ================================================================================================
    // Random conditions

    /** Random conditions of the kinds an index of a schema's type answers. */
    static final class Conditions {

        private Conditions() {
        }

        static FieldCondition random(PayloadFieldSchema schema, Random random) {
            JsonPath key = schema.path();
            return switch (schema.type()) {
                case KEYWORD -> switch (random.nextInt(3)) {
                    case 0 -> FieldCondition.match(key, Match.value(Payloads.pick(random, Payloads.KEYWORDS)));
                    case 1 -> FieldCondition.match(key, Match.any(new AnyValues.Strings(
                            new LinkedHashSet<>(sample(random, Payloads.KEYWORDS, random.nextInt(4))))));
                    default -> FieldCondition.match(key, new Match.Prefix(prefixOf(random, Payloads.KEYWORDS)));
                };
                case INTEGER -> switch (random.nextInt(4)) {
                    case 0 -> FieldCondition.match(key, Match.value(Payloads.pick(random, Payloads.INTEGERS)));
                    case 1 -> FieldCondition.match(key, Match.any(new AnyValues.Integers(
                            new LinkedHashSet<>(sample(random, Payloads.INTEGERS, random.nextInt(4))))));
                    default -> FieldCondition.range(key, range(random));
                };
                case FLOAT -> FieldCondition.range(key, range(random));
                case BOOL -> FieldCondition.match(key, Match.value(random.nextBoolean()));
                case DATETIME -> FieldCondition.datetimeRange(key, datetimeRange(random));
                case UUID -> random.nextBoolean()
                        ? FieldCondition.match(key, Match.value(Payloads.uuidText(random)))
                        : FieldCondition.match(key, Match.any(new AnyValues.Strings(new LinkedHashSet<>(
                                Stream.generate(() -> Payloads.uuidText(random)).limit(random.nextInt(4)).toList()))));
                case GEO -> switch (random.nextInt(3)) {
                    case 0 -> FieldCondition.geoBoundingBox(key, box(random));
                    case 1 -> FieldCondition.geoRadius(key, circle(random));
                    default -> FieldCondition.geoPolygon(key, polygon(random));
                };
                case TEXT -> switch (random.nextInt(3)) {
                    case 0 -> FieldCondition.match(key, new Match.Text(query(random)));
                    case 1 -> FieldCondition.match(key, new Match.TextAny(query(random)));
                    default -> FieldCondition.match(key, new Match.Phrase(random.nextBoolean() ? Payloads.text(random)
                            : query(random)));
                };
            };
        }

        /** Shorthand conditions on the key; an index may decline them, but any answer must be exact. */
        static List<FieldCondition> shorthands(JsonPath key) {
            return List.of(FieldCondition.isEmpty(key, true), FieldCondition.isEmpty(key, false),
                    FieldCondition.isNull(key, true), FieldCondition.isNull(key, false),
                    FieldCondition.valuesCount(key, new ValuesCount(null, null, 2L, null)),
                    FieldCondition.valuesCount(key, new ValuesCount(1L, null, null, null)),
                    FieldCondition.match(key, Match.except(AnyValues.strings("a", "b"))),
                    FieldCondition.match(key, Match.except(AnyValues.integers(1, 2))),
                    FieldCondition.match(key, Match.except(AnyValues.EMPTY)),
                    FieldCondition.match(key, Match.any(AnyValues.EMPTY)),
                    new FieldCondition(key, Match.value("a"), new Range(null, null, 0.0, 2.0), null, null, null, null,
                            null, null, null));
        }

        static <T> List<T> sample(Random random, List<T> values, int n) {
            List<T> picked = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                picked.add(Payloads.pick(random, values));
            }
            return picked;
        }

        static String prefixOf(Random random, List<String> words) {
            String word = Payloads.pick(random, words);
            if (random.nextInt(8) == 0) {
                return "zz";
            }
            return word.substring(0, random.nextInt(word.length() + 1));
        }

        static Double bound(Random random) {
            return switch (random.nextInt(7)) {
                case 0 -> null;
                case 1 -> (double) Payloads.pick(random, Payloads.INTEGERS);
                case 2 -> Payloads.pick(random, Payloads.DOUBLES);
                case 3 -> Payloads.pick(random, List.of(0.5, -2.5, 9.223372036854775807E18, -9.223372036854775808E18,
                        1e300, -1e300, 9.007199254740992E15));
                default -> (random.nextInt(41) - 20) / 4.0;
            };
        }

        static Range range(Random random) {
            Double low = bound(random);
            Double high = bound(random);
            boolean strictLow = random.nextBoolean();
            boolean strictHigh = random.nextBoolean();
            Double extra = random.nextInt(6) == 0 ? bound(random) : null;
            return new Range(strictHigh ? high : null, strictLow ? low : extra, strictLow ? extra : low,
                    strictHigh ? null : high);
        }

        static Instant instantBound(Random random) {
            return switch (random.nextInt(6)) {
                case 0 -> null;
                case 1 -> Payloads.instant(random).plusNanos(random.nextBoolean() ? 1 : -1);
                default -> Payloads.instant(random);
            };
        }

        static DatetimeRange datetimeRange(Random random) {
            Instant low = instantBound(random);
            Instant high = instantBound(random);
            boolean strictLow = random.nextBoolean();
            boolean strictHigh = random.nextBoolean();
            return new DatetimeRange(strictHigh ? high : null, strictLow ? low : null, strictLow ? null : low,
                    strictHigh ? null : high);
        }

        static GeoPoint near(Random random, double spread) {
            double[] centre = Payloads.pick(random, Payloads.GEO_CENTRES);
            double lon = Payloads.wrapLon(centre[0] + (random.nextDouble() * 2 - 1) * spread);
            double lat = Math.max(-90, Math.min(90, centre[1] + (random.nextDouble() * 2 - 1) * spread));
            return new GeoPoint(lon, lat);
        }

        static GeoBoundingBox box(Random random) {
            GeoPoint a = near(random, 4);
            double width = Payloads.pick(random, List.of(0.02, 1.0, 5.0, 40.0));
            double height = Payloads.pick(random, List.of(0.02, 1.0, 5.0, 40.0));
            double west = Payloads.wrapLon(a.lon() - width);
            double east = Payloads.wrapLon(a.lon() + width);
            double north = Math.min(90, a.lat() + height);
            double south = Math.max(-90, a.lat() - height);
            if (random.nextInt(8) == 0) {
                double swap = west;
                west = east;
                east = swap;
            }
            return new GeoBoundingBox(new GeoPoint(west, north), new GeoPoint(east, south));
        }

        static GeoRadius circle(Random random) {
            return new GeoRadius(near(random, 3), Payloads.pick(random, List.of(0.0, 2_000.0, 100_000.0, 500_000.0,
                    2_000_000.0, 8_000_000.0, 25_000_000.0)));
        }

        static GeoPolygon polygon(Random random) {
            GeoPoint c = near(random, 3);
            double half = Payloads.pick(random, List.of(0.05, 1.0, 3.0));
            double minLon = Math.max(-180, c.lon() - half);
            double maxLon = Math.min(180, c.lon() + half);
            double minLat = Math.max(-90, c.lat() - half);
            double maxLat = Math.min(90, c.lat() + half);
            GeoLineString exterior = random.nextBoolean()
                    ? FilterMother.square(minLon, minLat, maxLon, maxLat)
                    : FilterMother.ring(minLon, minLat, maxLon, minLat, c.lon(), maxLat);
            if (random.nextInt(3) == 0) {
                double q = half / 3;
                GeoLineString hole = FilterMother.square(Math.max(-180, c.lon() - q), Math.max(-90, c.lat() - q),
                        Math.min(180, c.lon() + q), Math.min(90, c.lat() + q));
                return new GeoPolygon(exterior, List.of(hole));
            }
            return GeoPolygon.of(exterior);
        }

        static String query(Random random) {
            int n = random.nextInt(4);
            List<String> words = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String word = Payloads.pick(random, Payloads.WORDS);
                words.add(random.nextInt(4) == 0 ? word.substring(0, 1 + random.nextInt(word.length())) : word);
            }
            return String.join(" ", words);
        }
    }

    // ================================================================================================
    // What the answers should be

    static final class Oracle {

        private Oracle() {
        }

        static boolean mustAnswer(PayloadFieldSchema schema, FieldCondition c) {
            Match match = c.match();
            return switch (schema.type()) {
                case KEYWORD -> match instanceof Match.Value(StringValue _)
                        || match instanceof Match.Any(AnyValues.Strings _)
                        || match instanceof Match.Prefix;
                case INTEGER -> schema.flag("lookup", true) && (match instanceof Match.Value(IntegerValue _)
                        || match instanceof Match.Any(AnyValues.Integers _))
                        || schema.flag("range", true) && c.range() != null;
                case FLOAT -> c.range() != null;
                case BOOL -> match instanceof Match.Value(BoolValue _);
                case DATETIME -> c.datetimeRange() != null;
                case UUID -> !wantedUuids(match).isEmpty() || match instanceof Match.Any(AnyValues any) && any.isEmpty();
                case GEO -> c.geoBoundingBox() != null || c.geoRadius() != null || c.geoPolygon() != null;
                case TEXT -> match instanceof Match.Text || match instanceof Match.TextAny
                        || match instanceof Match.Phrase && schema.flag("phrase_matching", false);
            };
        }

        /** Who decides which points a condition matches, for an index of this schema. */
        static Predicate<ObjectValue> of(PayloadFieldSchema schema, FieldCondition c) {
            Match match = c.match();
            boolean onlyMatch = c.range() == null && c.datetimeRange() == null && c.geoBoundingBox() == null
                    && c.geoRadius() == null && c.geoPolygon() == null && c.valuesCount() == null
                    && c.isEmpty() == null && c.isNull() == null;
            if (schema.type() == PayloadSchemaType.TEXT && onlyMatch
                    && (match instanceof Match.Text || match instanceof Match.TextAny || match instanceof Match.Phrase)) {
                return payload -> textMatches(schema, match, schema.path().flattenedValues(payload));
            }
            if (schema.type() == PayloadSchemaType.UUID && onlyMatch && !wantedUuids(match).isEmpty()) {
                Set<UUID> wanted = wantedUuids(match).get();
                return payload -> schema.path().flattenedValues(payload).stream().anyMatch(v ->
                        v instanceof StringValue s && uuid(s.value()).map(wanted::contains).orElse(false));
            }
            return c::matches;
        }

        /** The UUIDs a value/any match asks for when every listed string is one; empty otherwise. */
        static Optional<Set<UUID>> wantedUuids(Match match) {
            List<String> texts = switch (match) {
                case Match.Value(StringValue s) -> List.of(s.value());
                case Match.Any(AnyValues.Strings strings) when !strings.isEmpty() -> List.copyOf(strings.values());
                case null, default -> List.of();
            };
            Set<UUID> uuids = new HashSet<>();
            for (String text : texts) {
                Optional<UUID> uuid = uuid(text);
                if (uuid.isEmpty()) {
                    return Optional.empty();
                }
                uuids.add(uuid.get());
            }
            return uuids.isEmpty() ? Optional.empty() : Optional.of(uuids);
        }

        static Optional<UUID> uuid(String text) {
            if (text.isEmpty() || !text.strip().equals(text)) {
                return Optional.empty();
            }
            try {
                return Optional.of(((PointId.UuidId) PointId.parseUuid(text)).value());
            } catch (RuntimeException notAUuid) {
                return Optional.empty();
            }
        }

        static TextTokenizer tokenizer(PayloadFieldSchema schema, boolean withLengths) {
            ObjectValue params = schema.params();
            String kindName = params != null && params.get("tokenizer") instanceof StringValue s ? s.value() : "word";
            Kind kind = Kind.valueOf(kindName.toUpperCase(Locale.ROOT));
            boolean lowercase = schema.flag("lowercase", true);
            TextTokenizer tokenizer = TextTokenizer.of(kind).withLowercase(lowercase);
            if (params != null && params.get("stopwords") instanceof ObjectValue set
                    && set.get("custom") instanceof ArrayValue custom) {
                Set<String> words = new HashSet<>();
                for (PayloadValue word : custom.values()) {
                    String w = ((StringValue) word).value();
                    words.add(lowercase ? w.toLowerCase(Locale.ROOT) : w);
                }
                tokenizer = tokenizer.withStopwords(words);
            }
            if (withLengths) {
                Integer min = params != null && params.get("min_token_len") instanceof IntegerValue i ? (int) i.value() : null;
                Integer max = params != null && params.get("max_token_len") instanceof IntegerValue i ? (int) i.value() : null;
                tokenizer = tokenizer.withTokenLengths(min, max);
            }
            return tokenizer;
        }

        static boolean textMatches(PayloadFieldSchema schema, Match match, List<PayloadValue> values) {
            TextTokenizer tokenizer = tokenizer(schema, true);
            List<String> strings = values.stream().filter(v -> v instanceof StringValue)
                    .map(v -> ((StringValue) v).value()).toList();
            Set<String> tokens = new HashSet<>();
            strings.forEach(s -> tokens.addAll(tokenizer.indexTokens(s)));
            return switch (match) {
                case Match.Text(String text) -> {
                    List<String> query = tokenizer.queryTokens(text);
                    yield !query.isEmpty() && tokens.containsAll(query);
                }
                case Match.TextAny(String text) -> tokenizer.queryTokens(text).stream().anyMatch(tokens::contains);
                case Match.Phrase(String phrase) -> {
                    List<String> query = tokenizer.queryTokens(phrase);
                    boolean prefix = tokenizer.kind() == Kind.PREFIX;
                    TextTokenizer words = prefix ? tokenizer(schema, false) : tokenizer;
                    yield !query.isEmpty() && strings.stream().anyMatch(s -> {
                        List<String> sequence = words.tokenize(s);
                        for (int start = 0; start + query.size() <= sequence.size(); start++) {
                            boolean all = true;
                            for (int i = 0; i < query.size() && all; i++) {
                                String word = sequence.get(start + i);
                                all = prefix ? word.startsWith(query.get(i)) : word.equals(query.get(i));
                            }
                            if (all) {
                                return true;
                            }
                        }
                        return false;
                    });
                }
                default -> throw new IllegalArgumentException(match.toString());
            };
        }

        /**
         * The distinct indexed values of a payload, as facets report them (for the kinds without facets,
         * as the ordering reports them, or a marker per value): a point counts as indexed when non-empty.
         */
        static Set<PayloadValue> indexedValues(PayloadFieldSchema schema, ObjectValue payload) {
            Set<PayloadValue> found = new LinkedHashSet<>();
            for (PayloadValue value : schema.path().flattenedValues(payload)) {
                switch (schema.type()) {
                    case KEYWORD -> {
                        if (value instanceof StringValue) {
                            found.add(value);
                        }
                    }
                    case INTEGER -> {
                        if (value instanceof IntegerValue) {
                            found.add(value);
                        }
                    }
                    case FLOAT -> {
                        if (value instanceof IntegerValue || value instanceof DoubleValue) {
                            found.add(PayloadValue.of(value.asNumber() + 0.0));
                        }
                    }
                    case BOOL -> {
                        if (value instanceof BoolValue) {
                            found.add(value);
                        }
                    }
                    case DATETIME -> {
                        if (value instanceof StringValue s) {
                            PayloadDateTime.parse(s.value()).ifPresent(t -> found.add(PayloadValue.of(micros(t))));
                        }
                    }
                    case UUID -> {
                        if (value instanceof StringValue s) {
                            uuid(s.value()).ifPresent(u -> found.add(PayloadValue.of(u.toString())));
                        }
                    }
                    case GEO -> {
                        if (value instanceof ObjectValue o && o.get("lon") != null && o.get("lat") != null
                                && o.get("lon").asNumber() != null && o.get("lat").asNumber() != null) {
                            found.add(value);
                        }
                    }
                    case TEXT -> {
                        if (value instanceof StringValue s) {
                            tokenizer(schema, true).indexTokens(s.value()).forEach(t -> found.add(PayloadValue.of(t)));
                        }
                    }
                }
            }
            return found;
        }

        static long micros(Instant instant) {
            return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
        }

        static Double randomStart(PayloadSchemaType type, Random random) {
            return switch (type) {
                case INTEGER -> switch (random.nextInt(4)) {
                    case 0 -> (double) Payloads.pick(random, Payloads.INTEGERS);
                    case 1 -> Payloads.pick(random, List.of(0.5, -2.5, 1e300, -1e300, 9.223372036854775807E18,
                            -9.223372036854775808E18, 9.007199254740992E15));
                    default -> (double) (random.nextInt(11) - 5);
                };
                case FLOAT -> random.nextBoolean() ? Payloads.pick(random, Payloads.DOUBLES) : (random.nextInt(41) - 20) / 4.0
                        + (random.nextBoolean() ? 0.125 : 0);
                case DATETIME -> (double) micros(Payloads.instant(random)) + random.nextInt(3) - 1;
                default -> null;
            };
        }

        private static int compare(PayloadValue value, double start) {
            return switch (value) {
                case IntegerValue i -> new BigDecimal(i.value()).compareTo(new BigDecimal(start));
                case DoubleValue d -> Double.compare(d.value(), start + 0.0);
                default -> throw new IllegalArgumentException(value.toString());
            };
        }

        private static int compareValues(PayloadValue a, PayloadValue b) {
            return switch (a) {
                case IntegerValue i -> Long.compare(i.value(), ((IntegerValue) b).value());
                case DoubleValue d -> Double.compare(d.value(), ((DoubleValue) b).value());
                default -> throw new IllegalArgumentException(a.toString());
            };
        }

        static List<Visit> orderedVisits(PayloadFieldSchema schema, Map<PointId, ObjectValue> payloads,
                                         boolean descending, Double start) {
            List<Visit> visits = new ArrayList<>();
            Map<PointId, ObjectValue> byId = new TreeMap<>(payloads);
            byId.forEach((id, payload) -> {
                for (PayloadValue value : indexedValues(schema, payload)) {
                    if (start == null || (descending ? compare(value, start) <= 0 : compare(value, start) >= 0)) {
                        visits.add(new Visit(value, id));
                    }
                }
            });
            Comparator<Visit> byValue = (a, b) -> compareValues(a.value(), b.value());
            visits.sort((descending ? byValue.reversed() : byValue).thenComparing(Visit::id));
            return visits;
        }
    }
}
