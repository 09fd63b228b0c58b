package io.quiver.adapter.out.storage.codec;

import io.quiver.domain.error.InternalException;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Stored forms of points. A point id becomes a string key whose natural order is Qdrant's id order
 * (numbers ascending, then UUIDs); a point's vectors become little-endian float32 blocks followed by its
 * payload in {@link PayloadCodec} form.
 */
public final class PointCodec {

    private static final byte VERSION = 1;
    private static final byte DENSE = 0, SPARSE = 1, MULTI = 2;

    private PointCodec() {
    }

    public static String key(PointId id) {
        return switch (id) {
            case PointId.NumericId n -> {
                String digits = Long.toUnsignedString(n.value());
                yield "n" + "0".repeat(20 - digits.length()) + digits;
            }
            case PointId.UuidId u -> "u" + u.value();
        };
    }

    public static PointId id(String key) {
        return switch (key.charAt(0)) {
            case 'n' -> PointId.of(Long.parseUnsignedLong(key, 1, key.length(), 10));
            case 'u' -> PointId.of(UUID.fromString(key.substring(1)));
            default -> throw new InternalException("stored point key has an unknown form: " + key);
        };
    }

    public static byte[] encode(Point point) {
        byte[] payload = PayloadCodec.encode(point.payload());
        int size = 1 + 8 + 5 + payload.length;
        for (Map.Entry<String, VectorData> e : point.vectors().entrySet()) {
            size += 5 + e.getKey().getBytes(StandardCharsets.UTF_8).length + 1 + vectorSize(e.getValue());
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(VERSION);
        b.putLong(point.version());
        b.putInt(point.vectors().size());
        for (Map.Entry<String, VectorData> e : point.vectors().entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            b.putInt(name.length).put(name);
            switch (e.getValue()) {
                case VectorData.Dense d -> {
                    b.put(DENSE).putInt(d.values().length);
                    putFloats(b, d.values());
                }
                case VectorData.Sparse s -> {
                    b.put(SPARSE).putInt(s.indices().length);
                    for (int i : s.indices()) {
                        b.putInt(i);
                    }
                    putFloats(b, s.values());
                }
                case VectorData.Multi m -> {
                    b.put(MULTI).putInt(m.vectors().length).putInt(m.dim());
                    for (float[] row : m.vectors()) {
                        putFloats(b, row);
                    }
                }
            }
        }
        b.put(payload);
        return Arrays.copyOf(b.array(), b.position());
    }

    public static Point decode(PointId id, byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (b.get() != VERSION) {
                throw new InternalException("stored point " + id + " has an unknown format version");
            }
            long version = b.getLong();
            int count = b.getInt();
            Map<String, VectorData> vectors = new LinkedHashMap<>();
            for (int v = 0; v < count; v++) {
                byte[] name = new byte[length(b, b.getInt(), 1)];
                b.get(name);
                byte kind = b.get();
                VectorData data = switch (kind) {
                    case DENSE -> new VectorData.Dense(getFloats(b, length(b, b.getInt(), 4)));
                    case SPARSE -> {
                        int n = length(b, b.getInt(), 8);
                        int[] idx = new int[n];
                        for (int i = 0; i < n; i++) {
                            idx[i] = b.getInt();
                        }
                        yield new VectorData.Sparse(idx, getFloats(b, n));
                    }
                    case MULTI -> {
                        int rows = length(b, b.getInt(), 1);
                        int dim = length(b, b.getInt(), 4);
                        length(b, (long) rows * dim, 4);
                        float[][] m = new float[rows][];
                        for (int r = 0; r < rows; r++) {
                            m[r] = getFloats(b, dim);
                        }
                        yield new VectorData.Multi(m);
                    }
                    default -> throw new InternalException("stored point " + id + " has an unknown vector kind " + kind);
                };
                vectors.put(new String(name, StandardCharsets.UTF_8), data);
            }
            byte[] payload = new byte[b.remaining()];
            b.get(payload);
            ObjectValue p = PayloadCodec.decodeObject(payload);
            return new Point(id, vectors, p, version);
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            throw new InternalException("stored point " + id + " is truncated", e);
        }
    }

    /**
     * A length read from the bytes, checked against what is left before anything is allocated for it, so
     * that damaged (or hostile) bytes fail as truncated instead of asking for gigabytes.
     */
    private static int length(ByteBuffer b, long count, int bytesEach) {
        if (count < 0 || count * bytesEach > b.remaining()) {
            throw new java.nio.BufferUnderflowException();
        }
        return (int) count;
    }

    private static int vectorSize(VectorData v) {
        return switch (v) {
            case VectorData.Dense d -> 4 + 4 * d.values().length;
            case VectorData.Sparse s -> 4 + 8 * s.indices().length;
            case VectorData.Multi m -> 8 + 4 * m.vectors().length * m.dim();
        };
    }

    private static void putFloats(ByteBuffer b, float[] values) {
        b.asFloatBuffer().put(values);
        b.position(b.position() + 4 * values.length);
    }

    private static float[] getFloats(ByteBuffer b, int n) {
        float[] out = new float[n];
        b.asFloatBuffer().get(out);
        b.position(b.position() + 4 * n);
        return out;
    }
}
