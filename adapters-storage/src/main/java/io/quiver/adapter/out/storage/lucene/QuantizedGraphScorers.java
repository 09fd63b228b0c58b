package io.quiver.adapter.out.storage.lucene;

import io.quiver.domain.vector.Distance;
import java.util.concurrent.locks.Lock;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.apache.lucene.util.hnsw.UpdateableRandomVectorScorer;
import org.apache.lucene.util.quantization.ScalarQuantizer;

/**
 * Graph scorers over a store's scalar-quantized codes ({@link QuantizedVectors}), so that building and
 * walking the graph never touch the float vectors, which may live in a mapped file.
 *
 * <p>The quantizer is trained on the vectors there are when the first graph nodes are prepared, and
 * trained again — every code re-encoded — whenever the store has doubled since, until a training has
 * seen {@link QuantizerTraining#SAMPLE_VECTORS} vectors (a bigger sample would not change the bounds
 * much). Links made before a retraining keep their old-scale scores in the graph; only the builder's
 * neighbour pruning reads those, and searches score every node afresh.
 */
final class QuantizedGraphScorers implements GraphScoring {

    private final OrdinalVectors store;
    private final Distance distance;
    private final float quantile;
    /** Null until trained; replaced whole (under the swap lock) when retrained. */
    private volatile QuantizedVectors codes;

    QuantizedGraphScorers(OrdinalVectors store, Distance distance, float quantile, ScalarQuantizer trained,
                          int trainedOn) {
        this.store = store;
        this.distance = distance;
        this.quantile = quantile;
        this.codes = trained == null ? null : new QuantizedVectors(distance, store.dimension(), trained, trainedOn);
    }

    /** The current codes, or null before the first training. */
    QuantizedVectors codes() {
        return codes;
    }

    @Override
    public void prepare(int upTo, Lock swapLock) {
        QuantizedVectors current = codes;
        int available = store.count();
        if (current == null || retrainDue(current, available)) {
            QuantizedVectors retrained = new QuantizedVectors(distance, store.dimension(),
                    QuantizerTraining.train(store.floats(), available, quantile), available);
            retrained.encodeUpTo(store.floats(), upTo);
            swapLock.lock();
            try {
                codes = retrained;
            } finally {
                swapLock.unlock();
            }
        } else {
            current.encodeUpTo(store.floats(), upTo);
        }
    }

    /** Encodes ordinals below {@code upTo} with the quantizer as it is, never retraining (a restored graph). */
    void encodeUpTo(int upTo) {
        QuantizedVectors current = codes;
        if (current == null) {
            if (upTo > 0) {
                throw new IllegalStateException("graph nodes without a quantizer");
            }
            return;
        }
        current.encodeUpTo(store.floats(), upTo);
    }

    private static boolean retrainDue(QuantizedVectors current, int available) {
        return current.trainedOn() < QuantizerTraining.SAMPLE_VECTORS && available >= 2L * current.trainedOn();
    }

    @Override
    public RandomVectorScorer forQuery(float[] query, int maxOrd) {
        QuantizedVectors c = codes;
        QuantizedVectors.Query q = c.encode(query);
        byte[] scratch = new byte[store.dimension()];
        return new RandomVectorScorer() {
            @Override
            public float score(int ord) {
                return c.score(q.codes(), q.correction(), ord, scratch);
            }

            @Override
            public int maxOrd() {
                return maxOrd;
            }
        };
    }

    @Override
    public UpdateableRandomVectorScorer scorer() {
        return new NodeScorer();
    }

    @Override
    public RandomVectorScorerSupplier copy() {
        return this; // each scorer() owns its scratch space
    }

    @Override
    public long heapBytes() {
        QuantizedVectors c = codes;
        return c == null ? 0 : c.heapBytes();
    }

    /** Scores ordinals against another ordinal's codes (graph building, by the one building thread). */
    private final class NodeScorer implements UpdateableRandomVectorScorer {
        private final byte[] node = new byte[store.dimension()];
        private final byte[] scratch = new byte[store.dimension()];
        private QuantizedVectors current;
        private float correction;

        @Override
        public void setScoringOrdinal(int ord) {
            current = codes; // a retraining happens between nodes, never during one
            correction = current.codesOf(ord, node);
        }

        @Override
        public float score(int ord) {
            return current.score(node, correction, ord, scratch);
        }

        @Override
        public int maxOrd() {
            return store.count();
        }
    }
}
