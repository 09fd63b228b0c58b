package io.quiver.adapter.out.storage.vector;

import io.quiver.domain.point.PointId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The reconciliation every graph index does after opening ({@code VectorIndex.sync}): drop what the
 * point store no longer has, then fetch and apply each point whose version differs. Fetching reads the
 * point store, so it happens outside the index's write lock, one point at a time; background indexing is
 * woken every 1,024 points so that it starts while the rest loads.
 *
 * @param name      the index, for the warning about a stored vector of another dimension (skipped)
 * @param dimension the index's dimension
 * @param writeLock the index's write lock, held around every call to the operations below
 * @param ids       the ids the index holds now
 * @param version   the version it holds for an id (-1: none)
 * @param remove    removes an id
 * @param upsert    stores a vector at a version
 * @param wake      starts background indexing (called without the lock)
 */
public record VersionSync(String name, int dimension, Lock writeLock, Supplier<Iterable<PointId>> ids,
                          ToLongFunction<PointId> version, Consumer<PointId> remove, Upsert upsert, Runnable wake) {

    private static final System.Logger LOG = System.getLogger(VersionSync.class.getName());

    /** Stores a point's vector at a version; called under the write lock. */
    @FunctionalInterface
    public interface Upsert {
        void apply(PointId id, float[] vector, long version);
    }

    public void run(Map<PointId, Long> versions, Function<PointId, float[]> loader) {
        List<PointId> changed = new ArrayList<>();
        writeLock.lock();
        try {
            List<PointId> gone = new ArrayList<>();
            for (PointId id : ids.get()) {
                if (!versions.containsKey(id)) {
                    gone.add(id);
                }
            }
            gone.forEach(remove);
            versions.forEach((id, v) -> {
                if (version.applyAsLong(id) != v) {
                    changed.add(id);
                }
            });
        } finally {
            writeLock.unlock();
        }
        int done = 0;
        for (PointId id : changed) {
            if (++done % 1024 == 0) {
                wake.run();
            }
            float[] v = loader.apply(id);
            writeLock.lock();
            try {
                if (v == null) {
                    remove.accept(id); // no vector stored for it any more: do not keep a stale one
                } else if (v.length != dimension) {
                    LOG.log(System.Logger.Level.WARNING, "vector index {0}: point {1} has {2} dimensions, not {3}; skipped",
                            name, id, v.length, dimension);
                } else {
                    upsert.apply(id, v, versions.get(id));
                }
            } finally {
                writeLock.unlock();
            }
        }
        wake.run();
    }
}
