package io.quiver.adapter.out.storage.lucene;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.lucene.util.quantization.ScalarQuantizer;

/**
 * Fits a {@link ScalarQuantizer} to a store's vectors: the bounds are the values' lower and upper
 * {@code (1 - quantile) / 2} quantiles, as Qdrant computes them (values outside are clipped). Quiver finds
 * the quantiles itself because Lucene's trainer only accepts quantiles from 0.9, where Qdrant allows 0.5.
 *
 * <p>Like Qdrant, it looks at a sample of at most {@value #SAMPLE_VECTORS} vectors, and at most
 * {@value #SAMPLE_VALUES} values in all, so that training high-dimensional vectors stays a few MiB.
 * The sample is drawn with a fixed seed: the same vectors give the same quantizer.
 */
final class QuantizerTraining {

    static final int SAMPLE_VECTORS = 100_000;
    static final int SAMPLE_VALUES = 1 << 21;
    private static final long SEED = 42;

    private QuantizerTraining() {
    }

    /** A quantizer for the first {@code count} (at least one) vectors of {@code floats}. */
    static ScalarQuantizer train(FloatVectors floats, int count, float quantile) {
        int dimension = floats.dimension();
        int sample = Math.min(count, Math.min(SAMPLE_VECTORS, Math.max(1, SAMPLE_VALUES / dimension)));
        float[] values = new float[sample * dimension];
        float[] vector = new float[dimension];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < sample; i++) {
            int ord = sample == count ? i : random.nextInt(count);
            floats.read(ord, vector);
            System.arraycopy(vector, 0, values, i * dimension, dimension);
        }
        Arrays.sort(values);
        int cut = (int) (values.length * (1.0 - quantile) / 2);
        float lower = values[cut];
        float upper = values[values.length - 1 - cut];
        if (!(upper > lower)) {
            // all sampled values equal: any positive width quantizes them exactly
            upper = lower + Math.max(1f, Math.abs(lower)) * 1e-3f;
        }
        return new ScalarQuantizer(lower, upper, QuantizedVectors.BITS);
    }
}
