package io.quiver.adapter.in.rest.qdrant.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.BoolValue;
import io.quiver.domain.payload.PayloadValue.DoubleValue;
import io.quiver.domain.payload.PayloadValue.IntegerValue;
import io.quiver.domain.payload.PayloadValue.NullValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams JSON bytes into the domain's value tree and back, with Jackson's fast number parsing and no
 * intermediate Jackson tree. The one JSON factory of the REST adapter lives here.
 */
public final class JsonTrees {

    /** Deeper documents than this are rejected rather than risking the stack. */
    public static final int MAX_DEPTH = 256;

    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private JsonTrees() {
    }

    /** Parses a whole body; a malformed one raises {@link MalformedJsonException} with serde-like wording. */
    public static PayloadValue parse(byte[] body) {
        if (notUtf8(body)) {
            // JSON travels as UTF-8 (RFC 8259); Jackson would guess UTF-16/32 or skip a BOM, serde_json does not
            throw new MalformedJsonException("expected value at line 1 column 1");
        }
        int bad = firstInvalidUtf8(body);
        if (bad >= 0) {
            throw new MalformedJsonException("invalid UTF-8 at " + lineAndColumn(body, bad));
        }
        try (JsonParser p = FACTORY.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new MalformedJsonException("EOF while parsing a value at line 1 column 0");
            }
            PayloadValue value = read(p, first);
            if (p.nextToken() != null) {
                throw new MalformedJsonException("trailing characters at line " + p.currentLocation().getLineNr()
                        + " column " + p.currentLocation().getColumnNr());
            }
            return value;
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new MalformedJsonException("recursion limit exceeded: JSON nested deeper than " + MAX_DEPTH
                    + " levels" + locationOf(e));
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(e.getOriginalMessage() + locationOf(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The index of the first byte that is not well-formed UTF-8 (RFC 3629: no overlong forms, no
     * surrogates, nothing above U+10FFFF), or -1. Jackson lets some of these through (an overlong
     * {@code C0 AF} becomes {@code /}); serde_json, and so Qdrant, refuses them.
     */
    static int firstInvalidUtf8(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int length;
            int min = 0x80;
            int max = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                length = 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                length = 3;
                if (c == 0xE0) {
                    min = 0xA0; // overlong
                } else if (c == 0xED) {
                    max = 0x9F; // surrogates
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                length = 4;
                if (c == 0xF0) {
                    min = 0x90; // overlong
                } else if (c == 0xF4) {
                    max = 0x8F; // above U+10FFFF
                }
            } else {
                return i;
            }
            if (i + length > b.length) {
                return i;
            }
            int second = b[i + 1] & 0xFF;
            if (second < min || second > max) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                int next = b[i + k] & 0xFF;
                if (next < 0x80 || next > 0xBF) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }

    private static String lineAndColumn(byte[] b, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index; i++) {
            if (b[i] == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "line " + line + " column " + column;
    }

    /** A byte-order mark, or the zero bytes UTF-16 and UTF-32 put around ASCII, at the start. */
    private static boolean notUtf8(byte[] b) {
        if (b.length >= 2 && ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF || (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE)) {
            return true;
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return true;
        }
        return b.length >= 2 && (b[0] == 0 || b[1] == 0);
    }

    private static String locationOf(JsonProcessingException e) {
        if (e.getLocation() == null) {
            return "";
        }
        return " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
    }

    private static PayloadValue read(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                Map<String, PayloadValue> fields = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = checkedText(p, p.currentName());
                    fields.put(name, read(p, p.nextToken()));
                }
                yield new ObjectValue(fields);
            }
            case START_ARRAY -> {
                List<PayloadValue> items = new ArrayList<>();
                JsonToken v;
                while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(read(p, v));
                }
                yield new ArrayValue(items);
            }
            case VALUE_STRING -> new StringValue(checkedText(p, p.getText()));
            case VALUE_NUMBER_INT -> integer(p);
            case VALUE_NUMBER_FLOAT -> new DoubleValue(finite(p, p.getDoubleValue()));
            case VALUE_TRUE -> BoolValue.TRUE;
            case VALUE_FALSE -> BoolValue.FALSE;
            case VALUE_NULL -> PayloadValue.NULL;
            default -> throw new MalformedJsonException("unexpected token " + t + " at line "
                    + p.currentLocation().getLineNr() + " column " + p.currentLocation().getColumnNr());
        };
    }

    private static PayloadValue integer(JsonParser p) throws IOException {
        return switch (p.getNumberType()) {
            case INT, LONG -> new IntegerValue(p.getLongValue());
            default -> {
                BigInteger big = p.getBigIntegerValue();
                // unsigned 64-bit ids above Long.MAX_VALUE keep their bits; anything larger degrades to a double
                if (big.signum() >= 0 && big.bitLength() <= 64) {
                    yield new PayloadValue.UnsignedIntegerValue(big.longValue());
                }
                yield new DoubleValue(finite(p, big.doubleValue()));
            }
        };
    }

    /** A number JSON can write back: {@code 1e400} is out of range, as serde_json says, not infinity. */
    private static double finite(JsonParser p, double value) {
        if (!Double.isFinite(value)) {
            throw new MalformedJsonException("number out of range" + at(p));
        }
        return value;
    }

    /**
     * Text with no half of a surrogate pair on its own: {@code "\ud800"} is valid JSON syntax but no
     * Unicode text (serde_json refuses it), and would be stored as {@code ?}.
     */
    private static String checkedText(JsonParser p, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw new MalformedJsonException((Character.isHighSurrogate(c)
                            ? "lone leading surrogate in hex escape" : "invalid unicode code point") + at(p));
                }
            }
        }
        return text;
    }

    private static String at(JsonParser p) {
        return " at line " + p.currentLocation().getLineNr() + " column " + p.currentLocation().getColumnNr();
    }

    public static JsonGenerator generator(OutputStream out) {
        try {
            return FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(JsonGenerator g, PayloadValue v) throws IOException {
        switch (v) {
            case NullValue n -> g.writeNull();
            case BoolValue b -> g.writeBoolean(b.value());
            case IntegerValue i -> g.writeNumber(i.value());
            case PayloadValue.UnsignedIntegerValue u -> g.writeNumber(new BigInteger(u.toString()));
            case DoubleValue d -> writeDouble(g, d.value());
            case StringValue s -> g.writeString(s.value());
            case ArrayValue a -> {
                g.writeStartArray();
                for (PayloadValue x : a.values()) {
                    write(g, x);
                }
                g.writeEndArray();
            }
            case ObjectValue o -> {
                g.writeStartObject();
                for (Map.Entry<String, PayloadValue> e : o.fields().entrySet()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
        }
    }

    /** JSON has no NaN or infinity; Qdrant's serializer writes null for them. */
    public static void writeDouble(JsonGenerator g, double d) throws IOException {
        if (Double.isFinite(d)) {
            g.writeNumber(d);
        } else {
            g.writeNull();
        }
    }
}
