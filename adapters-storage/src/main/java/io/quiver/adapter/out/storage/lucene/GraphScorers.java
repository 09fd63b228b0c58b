package io.quiver.adapter.out.storage.lucene;

import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.Scoring;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.apache.lucene.util.hnsw.UpdateableRandomVectorScorer;

/**
 * Lucene's graph code asks "how similar are these two ordinals" and wants higher = closer. These scorers
 * answer from a store's heap floats with Quiver's own SIMD kernels, mapping each distance's score to a
 * positive, higher-is-better similarity (the order is all the graph needs; hits are re-scored exactly
 * before they leave the index).
 */
final class GraphScorers implements GraphScoring {

    private final OrdinalVectors store;
    private final HeapFloatVectors vectors;
    private final Scoring scoring;
    private final Distance distance;

    GraphScorers(OrdinalVectors store, Scoring scoring, Distance distance) {
        this.store = store;
        this.vectors = (HeapFloatVectors) store.floats();
        this.scoring = scoring;
        this.distance = distance;
    }

    /** Higher is better and positive: Lucene's transforms for inner product and for distances. */
    static float similarity(Distance distance, float score) {
        return switch (distance) {
            case COSINE, DOT -> score < 0 ? 1 / (1 - score) : score + 1;
            case EUCLID, MANHATTAN -> 1 / (1 + score);
        };
    }

    @Override
    public RandomVectorScorer forQuery(float[] query, int maxOrd) {
        return new RandomVectorScorer() {
            @Override
            public float score(int ord) {
                return similarity(distance, scoring.score(distance, query, vectors.page(ord), vectors.offset(ord)));
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
        return this; // stateless: each scorer() owns its scratch vector
    }

    /** Scores ordinals against another ordinal's vector (graph building). */
    private final class NodeScorer implements UpdateableRandomVectorScorer {
        private final float[] node = new float[vectors.dimension()];

        @Override
        public void setScoringOrdinal(int ord) {
            vectors.read(ord, node);
        }

        @Override
        public float score(int ord) {
            return similarity(distance, scoring.score(distance, node, vectors.page(ord), vectors.offset(ord)));
        }

        @Override
        public int maxOrd() {
            return store.count();
        }
    }
}
