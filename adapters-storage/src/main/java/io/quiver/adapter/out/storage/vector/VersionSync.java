package io.quiver.adapter.out.storage.vector;

import io.quiver.domain.point.PointId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;

/**
 * The reconciliation every graph index does after opening ({@code VectorIndex.sync}): drop what the
 * point store no longer has, then fetch and apply each point whose version differs. Fetching reads the
 * point store, so it happens outside the index's write lock, one point at a time; background indexing is
 * woken every 1,024 points so that it starts while the rest loads.
 */
public final class VersionSync {

    /** What an index lends the reconciliation; every call but {@link #wake} runs under the write lock. */
    public interface Target {
        Iterable<PointId> ids();

        long version(PointId id);

        void removeLocked(PointId id);

        void upsertLocked(PointId id, float[] vector, long version);

        int dimension();

        /** A stored vector of another dimension: skipped, and said so. */
        void skipped(PointId id, int dimension);

        void wake();
    }

    private VersionSync() {
    }

    public static void run(Target index, Lock writeLock, Map<PointId, Long> versions, Function<PointId, float[]> loader) {
        List<PointId> changed = new ArrayList<>();
        writeLock.lock();
        try {
            List<PointId> gone = new ArrayList<>();
            for (PointId id : index.ids()) {
                if (!versions.containsKey(id)) {
                    gone.add(id);
                }
            }
            gone.forEach(index::removeLocked);
            versions.forEach((id, version) -> {
                if (index.version(id) != version) {
                    changed.add(id);
                }
            });
        } finally {
            writeLock.unlock();
        }
        int done = 0;
        for (PointId id : changed) {
            if (++done % 1024 == 0) {
                index.wake();
            }
            float[] v = loader.apply(id);
            writeLock.lock();
            try {
                if (v == null) {
                    index.removeLocked(id); // no vector stored for it any more: do not keep a stale one
                } else if (v.length != index.dimension()) {
                    index.skipped(id, v.length);
                } else {
                    index.upsertLocked(id, v, versions.get(id));
                }
            } finally {
                writeLock.unlock();
            }
        }
        index.wake();
    }
}
