package io.quiver.adapter.out.storage.hnsw;

import com.github.jelmerk.hnswlib.core.ObjectSerializer;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serial;
import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;

/** Writes a graph node's item as id, version, length and raw floats: no Java serialization of items. */
final class GraphItemSerializer implements ObjectSerializer<GraphItem> {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Qdrant's largest dense dimension; anything longer in a file is corruption, not data. */
    static final int MAX_DIMENSION = 65_536;

    @Override
    public void write(GraphItem item, ObjectOutput out) throws IOException {
        PointIdSerializer.writeId(item.id(), out);
        out.writeLong(item.version());
        float[] v = item.vector();
        out.writeInt(v.length);
        ByteBuffer bytes = ByteBuffer.allocate(v.length * Float.BYTES);
        bytes.asFloatBuffer().put(v);
        out.write(bytes.array());
    }

    @Override
    public GraphItem read(ObjectInput in) throws IOException {
        var id = PointIdSerializer.readId(in);
        long version = in.readLong();
        int length = in.readInt();
        if (length < 1 || length > MAX_DIMENSION) {
            throw new StreamCorruptedException("implausible vector length " + length);
        }
        byte[] bytes = new byte[length * Float.BYTES];
        in.readFully(bytes);
        float[] v = new float[length];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(v);
        return new GraphItem(id, v, version);
    }
}
