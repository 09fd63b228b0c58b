package io.quiver.adapter.out.storage.sparse;

import io.quiver.adapter.out.storage.vector.TopK;
import io.quiver.application.port.out.SparseIndex;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.query.Similarity;
import io.quiver.domain.vector.Distance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * An inverted index over one sparse vector space, in memory: every point gets a dense ordinal (freed
 * ordinals are reused), every dimension a {@link PostingList} of (ordinal, weight) sorted by ordinal,
 * and every ordinal remembers its point's vector, so that an update or removal touches exactly the
 * posting lists the old vector was in. The number of points holding each dimension — what IDF needs —
 * is the length of its posting list, always current.
 *
 * <p><b>Search.</b> The posting lists of the query's dimensions are walked together in ordinal order,
 * a window of {@link #WINDOW} ordinals at a time: within a window, each list adds its contributions to a
 * small score array, lists taken in the query's (sorted) dimension order, so that every point's score
 * is summed in exactly the order, and with exactly the float operations, of
 * {@link Similarity#sparseDot}. Windows without postings are skipped. A small candidate set is scored
 * point by point instead. Filtering ({@code accept}, which may read the point store) runs after the
 * read lock is released, best hits first, and stops once {@code limit} pass.
 *
 * <p><b>Threads.</b> One writer, many searchers, under a read-write lock.
 */
final class InvertedSparseIndex implements SparseIndex {

    /** Ordinals scored per window: 16 KB of scores, cache-resident. */
    static final int WINDOW = 4096;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // guarded by lock
    private final Map<Integer, PostingList> postings = new HashMap<>();
    private final Map<PointId, Integer> ordinalOf = new HashMap<>();
    private PointId[] idOf = new PointId[16];
    private VectorData.Sparse[] vectorOf = new VectorData.Sparse[16];
    private int[] freeOrdinals = new int[16];
    private int freeCount;
    private int ordinalsUsed;

    // ------------------------------------------------------------------------------------ writes

    @Override
    public void upsert(PointId id, VectorData.Sparse vector) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vector, "vector");
        lock.writeLock().lock();
        try {
            Integer existing = ordinalOf.get(id);
            int ordinal;
            if (existing != null) {
                ordinal = existing;
                VectorData.Sparse old = vectorOf[ordinal];
                if (old.equals(vector)) {
                    return;
                }
                dropDimensionsNotIn(ordinal, old, vector);
            } else {
                ordinal = allocate(id);
            }
            vectorOf[ordinal] = vector;
            int[] indices = vector.indices();
            float[] values = vector.values();
            for (int i = 0; i < indices.length; i++) {
                postings.computeIfAbsent(indices[i], d -> new PostingList()).put(ordinal, values[i]);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void remove(PointId id) {
        lock.writeLock().lock();
        try {
            Integer ordinal = ordinalOf.remove(id);
            if (ordinal == null) {
                return;
            }
            for (int dimension : vectorOf[ordinal].indices()) {
                removePosting(dimension, ordinal);
            }
            idOf[ordinal] = null;
            vectorOf[ordinal] = null;
            if (freeCount == freeOrdinals.length) {
                freeOrdinals = Arrays.copyOf(freeOrdinals, freeCount * 2);
            }
            freeOrdinals[freeCount++] = ordinal;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private int allocate(PointId id) {
        int ordinal = freeCount > 0 ? freeOrdinals[--freeCount] : ordinalsUsed++;
        if (ordinal >= idOf.length) {
            int capacity = Math.max(ordinal + 1, idOf.length + (idOf.length >> 1));
            idOf = Arrays.copyOf(idOf, capacity);
            vectorOf = Arrays.copyOf(vectorOf, capacity);
        }
        idOf[ordinal] = id;
        ordinalOf.put(id, ordinal);
        return ordinal;
    }

    /** Takes the point out of the posting lists of the old vector's dimensions that the new one lacks. */
    private void dropDimensionsNotIn(int ordinal, VectorData.Sparse old, VectorData.Sparse vector) {
        int[] before = old.indices();
        int[] after = vector.indices();
        int b = 0;
        for (int dimension : before) {
            while (b < after.length && Integer.compareUnsigned(after[b], dimension) < 0) {
                b++;
            }
            if (b == after.length || after[b] != dimension) {
                removePosting(dimension, ordinal);
            }
        }
    }

    private void removePosting(int dimension, int ordinal) {
        PostingList list = postings.get(dimension);
        if (list != null && list.remove(ordinal) && list.size() == 0) {
            postings.remove(dimension);
        }
    }

    // ------------------------------------------------------------------------------------- reads

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return ordinalOf.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Number of points holding {@code dimension}; for tests. */
    int pointsHolding(int dimension) {
        lock.readLock().lock();
        try {
            PostingList list = postings.get(dimension);
            return list == null ? 0 : list.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Number of dimensions with a posting list; for tests. */
    int dimensions() {
        lock.readLock().lock();
        try {
            return postings.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<ScoredId> search(VectorData.Sparse query, int limit, boolean idf, Set<PointId> candidates,
                                 Predicate<PointId> accept) {
        Objects.requireNonNull(query, "query");
        if (limit <= 0 || (candidates != null && candidates.isEmpty())) {
            return List.of();
        }
        Hits hits = accept == null ? new Hits(limit) : new Hits();
        lock.readLock().lock();
        try {
            int[] qi = query.indices();
            float[] qv = query.values();
            PostingList[] lists = new PostingList[qi.length];
            float[] weights = new float[qi.length];
            long work = 0;
            for (int a = 0; a < qi.length; a++) {
                lists[a] = postings.get(qi[a]);
                int holding = lists[a] == null ? 0 : lists[a].size();
                weights[a] = idf ? Similarity.idf(ordinalOf.size(), holding) : 1f;
                work += holding;
            }
            if (work == 0) {
                return List.of();
            }
            if (candidates != null && candidates.size() < work) {
                scoreCandidates(qi, qv, weights, candidates, hits);
            } else {
                scoreByPostings(qv, lists, weights, candidates, hits);
            }
        } finally {
            lock.readLock().unlock();
        }
        return hits.best(limit, accept);
    }

    /** Scores each candidate from its own vector: a merge over the shared dimensions, as sparseDot does. */
    private void scoreCandidates(int[] qi, float[] qv, float[] weights, Set<PointId> candidates, Hits hits) {
        for (PointId id : candidates) {
            Integer ordinal = ordinalOf.get(id);
            if (ordinal == null) {
                continue;
            }
            VectorData.Sparse stored = vectorOf[ordinal];
            int[] si = stored.indices();
            float[] sv = stored.values();
            float sum = 0;
            boolean shared = false;
            int a = 0;
            int b = 0;
            while (a < qi.length && b < si.length) {
                int c = Integer.compareUnsigned(qi[a], si[b]);
                if (c == 0) {
                    sum += qv[a] * sv[b] * weights[a];
                    shared = true;
                    a++;
                    b++;
                } else if (c < 0) {
                    a++;
                } else {
                    b++;
                }
            }
            if (shared) {
                hits.add(id, sum);
            }
        }
    }

    /** Walks the query's posting lists together, window by window of ordinals. */
    private void scoreByPostings(float[] qv, PostingList[] lists, float[] weights, Set<PointId> candidates, Hits hits) {
        int[] cursor = new int[lists.length];
        float[] scores = new float[WINDOW];
        long[] touched = new long[WINDOW / 64];
        while (true) {
            int start = Integer.MAX_VALUE;
            for (int a = 0; a < lists.length; a++) {
                if (lists[a] != null && cursor[a] < lists[a].size()) {
                    start = Math.min(start, lists[a].ordinalAt(cursor[a]));
                }
            }
            if (start == Integer.MAX_VALUE) {
                return;
            }
            long end = (long) start + WINDOW;
            for (int a = 0; a < lists.length; a++) {
                PostingList list = lists[a];
                if (list == null) {
                    continue;
                }
                float q = qv[a];
                float weight = weights[a];
                int j = cursor[a];
                for (int size = list.size(); j < size; j++) {
                    int ordinal = list.ordinalAt(j);
                    if (ordinal >= end) {
                        break;
                    }
                    int slot = ordinal - start;
                    scores[slot] += q * list.weightAt(j) * weight;
                    touched[slot >>> 6] |= 1L << slot;
                }
                cursor[a] = j;
            }
            for (int word = 0; word < touched.length; word++) {
                long bits = touched[word];
                while (bits != 0) {
                    int slot = (word << 6) + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    PointId id = idOf[start + slot];
                    if (candidates == null || candidates.contains(id)) {
                        hits.add(id, scores[slot]);
                    }
                    scores[slot] = 0;
                }
                touched[word] = 0;
            }
        }
    }

    /**
     * Scored points on their way out. Without a filter, only the best {@code limit} are kept as they come;
     * with one, all are kept and a heap hands them out best first, so the filter only sees points that
     * could still make it.
     */
    private static final class Hits {
        private final TopK top;
        private final List<ScoredId> all;

        Hits(int limit) {
            this.top = new TopK(Distance.DOT, limit);
            this.all = null;
        }

        Hits() {
            this.top = null;
            this.all = new ArrayList<>();
        }

        void add(PointId id, float score) {
            if (Float.isNaN(score)) {
                return;
            }
            if (top != null) {
                top.offer(id, score);
            } else {
                all.add(new ScoredId(id, score));
            }
        }

        List<ScoredId> best(int limit, Predicate<PointId> accept) {
            if (top != null) {
                return top.best();
            }
            ScoredId[] heap = all.toArray(new ScoredId[0]);
            int size = heap.length;
            for (int i = size / 2 - 1; i >= 0; i--) {
                siftDown(heap, i, size);
            }
            List<ScoredId> out = new ArrayList<>(Math.min(limit, size));
            while (size > 0 && out.size() < limit) {
                ScoredId best = heap[0];
                heap[0] = heap[--size];
                siftDown(heap, 0, size);
                if (accept.test(best.id())) {
                    out.add(best);
                }
            }
            return out;
        }

        /** Higher score first, then the smaller id. */
        private static boolean better(ScoredId a, ScoredId b) {
            int byScore = Float.compare(b.score(), a.score());
            return byScore != 0 ? byScore < 0 : a.id().compareTo(b.id()) < 0;
        }

        private static void siftDown(ScoredId[] heap, int i, int size) {
            ScoredId item = heap[i];
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && better(heap[child + 1], heap[child])) {
                    child++;
                }
                if (!better(heap[child], item)) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = item;
        }
    }
}
