package io.quiver.adapter.out.storage.lucene;

import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.Scoring;

/**
 * The full-precision vectors of one {@link OrdinalVectors} store, by ordinal. Ordinals are written once,
 * in order, and never change; a reader that has seen the store's count sees every vector below it.
 */
sealed interface FloatVectors permits HeapFloatVectors, MappedFloatVectors {

    /** Scores one query against stored vectors; owned by one thread (it may keep scratch space). */
    @FunctionalInterface
    interface QueryScorer {
        float score(int ord);
    }

    int dimension();

    /** Stores {@code ord}'s vector: the next one, so that the store only ever grows at its end. */
    void write(int ord, float[] vector);

    /** Copies {@code ord}'s vector into {@code into}. */
    void read(int ord, float[] into);

    /** True when {@code ord} holds exactly these floats. */
    boolean matches(int ord, float[] vector);

    /** Qdrant's score of {@code query} against stored vectors, exactly as {@link Scoring} computes it. */
    QueryScorer scorer(Scoring scoring, Distance distance, float[] query);

    /** Bytes these vectors take on the Java heap. */
    long heapBytes();

    /** Bytes of file mapped into memory for them (outside the heap). */
    long mappedBytes();
}
