package io.quiver.domain.collection;

import io.quiver.domain.vector.Datatype;
import io.quiver.domain.vector.Distance;

/** Dense vector spaces for tests: plain ones, tuned ones and multivectors. */
public final class VectorParamsMother {

    private VectorParamsMother() {
    }

    public static VectorParams cosine(long size) {
        return VectorParams.of(size, Distance.COSINE);
    }

    public static VectorParams of(long size, Distance distance) {
        return VectorParams.of(size, distance);
    }

    /** Every optional per-vector setting given. */
    public static VectorParams tuned(long size, Distance distance) {
        return new VectorParams(size, distance,
                new HnswConfigDiff(32, 200, 20_000, 2, true, Memory.CACHED, 8, false),
                QuantizationConfigMother.scalar(), true, Memory.PINNED, Datatype.FLOAT16, null);
    }

    /** A ColBERT-style space: each point holds a matrix compared by max-sim. */
    public static VectorParams multivector(long size) {
        return new VectorParams(size, Distance.DOT, null, null, null, null, null,
                VectorParams.MultiVectorComparator.MAX_SIM);
    }
}
