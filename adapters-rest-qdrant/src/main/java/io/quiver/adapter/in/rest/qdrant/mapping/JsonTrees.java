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
                    String name = p.currentName();
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
            case VALUE_STRING -> new StringValue(p.getText());
            case VALUE_NUMBER_INT -> integer(p);
            case VALUE_NUMBER_FLOAT -> new DoubleValue(p.getDoubleValue());
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
                yield new DoubleValue(big.doubleValue());
            }
        };
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
