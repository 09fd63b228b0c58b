package io.quiver.adapter.out.storage.lucene;

import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.Scoring;
import java.util.Arrays;

/**
 * Vectors in fixed-size float pages on the heap (about 1 MiB, at least one vector each), so the store grows
 * without copying them. {@code pages} is republished before the owning store's count moves, so a reader
 * that has seen a count sees its vectors.
 */
final class HeapFloatVectors implements FloatVectors {

    private final int dimension;
    private final int pageShift;
    private final int pageMask;
    private volatile float[][] pages = new float[0][];

    HeapFloatVectors(int dimension) {
        this.dimension = dimension;
        int perPage = Integer.highestOneBit(Math.max(1, (1 << 18) / dimension));
        this.pageShift = Integer.numberOfTrailingZeros(perPage);
        this.pageMask = perPage - 1;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    float[] page(int ord) {
        return pages[ord >>> pageShift];
    }

    int offset(int ord) {
        return (ord & pageMask) * dimension;
    }

    @Override
    public void write(int ord, float[] vector) {
        int pagesNeeded = (ord >>> pageShift) + 1;
        if (pagesNeeded > pages.length) {
            float[][] grown = Arrays.copyOf(pages, pagesNeeded);
            for (int p = pages.length; p < pagesNeeded; p++) {
                grown[p] = new float[(pageMask + 1) * dimension];
            }
            pages = grown;
        }
        System.arraycopy(vector, 0, page(ord), offset(ord), dimension);
    }

    @Override
    public void read(int ord, float[] into) {
        System.arraycopy(page(ord), offset(ord), into, 0, dimension);
    }

    @Override
    public boolean matches(int ord, float[] vector) {
        int off = offset(ord);
        return Arrays.equals(page(ord), off, off + dimension, vector, 0, dimension);
    }

    @Override
    public QueryScorer scorer(Scoring scoring, Distance distance, float[] query) {
        float[][] snapshot = pages;
        int shift = pageShift;
        int mask = pageMask;
        int dim = dimension;
        return ord -> scoring.score(distance, query, snapshot[ord >>> shift], (ord & mask) * dim);
    }

    @Override
    public long heapBytes() {
        return (long) pages.length * (pageMask + 1) * dimension * Float.BYTES;
    }

    @Override
    public long mappedBytes() {
        return 0;
    }
}
