package io.quiver.adapter.out.storage.lucene;

import java.util.concurrent.locks.Lock;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * What a store's graph is built and walked with: Lucene's ordinal-to-ordinal scorers plus query scorers.
 * Scores are higher-is-better similarities whose order is all that matters; hits are re-scored exactly
 * before they leave the index. An index picks its implementation once, so the per-score path has no
 * choice to make.
 */
interface GraphScoring extends RandomVectorScorerSupplier {

    /** Scores ordinals below {@code maxOrd} (all prepared) against a query vector. */
    RandomVectorScorer forQuery(float[] query, int maxOrd);

    /**
     * Readies ordinals below {@code upTo} for graph scoring; called by the building thread before it adds
     * them. A change searches must not see half done is made while holding {@code swapLock}.
     */
    default void prepare(int upTo, Lock swapLock) {
    }

    /** Heap bytes held for scoring beyond the store's own vectors. */
    default long heapBytes() {
        return 0;
    }
}
