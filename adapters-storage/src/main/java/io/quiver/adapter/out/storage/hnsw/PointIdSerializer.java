package io.quiver.adapter.out.storage.hnsw;

import com.github.jelmerk.hnswlib.core.ObjectSerializer;
import io.quiver.domain.point.PointId;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serial;
import java.io.StreamCorruptedException;
import java.util.UUID;

/**
 * Writes point ids as a tag byte and their bits, so that the saved graph holds no Java-serialized ids
 * (and {@link PointId} need not be {@link java.io.Serializable}). Also the id format of the version map.
 */
final class PointIdSerializer implements ObjectSerializer<PointId> {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final int NUMERIC = 0;
    private static final int UUID_TAG = 1;

    @Override
    public void write(PointId id, ObjectOutput out) throws IOException {
        writeId(id, out);
    }

    @Override
    public PointId read(ObjectInput in) throws IOException {
        return readId(in);
    }

    static void writeId(PointId id, DataOutput out) throws IOException {
        switch (id) {
            case PointId.NumericId n -> {
                out.writeByte(NUMERIC);
                out.writeLong(n.value());
            }
            case PointId.UuidId u -> {
                out.writeByte(UUID_TAG);
                out.writeLong(u.value().getMostSignificantBits());
                out.writeLong(u.value().getLeastSignificantBits());
            }
        }
    }

    static PointId readId(DataInput in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NUMERIC -> PointId.of(in.readLong());
            case UUID_TAG -> PointId.of(new UUID(in.readLong(), in.readLong()));
            default -> throw new StreamCorruptedException("unknown point id tag " + tag);
        };
    }
}
