package io.quiver.adapter.out.storage.codec;

import io.quiver.domain.error.InternalException;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.BoolValue;
import io.quiver.domain.payload.PayloadValue.DoubleValue;
import io.quiver.domain.payload.PayloadValue.IntegerValue;
import io.quiver.domain.payload.PayloadValue.NullValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compact, self-describing binary form of a payload tree: one tag byte per value, variable-length
 * integers, UTF-8 strings. Stable across releases (the first byte of an encoding is a format version),
 * and never Java serialization, so stored bytes can only ever become plain values.
 */
public final class PayloadCodec {

    private static final byte VERSION = 1;
    private static final byte NULL = 0, FALSE = 1, TRUE = 2, INT = 3, DOUBLE = 4, STRING = 5, ARRAY = 6, OBJECT = 7,
            UNSIGNED = 8;
    private static final int MAX_DEPTH = 512;

    private PayloadCodec() {
    }

    public static byte[] encode(PayloadValue value) {
        Writer w = new Writer();
        w.buf[w.len++] = VERSION;
        w.value(value, 0);
        return Arrays.copyOf(w.buf, w.len);
    }

    public static PayloadValue decode(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != VERSION) {
            throw new InternalException("stored payload has an unknown format version");
        }
        Reader r = new Reader(bytes);
        r.pos = 1;
        PayloadValue v = r.value(0);
        if (r.pos != bytes.length) {
            throw new InternalException("stored payload has trailing bytes");
        }
        return v;
    }

    public static ObjectValue decodeObject(byte[] bytes) {
        if (decode(bytes) instanceof ObjectValue o) {
            return o;
        }
        throw new InternalException("stored document is not an object");
    }

    private static final class Writer {
        byte[] buf = new byte[64];
        int len;

        void ensure(int extra) {
            if (len + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
            }
        }

        void value(PayloadValue v, int depth) {
            if (depth > MAX_DEPTH) {
                throw new InternalException("payload is nested too deeply to be stored (more than " + MAX_DEPTH + " levels)");
            }
            ensure(10);
            switch (v) {
                case NullValue n -> buf[len++] = NULL;
                case BoolValue b -> buf[len++] = b.value() ? TRUE : FALSE;
                case IntegerValue i -> {
                    buf[len++] = INT;
                    varLong((i.value() << 1) ^ (i.value() >> 63));
                }
                case PayloadValue.UnsignedIntegerValue u -> {
                    buf[len++] = UNSIGNED;
                    varLong(u.bits());
                }
                case DoubleValue d -> {
                    buf[len++] = DOUBLE;
                    long bits = Double.doubleToRawLongBits(d.value());
                    ensure(8);
                    for (int k = 0; k < 8; k++) {
                        buf[len++] = (byte) (bits >>> (8 * k));
                    }
                }
                case StringValue s -> {
                    buf[len++] = STRING;
                    string(s.value());
                }
                case ArrayValue a -> {
                    buf[len++] = ARRAY;
                    varLong(a.values().size());
                    a.values().forEach(x -> value(x, depth + 1));
                }
                case ObjectValue o -> {
                    buf[len++] = OBJECT;
                    varLong(o.fields().size());
                    o.fields().forEach((k, x) -> {
                        string(k);
                        value(x, depth + 1);
                    });
                }
            }
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varLong(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        void varLong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }
    }

    private static final class Reader {
        final byte[] buf;
        int pos;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        PayloadValue value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new InternalException("stored payload is nested too deeply");
            }
            byte tag = next();
            return switch (tag) {
                case NULL -> PayloadValue.NULL;
                case FALSE -> BoolValue.FALSE;
                case TRUE -> BoolValue.TRUE;
                case INT -> {
                    long z = varLong();
                    yield new IntegerValue((z >>> 1) ^ -(z & 1));
                }
                case UNSIGNED -> {
                    long bits = varLong();
                    if (bits >= 0) {
                        throw new InternalException("stored payload has a malformed unsigned number");
                    }
                    yield new PayloadValue.UnsignedIntegerValue(bits);
                }
                case DOUBLE -> {
                    long bits = 0;
                    for (int k = 0; k < 8; k++) {
                        bits |= (next() & 0xFFL) << (8 * k);
                    }
                    yield new DoubleValue(Double.longBitsToDouble(bits));
                }
                case STRING -> new StringValue(string());
                case ARRAY -> {
                    int n = count();
                    List<PayloadValue> items = new ArrayList<>(n);
                    for (int k = 0; k < n; k++) {
                        items.add(value(depth + 1));
                    }
                    yield new ArrayValue(items);
                }
                case OBJECT -> {
                    int n = count();
                    Map<String, PayloadValue> fields = new LinkedHashMap<>();
                    for (int k = 0; k < n; k++) {
                        String key = string();
                        fields.put(key, value(depth + 1));
                    }
                    yield new ObjectValue(fields);
                }
                default -> throw new InternalException("stored payload has an unknown tag " + tag);
            };
        }

        byte next() {
            if (pos >= buf.length) {
                throw new InternalException("stored payload is truncated");
            }
            return buf[pos++];
        }

        int count() {
            long n = varLong();
            if (n < 0 || n > buf.length - pos) {
                throw new InternalException("stored payload has an impossible length");
            }
            return (int) n;
        }

        String string() {
            int n = count();
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        long varLong() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = next();
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new InternalException("stored payload has a malformed number");
        }
    }
}
