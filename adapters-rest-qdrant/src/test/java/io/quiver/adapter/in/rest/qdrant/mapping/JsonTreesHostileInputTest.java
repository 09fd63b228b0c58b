package io.quiver.adapter.in.rest.qdrant.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies serde_json (and so Qdrant) refuses, which Jackson alone would let through. */
class JsonTreesHostileInputTest {

    static byte[] bytes(String prefix, int[] middle, String suffix) {
        byte[] a = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] c = suffix.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        for (int i = 0; i < middle.length; i++) {
            out[a.length + i] = (byte) middle[i];
        }
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }

    @Test
    void malformedUtf8IsRefusedWithItsPosition() {
        int[][] bad = {{0xC0, 0xAF}, {0xC1, 0xBF}, {0xE0, 0x80, 0xAF}, {0xED, 0xA0, 0x80}, {0xF0, 0x80, 0x80, 0xAF},
                {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80}, {0xFF}, {0x80}, {0xC3}, {0xE2, 0x82}, {0xC3, 0x28}};
        for (int[] b : bad) {
            assertThatThrownBy(() -> JsonTrees.parse(bytes("{\n \"a\": \"", b, "\"}")))
                    .isInstanceOf(MalformedJsonException.class).hasMessageContaining("line 2 column 8");
        }
    }

    @Test
    void wellFormedUtf8OfEveryLengthIsRead() {
        String text = "aé€😀";
        ObjectValue v = (ObjectValue) JsonTrees.parse(("{\"" + text + "\": \"" + text + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(v.fields().get(text)).isEqualTo(new StringValue(text));
        assertThat(JsonTrees.firstInvalidUtf8(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": \"\\ud800\"}", "{\"a\": \"x\\udc00\"}", "{\"\\ud83d\": 1}", "{\"a\": [\"\\ud800\\u0041\"]}"})
    void loneSurrogateEscapesAreRefused(String json) {
        assertThatThrownBy(() -> JsonTrees.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void aSurrogatePairEscapeIsOneCharacter() {
        ObjectValue v = (ObjectValue) JsonTrees.parse("{\"a\": \"\\ud83d\\ude00\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(v.fields().get("a")).isEqualTo(new StringValue("😀"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": 1e400}", "{\"a\": -1e400}", "[1e309]"})
    void numbersBeyondADoubleAreOutOfRange(String json) {
        assertThatThrownBy(() -> JsonTrees.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedJsonException.class).hasMessageStartingWith("number out of range");
    }

    @Test
    void byteOrderMarksAndUtf16AreRefused() {
        assertThatThrownBy(() -> JsonTrees.parse(bytes("", new int[] {0xEF, 0xBB, 0xBF}, "{}")))
                .isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> JsonTrees.parse("{}".getBytes(StandardCharsets.UTF_16)))
                .isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> JsonTrees.parse("{}".getBytes(StandardCharsets.UTF_16LE)))
                .isInstanceOf(MalformedJsonException.class);
    }
}
