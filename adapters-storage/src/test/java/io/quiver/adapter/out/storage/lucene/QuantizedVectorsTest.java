package io.quiver.adapter.out.storage.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.ScalarVectorMath;
import io.quiver.domain.vector.Scoring;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.util.quantization.ScalarQuantizer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Int8 codes: their similarities track the exact scores, and the quantizer is trained and retrained as documented. */
class QuantizedVectorsTest {

    private static final Scoring SCORING = new Scoring(new ScalarVectorMath());
    private static final int DIM = 48;

    @ParameterizedTest
    @EnumSource(Distance.class)
    void similaritiesTrackTheExactScores(Distance distance) {
        Random random = new Random(distance.ordinal());
        HeapFloatVectors floats = new HeapFloatVectors(DIM);
        float[][] vectors = new float[500][];
        for (int ord = 0; ord < vectors.length; ord++) {
            vectors[ord] = SCORING.preprocess(distance, gaussian(random, distance == Distance.DOT ? 0.5 : 1));
            floats.write(ord, vectors[ord]);
        }
        QuantizedVectors codes = new QuantizedVectors(distance, DIM,
                QuantizerTraining.train(floats, vectors.length, 1f), vectors.length);
        codes.encodeUpTo(floats, vectors.length);
        assertThat(codes.count()).isEqualTo(vectors.length);

        float[] query = SCORING.preprocess(distance, gaussian(random, distance == Distance.DOT ? 0.5 : 1));
        QuantizedVectors.Query q = codes.encode(query);
        byte[] scratch = new byte[DIM];
        double scale = switch (distance) {
            case COSINE -> 1;
            case DOT -> 0.25 * DIM;
            case EUCLID -> 2 * DIM; // squared distance
            case MANHATTAN -> DIM;
        };
        for (int ord = 0; ord < vectors.length; ord++) {
            float similarity = codes.score(q.codes(), q.correction(), ord, scratch);
            float exact = SCORING.score(distance, query, vectors[ord]);
            double estimate = switch (distance) {
                case COSINE, DOT -> similarity >= 1 ? similarity - 1 : 1 - 1 / similarity; // Lucene's MIP scaling
                case EUCLID, MANHATTAN -> 1 / similarity - 1;
            };
            double expected = distance == Distance.EUCLID ? (double) exact * exact : exact;
            assertThat(estimate).as("%s of %s", distance, ord).isCloseTo(expected, Offset.offset(0.02 * scale));
        }
        assertThat(codes.heapBytes()).isEqualTo(Integer.highestOneBit((1 << 18) / DIM) * (DIM + 4L));
    }

    @Test
    void aQuantileClipsTheTailsAndEqualValuesStillGetAWidth() {
        HeapFloatVectors floats = new HeapFloatVectors(4);
        for (int ord = 0; ord < 100; ord++) {
            floats.write(ord, new float[] {ord, -ord, 0, ord == 99 ? 1000 : 1});
        }
        ScalarQuantizer whole = QuantizerTraining.train(floats, 100, 1f);
        assertThat(whole.getLowerQuantile()).isEqualTo(-99);
        assertThat(whole.getUpperQuantile()).isEqualTo(1000);
        ScalarQuantizer clipped = QuantizerTraining.train(floats, 100, 0.9f);
        assertThat(clipped.getUpperQuantile()).isLessThan(99);
        assertThat(clipped.getLowerQuantile()).isGreaterThan(-99);

        HeapFloatVectors constant = new HeapFloatVectors(2);
        constant.write(0, new float[] {3, 3});
        ScalarQuantizer one = QuantizerTraining.train(constant, 1, 0.99f);
        assertThat(one.getUpperQuantile()).isGreaterThan(one.getLowerQuantile());
    }

    @Test
    void theQuantizerIsRetrainedWhenTheStoreDoublesUntilTheSampleIsFull() {
        OrdinalVectors store = new OrdinalVectors(new HeapFloatVectors(2), 16);
        QuantizedGraphScorers scorers = new QuantizedGraphScorers(store, Distance.EUCLID, 1f, null, 0);
        ReentrantLock swap = new ReentrantLock();
        Random random = new Random(4);
        append(store, random, 100);
        scorers.prepare(50, swap);
        QuantizedVectors first = scorers.codes();
        assertThat(first.trainedOn()).isEqualTo(100); // everything there is, not just the batch
        assertThat(first.count()).isEqualTo(50);

        append(store, random, 99);
        scorers.prepare(199, swap);
        assertThat(scorers.codes()).isSameAs(first);
        assertThat(first.count()).isEqualTo(199);

        append(store, random, 1);
        scorers.prepare(200, swap);
        assertThat(scorers.codes().trainedOn()).isEqualTo(200);
        assertThat(scorers.codes().count()).isEqualTo(200); // every code re-encoded

        append(store, random, QuantizerTraining.SAMPLE_VECTORS - 200);
        scorers.prepare(QuantizerTraining.SAMPLE_VECTORS, swap);
        QuantizedVectors full = scorers.codes();
        assertThat(full.trainedOn()).isEqualTo(QuantizerTraining.SAMPLE_VECTORS);
        append(store, random, QuantizerTraining.SAMPLE_VECTORS);
        scorers.prepare(store.count(), swap);
        assertThat(scorers.codes()).isSameAs(full);
        assertThat(swap.isLocked()).isFalse();
    }

    @Test
    void aCompactedStoreKeepsItsPredecessorsQuantizer() {
        OrdinalVectors store = new OrdinalVectors(new HeapFloatVectors(2), 16);
        append(store, new Random(5), 10);
        QuantizedGraphScorers scorers = new QuantizedGraphScorers(store, Distance.DOT, 1f, null, 0);
        scorers.prepare(10, new ReentrantLock());
        ScalarQuantizer trained = scorers.codes().quantizer();
        QuantizedGraphScorers next = new QuantizedGraphScorers(store, Distance.DOT, 1f, trained, 10);
        next.encodeUpTo(10);
        assertThat(next.codes().quantizer()).isSameAs(trained);
        assertThat(next.codes().count()).isEqualTo(10);
    }

    private static void append(OrdinalVectors store, Random random, int n) {
        for (int i = 0; i < n; i++) {
            store.append(PointId.of(store.count()), new float[] {(float) random.nextGaussian(), (float) random.nextGaussian()},
                    1);
        }
    }

    private static float[] gaussian(Random random, double sigma) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) (sigma * random.nextGaussian());
        }
        return v;
    }
}
