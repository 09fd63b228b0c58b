package io.quiver.domain.payload;

import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Payloads for tests, written as JSON so that a test reads like the request a client would send.
 * Integers become {@link PayloadValue.IntegerValue}; numbers with a fraction or exponent become
 * {@link PayloadValue.DoubleValue}, so {@code 1} and {@code 1.0} stay distinct as in Qdrant.
 */
public final class PayloadMother {

    private PayloadMother() {
    }

    /** An object payload from JSON text. */
    public static ObjectValue json(String json) {
        PayloadValue value = value(json);
        if (!(value instanceof ObjectValue object)) {
            throw new IllegalArgumentException("not a JSON object: " + json);
        }
        return object;
    }

    /** Any JSON value. */
    public static PayloadValue value(String json) {
        return new JsonReader(json).document();
    }

    public static ObjectValue empty() {
        return ObjectValue.EMPTY;
    }

    /** A geo point payload value as Qdrant stores it. */
    public static ObjectValue geoPoint(double lon, double lat) {
        Map<String, PayloadValue> fields = new LinkedHashMap<>();
        fields.put("lon", PayloadValue.of(lon));
        fields.put("lat", PayloadValue.of(lat));
        return new ObjectValue(fields);
    }

    /** A one-key payload. */
    public static ObjectValue with(String key, PayloadValue value) {
        Map<String, PayloadValue> fields = new LinkedHashMap<>();
        fields.put(key, value);
        return new ObjectValue(fields);
    }

    /** A small, strict JSON reader: enough for test fixtures, not a general parser. */
    private static final class JsonReader {
        private final String text;
        private int position;

        JsonReader(String text) {
            this.text = text;
        }

        PayloadValue document() {
            PayloadValue value = read();
            skipSpace();
            if (position != text.length()) {
                throw error("trailing text");
            }
            return value;
        }

        private PayloadValue read() {
            skipSpace();
            if (position >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(position);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> PayloadValue.of(string());
                case 't' -> literal("true", PayloadValue.of(true));
                case 'f' -> literal("false", PayloadValue.of(false));
                case 'n' -> literal("null", PayloadValue.NULL);
                default -> number();
            };
        }

        private ObjectValue object() {
            position++;
            Map<String, PayloadValue> fields = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                position++;
                return new ObjectValue(fields);
            }
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                fields.put(key, read());
                skipSpace();
                if (peek() == ',') {
                    position++;
                } else {
                    expect('}');
                    return new ObjectValue(fields);
                }
            }
        }

        private ArrayValue array() {
            position++;
            List<PayloadValue> values = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                position++;
                return new ArrayValue(values);
            }
            while (true) {
                values.add(read());
                skipSpace();
                if (peek() == ',') {
                    position++;
                } else {
                    expect(']');
                    return new ArrayValue(values);
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder s = new StringBuilder();
            while (true) {
                if (position >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(position++);
                if (c == '"') {
                    return s.toString();
                }
                if (c != '\\') {
                    s.append(c);
                    continue;
                }
                char escaped = text.charAt(position++);
                switch (escaped) {
                    case 'n' -> s.append('\n');
                    case 't' -> s.append('\t');
                    case 'r' -> s.append('\r');
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'u' -> {
                        s.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                        position += 4;
                    }
                    default -> s.append(escaped);
                }
            }
        }

        private PayloadValue number() {
            int start = position;
            while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
                position++;
            }
            String digits = text.substring(start, position);
            if (digits.isEmpty()) {
                throw error("unexpected character");
            }
            boolean integral = digits.chars().noneMatch(ch -> ch == '.' || ch == 'e' || ch == 'E');
            return integral ? PayloadValue.of(Long.parseLong(digits)) : PayloadValue.of(Double.parseDouble(digits));
        }

        private PayloadValue literal(String word, PayloadValue value) {
            if (!text.startsWith(word, position)) {
                throw error("unexpected literal");
            }
            position += word.length();
            return value;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            position++;
        }

        private char peek() {
            return position < text.length() ? text.charAt(position) : '\0';
        }

        private void skipSpace() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at " + position + " in: " + text);
        }
    }
}
