package io.quiver.adapter.out.storage.hnsw;

import com.github.jelmerk.hnswlib.core.ObjectSerializer;
import io.quiver.adapter.out.storage.vector.VectorSpaceFiles;
import io.quiver.domain.point.PointId;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serial;

/**
 * Writes point ids as a tag byte and their bits, so that the saved graph holds no Java-serialized ids
 * (and {@link PointId} need not be {@link java.io.Serializable}). Also the id format of the version map.
 */
final class PointIdSerializer implements ObjectSerializer<PointId> {

    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public void write(PointId id, ObjectOutput out) throws IOException {
        writeId(id, out);
    }

    @Override
    public PointId read(ObjectInput in) throws IOException {
        return readId(in);
    }

    static void writeId(PointId id, DataOutput out) throws IOException {
        VectorSpaceFiles.writeId(id, out);
    }

    static PointId readId(DataInput in) throws IOException {
        return VectorSpaceFiles.readId(in);
    }
}
