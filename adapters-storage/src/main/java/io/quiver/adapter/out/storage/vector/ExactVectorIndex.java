package io.quiver.adapter.out.storage.vector;

import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Scoring;
import io.quiver.domain.vector.VectorMath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;

/** A vector index that always scans: exact answers, no graph, nothing persisted. */
public final class ExactVectorIndex implements VectorIndex {

    private final VectorIndexSpec spec;
    private final Scoring scoring;
    private final FlatVectors vectors;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    public ExactVectorIndex(VectorIndexSpec spec, VectorMath math) {
        this.spec = spec;
        this.scoring = new Scoring(math);
        this.vectors = new FlatVectors(spec.dimension(), 1024);
    }

    @Override
    public void upsert(PointId id, float[] vector, long version) {
        lock.writeLock().lock();
        try {
            vectors.put(id, vector, version);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void remove(PointId id) {
        lock.writeLock().lock();
        try {
            vectors.remove(id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public float[] vector(PointId id) {
        lock.readLock().lock();
        try {
            return vectors.copyOf(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return vectors.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int indexedCount() {
        return 0;
    }

    @Override
    public boolean upToDate() {
        return true;
    }

    @Override
    public List<ScoredId> searchExact(float[] query, int limit, Set<PointId> candidates, Predicate<PointId> accept) {
        lock.readLock().lock();
        try {
            return scan(vectors, scoring, spec, query, limit, candidates, accept);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The exact scan shared by every index kind: over candidate ids when given, else over all slots. */
    public static List<ScoredId> scan(FlatVectors vectors, Scoring scoring, VectorIndexSpec spec, float[] query, int limit,
                               Set<PointId> candidates, Predicate<PointId> accept) {
        TopK top = new TopK(spec.distance(), limit);
        float[] data = vectors.data();
        int dim = vectors.dimension();
        if (candidates != null) {
            for (PointId id : candidates) {
                Integer slot = vectors.slotOf(id);
                if (slot != null && (accept == null || accept.test(id))) {
                    top.offer(id, scoring.score(spec.distance(), query, data, slot * dim));
                }
            }
            return top.best();
        }
        for (int slot = 0, n = vectors.slotCount(); slot < n; slot++) {
            PointId id = vectors.idAt(slot);
            if (id != null && (accept == null || accept.test(id))) {
                top.offer(id, scoring.score(spec.distance(), query, data, slot * dim));
            }
        }
        return top.best();
    }

    @Override
    public List<ScoredId> searchGraph(float[] query, int limit, int ef, Predicate<PointId> accept) {
        return searchExact(query, limit, null, accept);
    }

    /** Every vector is indexed the moment it is written (there is no graph to wait for): searches them all. */
    @Override
    public List<ScoredId> searchIndexed(float[] query, int limit, int ef, Predicate<PointId> accept) {
        return searchExact(query, limit, null, accept);
    }

    @Override
    public void sync(Map<PointId, Long> versions, Function<PointId, float[]> loader) {
        lock.writeLock().lock();
        try {
            List<PointId> gone = new ArrayList<>();
            for (PointId id : vectors.ids()) {
                if (!versions.containsKey(id)) {
                    gone.add(id);
                }
            }
            gone.forEach(vectors::remove);
            versions.forEach((id, version) -> {
                if (vectors.version(id) != version) {
                    float[] v = loader.apply(id);
                    if (v != null) {
                        vectors.put(id, v, version);
                    }
                }
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void persist() {
        // nothing to persist: rebuilt from the stored points on open
    }

    @Override
    public void close() {
        // holds memory only
    }
}
