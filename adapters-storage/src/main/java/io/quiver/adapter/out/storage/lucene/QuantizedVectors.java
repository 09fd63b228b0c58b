package io.quiver.adapter.out.storage.lucene;

import io.quiver.domain.vector.Distance;
import java.util.Arrays;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.quantization.ScalarQuantizedVectorSimilarity;
import org.apache.lucene.util.quantization.ScalarQuantizer;

/**
 * Scalar-quantized copies of a store's vectors: one unsigned byte per dimension (8 bits, Qdrant's
 * {@code int8}, which Lucene scores with its unsigned kernels) plus Lucene's per-vector corrective term,
 * in fixed-size pages on the heap. The quantizer is fixed for the life of an instance: retraining makes a
 * new instance.
 *
 * <p>Scores are higher-is-better similarities in the order of the distance, for the graph only: Lucene's
 * corrected dot product (maximum-inner-product scaling, which keeps negative products apart) for Cosine
 * and Dot, its Euclidean similarity, and for Manhattan, which Lucene lacks, {@code 1 / (1 + L1)} over the
 * codes scaled back.
 *
 * <p>Threads: one writer appends codes ({@link #encodeUpTo}); readers score ordinals below a
 * {@link #count()} they have read, as with {@link OrdinalVectors}.
 */
final class QuantizedVectors {

    static final byte BITS = 8;

    /** A query in code space. */
    record Query(byte[] codes, float correction) {
    }

    private final int dimension;
    private final ScalarQuantizer quantizer;
    private final VectorSimilarityFunction function;
    private final ScalarQuantizedVectorSimilarity similarity;
    private final float step;
    private final int trainedOn;
    private final int pageShift;
    private final int pageMask;
    private volatile byte[][] codePages = new byte[0][];
    private volatile float[][] correctionPages = new float[0][];
    private volatile int count;

    QuantizedVectors(Distance distance, int dimension, ScalarQuantizer quantizer, int trainedOn) {
        this.dimension = dimension;
        this.quantizer = quantizer;
        this.trainedOn = trainedOn;
        // only Euclidean drops the corrective term; Lucene's COSINE would insist on unit vectors, and Qdrant
        // leaves zero vectors unnormalised
        this.function = distance == Distance.EUCLID ? VectorSimilarityFunction.EUCLIDEAN
                : VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
        this.similarity = distance == Distance.MANHATTAN ? null
                : ScalarQuantizedVectorSimilarity.fromVectorSimilarity(function, quantizer.getConstantMultiplier(), BITS);
        this.step = (float) Math.sqrt(quantizer.getConstantMultiplier());
        int perPage = Integer.highestOneBit(Math.max(1, (1 << 18) / dimension));
        this.pageShift = Integer.numberOfTrailingZeros(perPage);
        this.pageMask = perPage - 1;
    }

    ScalarQuantizer quantizer() {
        return quantizer;
    }

    /** How many vectors the quantizer was trained on (a sample of them). */
    int trainedOn() {
        return trainedOn;
    }

    /** Ordinals encoded so far. */
    int count() {
        return count;
    }

    /** Encodes ordinals from {@link #count()} up to {@code upTo} (exclusive) from their floats. */
    void encodeUpTo(FloatVectors floats, int upTo) {
        float[] vector = new float[dimension];
        byte[] codes = new byte[dimension];
        for (int ord = count; ord < upTo; ord++) {
            floats.read(ord, vector);
            float correction = quantizer.quantize(vector, codes, function);
            ensurePage(ord);
            System.arraycopy(codes, 0, codePages[ord >>> pageShift], (ord & pageMask) * dimension, dimension);
            correctionPages[ord >>> pageShift][ord & pageMask] = correction;
        }
        if (upTo > count) {
            count = upTo;
        }
    }

    private void ensurePage(int ord) {
        int needed = (ord >>> pageShift) + 1;
        if (needed > codePages.length) {
            byte[][] codes = Arrays.copyOf(codePages, needed);
            float[][] corrections = Arrays.copyOf(correctionPages, needed);
            for (int p = codePages.length; p < needed; p++) {
                codes[p] = new byte[(pageMask + 1) * dimension];
                corrections[p] = new float[pageMask + 1];
            }
            correctionPages = corrections;
            codePages = codes;
        }
    }

    Query encode(float[] query) {
        byte[] codes = new byte[dimension];
        float correction = quantizer.quantize(query, codes, function);
        return new Query(codes, correction);
    }

    /** Copies {@code ord}'s codes into {@code into} and answers its corrective term. */
    float codesOf(int ord, byte[] into) {
        System.arraycopy(codePages[ord >>> pageShift], (ord & pageMask) * dimension, into, 0, dimension);
        return correctionPages[ord >>> pageShift][ord & pageMask];
    }

    /** The similarity of the coded vector {@code codes} to {@code ord}; {@code scratch} holds dimension bytes. */
    float score(byte[] codes, float correction, int ord, byte[] scratch) {
        if (similarity == null) {
            return manhattan(codes, ord);
        }
        float stored = codesOf(ord, scratch);
        return similarity.score(codes, correction, scratch, stored);
    }

    private float manhattan(byte[] codes, int ord) {
        byte[] page = codePages[ord >>> pageShift];
        int off = (ord & pageMask) * dimension;
        int sum = 0;
        for (int i = 0; i < dimension; i++) {
            sum += Math.abs(Byte.toUnsignedInt(codes[i]) - Byte.toUnsignedInt(page[off + i]));
        }
        return 1 / (1 + sum * step);
    }

    /** Heap bytes of the codes and corrective terms (whole pages). */
    long heapBytes() {
        return (long) codePages.length * (pageMask + 1) * (dimension + Float.BYTES);
    }
}
