package io.quiver.adapter.in.rest.qdrant.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonGenerator;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.DoubleValue;
import io.quiver.domain.payload.PayloadValue.IntegerValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTreesTest {

    private static PayloadValue parse(String json) {
        return JsonTrees.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static MalformedJsonException malformed(String json) {
        return malformed(json.getBytes(StandardCharsets.UTF_8));
    }

    private static MalformedJsonException malformed(byte[] body) {
        return catchThrowableOfType(MalformedJsonException.class, () -> JsonTrees.parse(body));
    }

    private static String write(PayloadValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonTrees.generator(out)) {
            JsonTrees.write(g, value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String nestedArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Nested
    class Parse {

        @Test
        void readsEveryValueKind() {
            PayloadValue value = parse("""
                    {"s": "text", "i": 42, "d": 1.5, "t": true, "f": false, "n": null,
                     "a": [1, "two", [3]], "o": {"k": {}}}""");

            assertThat(value).isEqualTo(new ObjectValue(Map.of(
                    "s", PayloadValue.of("text"), "i", PayloadValue.of(42), "d", PayloadValue.of(1.5),
                    "t", PayloadValue.of(true), "f", PayloadValue.of(false), "n", PayloadValue.NULL,
                    "a", new ArrayValue(List.of(PayloadValue.of(1), PayloadValue.of("two"),
                            new ArrayValue(List.of(PayloadValue.of(3))))),
                    "o", new ObjectValue(Map.of("k", ObjectValue.EMPTY)))));
        }

        @Test
        void keepsKeyOrderAsSent() {
            ObjectValue value = (ObjectValue) parse("{\"z\": 1, \"a\": 2, \"m\": 3}");

            assertThat(value.fields().keySet()).containsExactly("z", "a", "m");
        }

        @Test
        void aRepeatedKeyKeepsTheLastValue() {
            assertThat(parse("{\"a\": 1, \"a\": 2}")).isEqualTo(PayloadMother.json("{\"a\": 2}"));
        }

        @Test
        void anyValueMayBeTheRoot() {
            assertThat(parse("  7 ")).isEqualTo(PayloadValue.of(7));
            assertThat(parse("\"x\"")).isEqualTo(PayloadValue.of("x"));
            assertThat(parse("null")).isEqualTo(PayloadValue.NULL);
            assertThat(parse("[]")).isEqualTo(ArrayValue.EMPTY);
        }

        @Test
        void unescapesStrings() {
            assertThat(parse("\"a\\\"b\\\\c\\n\\u00fc\\ud83d\\ude00\"")).isEqualTo(PayloadValue.of("a\"b\\c\nü😀"));
        }

        @ParameterizedTest
        @CsvSource({
                "0, 0",
                "-1, -1",
                "9223372036854775807, 9223372036854775807",
                "-9223372036854775808, -9223372036854775808"})
        void integersInTheSignedRangeAreIntegers(String json, long expected) {
            assertThat(parse(json)).isEqualTo(new IntegerValue(expected));
        }

        @ParameterizedTest
        @ValueSource(strings = {"9223372036854775808", "12345678901234567890", "18446744073709551615"})
        void unsignedIntegersAboveLongMaxKeepTheirValueAndWriteBackUnchanged(String json) {
            PayloadValue value = parse(json);

            assertThat(value).isInstanceOf(PayloadValue.UnsignedIntegerValue.class);
            assertThat(value.toString()).isEqualTo(json);
            assertThat(write(value)).isEqualTo(json);
        }

        @Test
        void integersBeyondU64BecomeDoubles() {
            assertThat(parse("18446744073709551616")).isEqualTo(new DoubleValue(18446744073709551616.0));
            assertThat(parse("-9223372036854775809")).isEqualTo(new DoubleValue(-9223372036854775809.0));
            assertThat(parse(new BigInteger("10").pow(30).toString())).isEqualTo(new DoubleValue(1e30));
        }

        @ParameterizedTest
        @CsvSource({"1.0, 1.0", "0.1, 0.1", "-2.5e-3, -0.0025", "1E2, 100.0", "1e308, 1e308", "-0.0, -0.0",
                "4.9e-324, 4.9e-324", "3.141592653589793, 3.141592653589793"})
        void numbersWithAFractionOrExponentAreDoubles(String json, double expected) {
            PayloadValue value = parse(json);

            assertThat(value).isInstanceOf(DoubleValue.class);
            assertThat(Double.doubleToRawLongBits(((DoubleValue) value).value()))
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }

        @Test
        void documentsUpToTheDepthLimitAreRead() {
            PayloadValue value = parse(nestedArrays(JsonTrees.MAX_DEPTH));

            int depth = 0;
            while (value instanceof ArrayValue a && !a.values().isEmpty()) {
                value = a.values().getFirst();
                depth++;
            }
            assertThat(depth + 1).isEqualTo(JsonTrees.MAX_DEPTH);
        }

        @Test
        void deeperDocumentsAreRejected() {
            MalformedJsonException e = malformed(nestedArrays(JsonTrees.MAX_DEPTH + 1));

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("recursion limit exceeded").contains(String.valueOf(JsonTrees.MAX_DEPTH));
        }

        @Test
        void veryDeepDocumentsAreRejectedWithoutOverflowingTheStack() {
            assertThat(malformed("{\"a\":".repeat(100_000))).isNotNull();
        }
    }

    @Nested
    class Malformed {

        @Test
        void anEmptyBodyIsAnEofAtColumnZero() {
            assertThat(malformed(new byte[0]).getMessage()).isEqualTo("EOF while parsing a value at line 1 column 0");
            assertThat(malformed("   ").getMessage()).isEqualTo("EOF while parsing a value at line 1 column 0");
        }

        @Test
        void syntaxErrorsNameLineAndColumn() {
            MalformedJsonException e = malformed("{\n  \"vectors\": {\"size\": 4,,}\n}");

            assertThat(e.getMessage()).matches("(?s).+ at line 2 column \\d+");
        }

        @Test
        void anUnterminatedDocumentIsMalformed() {
            assertThat(malformed("{\"a\": [1, 2").getMessage()).matches("(?s).+ at line 1 column \\d+");
            assertThat(malformed("{\"a\": \"open").getMessage()).contains("at line 1 column");
        }

        @Test
        void trailingValuesAreRejected() {
            assertThat(malformed("{} {}").getMessage()).isEqualTo("trailing characters at line 1 column 5");
            assertThat(malformed("{} x")).isNotNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"NaN", "[Infinity]", "{'a': 1}", "{a: 1}", "[1,]", "01", "+1", "tru", "{\"a\" 1}",
                "\"\\x\"", "// comment\n{}"})
        void nonStandardJsonIsRejected(String json) {
            assertThat(malformed(json)).as(json).isNotNull();
        }

        @Test
        void invalidUtf8IsRejected() {
            byte[] body = {'"', (byte) 0xC3, (byte) 0x28, '"'};

            assertThat(malformed(body)).isNotNull();
        }
    }

    @Nested
    class Write {

        @Test
        void writesEveryValueKind() {
            PayloadValue value = PayloadMother.json("""
                    {"s": "t\\"x", "i": -3, "d": 0.5, "b": false, "n": null, "a": [1, [], {}], "o": {"k": "v"}}""");

            assertThat(write(value))
                    .isEqualTo("{\"s\":\"t\\\"x\",\"i\":-3,\"d\":0.5,\"b\":false,\"n\":null,\"a\":[1,[],{}],\"o\":{\"k\":\"v\"}}");
        }

        @Test
        void nanAndInfinitiesAreWrittenAsNull() {
            assertThat(write(new ArrayValue(List.of(PayloadValue.of(Double.NaN),
                    PayloadValue.of(Double.POSITIVE_INFINITY), PayloadValue.of(Double.NEGATIVE_INFINITY)))))
                    .isEqualTo("[null,null,null]");
        }

        @Test
        void writtenDoublesReadBackToTheSameBits() {
            for (double d : new double[] {0.1, -0.0, 1e300, 4.9e-324, 123456.789, Double.MAX_VALUE, 1.0}) {
                PayloadValue back = parse(write(PayloadValue.of(d)));

                assertThat(back).as("%s", d).isInstanceOf(DoubleValue.class);
                assertThat(Double.doubleToRawLongBits(((DoubleValue) back).value())).as("%s", d)
                        .isEqualTo(Double.doubleToRawLongBits(d));
            }
        }

        @Test
        void longsAreWrittenExactly() {
            assertThat(write(PayloadValue.of(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
            assertThat(write(PayloadValue.of(Long.MAX_VALUE))).isEqualTo("9223372036854775807");
        }

        @Test
        void unicodeIsWrittenAsUtf8AndReadsBackUnchanged() {
            String written = write(PayloadValue.of("Grüße 日本 👋"));

            assertThat(written).startsWith("\"Grüße 日本 ");
            assertThat(parse(written)).isEqualTo(PayloadValue.of("Grüße 日本 👋"));
        }

        @Test
        void parseThenWriteRoundTrips() {
            String json = "{\"id\":1,\"tags\":[\"a\",\"b\"],\"geo\":{\"lon\":13.4,\"lat\":52.5},\"x\":null,\"ok\":true}";

            assertThat(write(parse(json))).isEqualTo(json);
        }
    }
}
