package io.quiver.adapter.out.storage.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.quiver.domain.error.InternalException;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.DoubleValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadCodecTest {

    private static PayloadValue roundTrip(PayloadValue value) {
        return PayloadCodec.decode(PayloadCodec.encode(value));
    }

    @Nested
    class RoundTrip {

        static Stream<PayloadValue> scalars() {
            return Stream.of(PayloadValue.NULL, PayloadValue.of(true), PayloadValue.of(false),
                    PayloadValue.of(0), PayloadValue.of(1), PayloadValue.of(-1), PayloadValue.of(63), PayloadValue.of(-64),
                    PayloadValue.of(64), PayloadValue.of(-65), PayloadValue.of(Integer.MAX_VALUE),
                    PayloadValue.of(Integer.MIN_VALUE), PayloadValue.of(Long.MAX_VALUE), PayloadValue.of(Long.MIN_VALUE),
                    PayloadValue.of(Long.MAX_VALUE - 1), PayloadValue.of(Long.MIN_VALUE + 1),
                    PayloadValue.of(0.0), PayloadValue.of(1.5), PayloadValue.of(-2.25e-300), PayloadValue.of(Double.MAX_VALUE),
                    PayloadValue.of(Double.MIN_VALUE), PayloadValue.of(Double.POSITIVE_INFINITY),
                    PayloadValue.of(Double.NEGATIVE_INFINITY), PayloadValue.of(""), PayloadValue.of("plain"),
                    ArrayValue.EMPTY, ObjectValue.EMPTY);
        }

        @ParameterizedTest
        @MethodSource("scalars")
        void everyValueKindComesBackEqual(PayloadValue value) {
            PayloadValue decoded = roundTrip(value);

            assertThat(decoded).isEqualTo(value);
            assertThat(decoded.getClass()).isEqualTo(value.getClass());
        }

        @Test
        void integersAndDoublesStayDistinct() {
            assertThat(roundTrip(PayloadValue.of(1))).isInstanceOf(PayloadValue.IntegerValue.class);
            assertThat(roundTrip(PayloadValue.of(1.0))).isInstanceOf(DoubleValue.class);
        }

        @Test
        void nanSurvivesBitForBit() {
            double quietNan = Double.longBitsToDouble(0x7ff8_0000_0000_0001L);

            PayloadValue decoded = roundTrip(PayloadValue.of(quietNan));

            assertThat(Double.isNaN(((DoubleValue) decoded).value())).isTrue();
            assertThat(Double.doubleToRawLongBits(((DoubleValue) decoded).value()))
                    .isEqualTo(Double.doubleToRawLongBits(quietNan));
        }

        @Test
        void negativeZeroKeepsItsSign() {
            double decoded = ((DoubleValue) roundTrip(PayloadValue.of(-0.0))).value();

            assertThat(Double.doubleToRawLongBits(decoded)).isEqualTo(Double.doubleToRawLongBits(-0.0));
            assertThat(roundTrip(PayloadValue.of(-0.0))).isNotEqualTo(PayloadValue.of(0.0));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Grüße", "日本語のテキスト", "emoji 👋🏽 and flags 🇺🇦", "zero\u0000byte", "tab\tnew\nline",
                "\uD800 lone surrogate is replaced", "مرحبا", "\uFFFF"})
        void unicodeTextSurvives(String text) {
            PayloadValue decoded = roundTrip(PayloadValue.of(text));
            String expected = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

            assertThat(decoded).isEqualTo(PayloadValue.of(expected));
        }

        @Test
        void unicodeKeysSurvive() {
            ObjectValue doc = PayloadMother.json("{\"ключ\": 1, \"🔑\": [\"値\"], \"\": null}");

            assertThat(roundTrip(doc)).isEqualTo(doc);
        }

        @Test
        void keyOrderIsKept() {
            Map<String, PayloadValue> fields = new LinkedHashMap<>();
            for (String k : List.of("z", "a", "m", "b", "y")) {
                fields.put(k, PayloadValue.of(k));
            }

            ObjectValue decoded = PayloadCodec.decodeObject(PayloadCodec.encode(new ObjectValue(fields)));

            assertThat(decoded.fields().keySet()).containsExactly("z", "a", "m", "b", "y");
        }

        @Test
        void aRealisticDocumentSurvives() {
            ObjectValue doc = PayloadMother.json("""
                    {"city": "Berlin", "population": 3645000, "area": 891.8, "capital": true, "mayor": null,
                     "location": {"lon": 13.405, "lat": 52.52},
                     "districts": [{"name": "Mitte", "zip": [10115, 10117]}, {"name": "Pankow", "zip": []}],
                     "tags": ["big", "old", "", "🐻"], "ids": [-1, 0, 9223372036854775807]}""");

            assertThat(PayloadCodec.decodeObject(PayloadCodec.encode(doc))).isEqualTo(doc);
        }

        @Test
        void longStringsAndLargeArraysSurvive() {
            String big = "x".repeat(100_000) + "ü";
            List<PayloadValue> many = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                many.add(PayloadValue.of((long) i * 1_000_003L - 5_000_000_000L));
            }
            ObjectValue doc = new ObjectValue(Map.of("big", PayloadValue.of(big), "many", new ArrayValue(many)));

            assertThat(roundTrip(doc)).isEqualTo(doc);
        }

        @Test
        void deepNestingUpToTheLimitSurvives() {
            PayloadValue deep = nested(512);

            assertThat(roundTrip(deep)).isEqualTo(deep);
        }

        @RepeatedTest(20)
        void randomTreesSurvive() {
            Random random = new Random();
            long seed = random.nextLong();
            PayloadValue tree = randomTree(new Random(seed), 6);

            assertThat(roundTrip(tree)).as("seed %d", seed).isEqualTo(tree);
        }

        @Test
        void theEncodingIsCompact() {
            assertThat(PayloadCodec.encode(PayloadValue.of(5))).hasSize(3);
            assertThat(PayloadCodec.encode(PayloadValue.of(true))).hasSize(2);
            assertThat(PayloadCodec.encode(PayloadValue.of("ab"))).hasSize(5);
            assertThat(PayloadCodec.encode(PayloadValue.of(Long.MIN_VALUE))).hasSize(12);
        }

        @Test
        void theFirstByteIsTheFormatVersion() {
            assertThat(PayloadCodec.encode(PayloadValue.NULL)).containsExactly(1, 0);
        }
    }

    @Nested
    class Rejection {

        static Stream<byte[]> truncatedEncodings() {
            byte[] full = PayloadCodec.encode(PayloadMother.json("""
                    {"name": "Grüße", "n": -123456789012, "x": 2.5, "list": [true, null, {"k": "v"}]}"""));
            List<byte[]> prefixes = new ArrayList<>();
            for (int length = 0; length < full.length; length++) {
                prefixes.add(Arrays.copyOf(full, length));
            }
            return prefixes.stream();
        }

        @ParameterizedTest
        @MethodSource("truncatedEncodings")
        void everyTruncationIsAnInternalException(byte[] truncated) {
            assertThatThrownBy(() -> PayloadCodec.decode(truncated)).isExactlyInstanceOf(InternalException.class);
        }

        @Test
        void anEmptyArrayOrUnknownVersionIsRejected() {
            assertThatThrownBy(() -> PayloadCodec.decode(new byte[0]))
                    .isExactlyInstanceOf(InternalException.class)
                    .hasMessage("stored payload has an unknown format version");
            assertThatThrownBy(() -> PayloadCodec.decode(new byte[] {2, 0}))
                    .isExactlyInstanceOf(InternalException.class)
                    .hasMessage("stored payload has an unknown format version");
        }

        @Test
        void anUnknownTagIsRejected() {
            assertThatThrownBy(() -> PayloadCodec.decode(new byte[] {1, 42}))
                    .isExactlyInstanceOf(InternalException.class)
                    .hasMessage("stored payload has an unknown tag 42");
        }

        @Test
        void trailingBytesAreRejected() {
            assertThatThrownBy(() -> PayloadCodec.decode(new byte[] {1, 0, 0}))
                    .isExactlyInstanceOf(InternalException.class)
                    .hasMessage("stored payload has trailing bytes");
        }

        @Test
        void impossibleLengthsAreRejectedWithoutAllocating() {
            // an array claiming 2^62 elements, a string claiming more bytes than remain
            byte[] hugeArray = {1, 6, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                    (byte) 0xFF, (byte) 0xFF, 0x3F};
            byte[] longString = {1, 5, 100, 'a', 'b'};

            assertThatThrownBy(() -> PayloadCodec.decode(hugeArray))
                    .isExactlyInstanceOf(InternalException.class)
                    .hasMessage("stored payload has an impossible length");
            assertThatThrownBy(() -> PayloadCodec.decode(longString))
                    .isExactlyInstanceOf(InternalException.class)
                    .hasMessage("stored payload has an impossible length");
        }

        @Test
        void aNumberOfMoreThanTenVarintBytesIsRejected() {
            byte[] endless = new byte[14];
            Arrays.fill(endless, (byte) 0x80);
            endless[0] = 1;
            endless[1] = 3;

            assertThatThrownBy(() -> PayloadCodec.decode(endless))
                    .isExactlyInstanceOf(InternalException.class)
                    .hasMessage("stored payload has a malformed number");
        }

        @Test
        void nestingBeyondTheLimitIsRejectedWithoutOverflowingTheStack() {
            byte[] deep = new byte[1 + 2 * 100_000 + 1];
            deep[0] = 1;
            for (int i = 0; i < 100_000; i++) {
                deep[1 + 2 * i] = 6;
                deep[2 + 2 * i] = 1;
            }

            assertThatThrownBy(() -> PayloadCodec.decode(deep))
                    .isExactlyInstanceOf(InternalException.class)
                    .hasMessage("stored payload is nested too deeply");
        }

        @Test
        void oneLevelBeyondTheLimitIsRejectedOnRead() {
            // written by hand: encode() itself refuses such a tree (see the next test)
            byte[] encoded = new byte[1 + 2 * 513 + 1];
            encoded[0] = 1;
            for (int level = 0; level < 513; level++) {
                encoded[1 + 2 * level] = 6;
                encoded[2 + 2 * level] = 1;
            }

            assertThatThrownBy(() -> PayloadCodec.decode(encoded))
                    .isExactlyInstanceOf(InternalException.class)
                    .hasMessage("stored payload is nested too deeply");
        }

        @Test
        void encodingRefusesWhatDecodingWouldReject() {
            assertThatThrownBy(() -> PayloadCodec.encode(nested(513))).isExactlyInstanceOf(InternalException.class);
        }

        @Test
        void aDocumentThatIsNotAnObjectIsRejectedByDecodeObject() {
            assertThatThrownBy(() -> PayloadCodec.decodeObject(PayloadCodec.encode(PayloadValue.of("x"))))
                    .isExactlyInstanceOf(InternalException.class)
                    .hasMessage("stored document is not an object");
        }

        @RepeatedTest(200)
        void garbageNeverEscapesAsAnotherExceptionType() {
            Random random = new Random();
            long seed = random.nextLong();
            Random r = new Random(seed);
            byte[] garbage = new byte[1 + r.nextInt(64)];
            r.nextBytes(garbage);
            garbage[0] = 1;

            Throwable thrown = catchThrowable(() -> PayloadCodec.decode(garbage));

            assertThat(thrown).as("seed %d", seed).satisfiesAnyOf(
                    t -> assertThat(t).isNull(),
                    t -> assertThat(t).isExactlyInstanceOf(InternalException.class));
        }

        @RepeatedTest(50)
        void flippedBytesInAValidEncodingNeverEscapeAsAnotherExceptionType() {
            Random random = new Random();
            long seed = random.nextLong();
            Random r = new Random(seed);
            byte[] bytes = PayloadCodec.encode(randomTree(r, 4));
            int flips = 1 + r.nextInt(3);
            for (int i = 0; i < flips; i++) {
                bytes[1 + r.nextInt(bytes.length - 1)] ^= (byte) (1 << r.nextInt(8));
            }

            Throwable thrown = catchThrowable(() -> PayloadCodec.decode(bytes));

            assertThat(thrown).as("seed %d", seed).satisfiesAnyOf(
                    t -> assertThat(t).isNull(),
                    t -> assertThat(t).isExactlyInstanceOf(InternalException.class));
        }
    }

    static PayloadValue nested(int depth) {
        PayloadValue v = PayloadValue.of("bottom");
        for (int i = 0; i < depth; i++) {
            v = i % 2 == 0 ? new ArrayValue(List.of(v)) : new ObjectValue(Map.of("k", v));
        }
        return v;
    }

    static PayloadValue randomTree(Random r, int depth) {
        int kind = r.nextInt(depth <= 0 ? 5 : 7);
        return switch (kind) {
            case 0 -> PayloadValue.NULL;
            case 1 -> PayloadValue.of(r.nextBoolean());
            case 2 -> PayloadValue.of(r.nextBoolean() ? r.nextLong() : r.nextInt(200) - 100);
            case 3 -> PayloadValue.of(r.nextBoolean() ? r.nextGaussian() * 1e6 : Double.longBitsToDouble(r.nextLong()));
            case 4 -> PayloadValue.of(randomString(r));
            case 5 -> {
                List<PayloadValue> items = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    items.add(randomTree(r, depth - 1));
                }
                yield new ArrayValue(items);
            }
            default -> {
                Map<String, PayloadValue> fields = new LinkedHashMap<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    fields.put(randomString(r), randomTree(r, depth - 1));
                }
                yield new ObjectValue(fields);
            }
        };
    }

    private static String randomString(Random r) {
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
            int cp = switch (r.nextInt(4)) {
                case 0 -> 'a' + r.nextInt(26);
                case 1 -> 0x00C0 + r.nextInt(0x100);
                case 2 -> 0x4E00 + r.nextInt(0x500);
                default -> 0x1F600 + r.nextInt(0x40);
            };
            s.appendCodePoint(cp);
        }
        return s.toString();
    }
}
