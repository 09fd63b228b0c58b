package io.quiver.adapter.out.storage.hnsw;

import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import com.github.jelmerk.hnswlib.core.hnsw.SizeLimitExceededException;
import io.quiver.adapter.out.storage.simd.VectorMathProvider;
import io.quiver.adapter.out.storage.vector.ExactVectorIndex;
import io.quiver.adapter.out.storage.vector.FlatVectors;
import io.quiver.adapter.out.storage.vector.TopK;
import io.quiver.adapter.out.storage.vector.VersionSync;
import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.Scoring;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An HNSW graph (hnswlib-core) over one dense vector space, built in the background the way Qdrant's
 * optimizer does it.
 *
 * <p><b>Two structures.</b> Every vector lives in a {@link FlatVectors} store, written synchronously by
 * {@link #upsert}/{@link #remove}: it is the truth for exact search, for {@link #vector} and for every
 * score this index reports. The graph trails it. Each write also records the point in {@code dirty}
 * (id → the write's sequence number); a background task takes dirty points in batches, applies them to
 * the graph, and clears each one whose sequence number has not moved meanwhile. Invariant, under
 * {@link #lock}: for every point that is not dirty, the graph holds exactly the flat store's vector (or
 * nothing, if removed). So {@link #searchGraph} = graph search over the non-dirty points ∪ exact scan of
 * the dirty ones, and nothing written is ever missed. Graph results are re-scored from the flat store,
 * so scores are identical to {@link #searchExact}'s.
 *
 * <p><b>Versions.</b> hnswlib rejects an add or remove whose version is below the node's; the graph
 * therefore gets its own strictly increasing write sequence as version. Callers' versions are kept in
 * the flat store: they are what {@link #sync} compares and what the persisted version map holds.
 *
 * <p><b>Removal and compaction.</b> hnswlib removes softly: the node stays, marked deleted, and an
 * overwrite with a different vector is a removal plus a new node. When dead nodes exceed
 * {@link Tuning#compactionDeadRatio} of all nodes (and {@link Tuning#compactionMinDead}), a new graph is
 * built from a snapshot of the flat store in the background and swapped in under the write lock; the
 * old one serves searches until then. Points written after the snapshot stay dirty and are applied to
 * the new graph afterwards.
 *
 * <p><b>Threads.</b> One writer (the collection's update lock), many searchers, and background work on a
 * shared executor, one slice at a time so that indexes take turns. {@link #lock} guards the flat store,
 * the dirty map and the graph reference; {@link #graphLock} serialises whatever changes the graph
 * (background work, {@link #persist}, {@link #close}). hnswlib supports searches during adds; its
 * {@code resize} does not, so it runs under the write lock. Lock order: graphLock, then lock.
 */
public final class HnswVectorIndex implements VectorIndex {

    private static final System.Logger LOG = System.getLogger(HnswVectorIndex.class.getName());

    private static final int INITIAL_CAPACITY = 1024;

    /** Knobs of the background work; package-private so tests can make compaction kick in at small sizes. */
    record Tuning(int compactionMinDead, double compactionDeadRatio, int batchSize, long sliceNanos) {

        static final Tuning DEFAULTS = new Tuning(1000, 0.2, 64, TimeUnit.MILLISECONDS.toNanos(50));

        Tuning {
            if (compactionMinDead < 0 || compactionDeadRatio < 0 || batchSize < 1 || sliceNanos < 1) {
                throw new IllegalArgumentException("invalid tuning");
            }
        }
    }

    private record Pending(PointId id, long seq, float[] vector) {
    }

    /** A graph being rebuilt from a snapshot of the flat store. */
    private static final class Rebuild {
        final HnswIndex<PointId, float[], GraphItem, Float> graph;
        final List<GraphItem> items;
        final long snapshotSeq;
        int next;
        int nodes;

        Rebuild(HnswIndex<PointId, float[], GraphItem, Float> graph, List<GraphItem> items, long snapshotSeq) {
            this.graph = graph;
            this.items = items;
            this.snapshotSeq = snapshotSeq;
        }
    }

    private final VectorIndexSpec spec;
    private final String name;
    private final Distance distance;
    private final Scoring scoring;
    private final GraphDistance graphDistance;
    private final GraphFiles files;
    private final Executor executor;
    private final Tuning tuning;
    private final boolean graphEnabled;
    private final int dimension;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // guarded by lock
    private final FlatVectors flat;
    private final LinkedHashMap<PointId, Long> dirty = new LinkedHashMap<>();
    /** Dirty points that are in the flat store: the ones found by exact scan only. */
    private int unindexed;
    private long writeSeq;

    private final ReentrantLock graphLock = new ReentrantLock();
    /** Replaced under both locks; read under {@link #lock}. */
    private volatile HnswIndex<PointId, float[], GraphItem, Float> graph;
    /** Live (not removed) nodes of {@link #graph}, kept here so searches need not take hnswlib's global lock. */
    private volatile int graphLive;
    // guarded by graphLock
    private int nodeCount;
    private Rebuild rebuild;
    private long persistedMutations = -1;

    /** A rebuild is due or running; written under the write lock, so consistent with {@code dirty}. */
    private volatile boolean rebuilding;
    private volatile boolean broken;
    private volatile boolean closed;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong mutations = new AtomicLong();
    private final AtomicLong rebuilds = new AtomicLong();

    private HnswVectorIndex(VectorIndexSpec spec, String name, GraphFiles files, Executor executor, Tuning tuning) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.name = name;
        this.distance = spec.distance();
        this.scoring = new Scoring(VectorMathProvider.best());
        this.graphDistance = new GraphDistance(spec.distance());
        this.files = files;
        this.executor = Objects.requireNonNull(executor, "executor");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.graphEnabled = spec.m() > 0;
        this.dimension = spec.dimension();
        // about 1 MB up front at most, however wide the vectors
        this.flat = new FlatVectors(spec.dimension(), Math.min(INITIAL_CAPACITY, (1 << 18) / spec.dimension()));
    }

    /**
     * The index of a vector space: restored from {@code files} when they hold a graph built for
     * {@code spec}, else empty (the caller's {@link #sync} then fills it and the graph is built in the
     * background). {@code files} may be null for an index that is never persisted.
     */
    static HnswVectorIndex open(VectorIndexSpec spec, String name, GraphFiles files, Executor executor, Tuning tuning) {
        HnswVectorIndex index = new HnswVectorIndex(spec, name, files, executor, tuning);
        index.restore();
        index.wake();
        return index;
    }

    /** hnswlib needs m ≥ 2 (its level factor is 1 / ln m); Qdrant's m = 0 means "no graph" and is handled apart. */
    static int graphM(VectorIndexSpec spec) {
        return Math.max(2, spec.m());
    }

    // ------------------------------------------------------------------------------------ restore

    private void restore() {
        if (!graphEnabled) {
            return;
        }
        graph = newGraph(INITIAL_CAPACITY);
        if (files == null) {
            return;
        }
        GraphFiles.Loaded loaded;
        try {
            loaded = files.read(spec);
        } catch (GraphFiles.StaleGraphException e) {
            LOG.log(System.Logger.Level.INFO, "vector index {0}: ignoring the persisted graph, {1}; rebuilding",
                    name, e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "vector index {0}: the persisted graph is unusable ({1}); rebuilding",
                    name, String.valueOf(e));
            return;
        }
        if (loaded == null) {
            return;
        }
        try {
            adopt(loaded);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "vector index {0}: the persisted graph is inconsistent ({1}); rebuilding",
                    name, String.valueOf(e));
            lock.writeLock().lock();
            try {
                for (PointId id : new ArrayList<>(asList(flat.ids()))) {
                    flat.remove(id);
                }
                dirty.clear();
                unindexed = 0;
                writeSeq = 0;
            } finally {
                lock.writeLock().unlock();
            }
            graph = newGraph(INITIAL_CAPACITY);
            nodeCount = 0;
            graphLive = 0;
        }
    }

    /** Takes over a loaded graph: its points enter the flat store at their persisted versions. */
    private void adopt(GraphFiles.Loaded loaded) {
        HnswIndex<PointId, float[], GraphItem, Float> g = loaded.graph();
        g.setEf(1);
        Map<PointId, Long> versions = loaded.versions();
        int live = g.size();
        if (loaded.meta().nodeCount() < live) {
            throw new IllegalStateException("node count " + loaded.meta().nodeCount() + " below live nodes " + live);
        }
        graphLock.lock();
        lock.writeLock().lock();
        try {
            writeSeq = Math.max(0, loaded.meta().writeSeq());
            for (GraphItem item : g.items()) {
                if (item == null || item.id() == null || item.vector() == null || item.vector().length != dimension) {
                    throw new IllegalStateException("malformed graph item");
                }
                Long version = versions.get(item.id());
                if (version != null) {
                    flat.put(item.id(), item.vector(), version);
                } else {
                    // the graph held a vector that was being replaced or removed when it was saved
                    dirty.put(item.id(), ++writeSeq);
                }
            }
            graph = g;
            graphLive = live;
            nodeCount = loaded.meta().nodeCount();
            rebuilding = compactionDue(g);
            persistedMutations = mutations.get();
        } finally {
            lock.writeLock().unlock();
            graphLock.unlock();
        }
    }

    private HnswIndex<PointId, float[], GraphItem, Float> newGraph(int capacity) {
        int m = graphM(spec);
        return HnswIndex.newBuilder(dimension, graphDistance, GraphDistanceOrder.INSTANCE, Math.max(16, capacity))
                .withM(m)
                .withEfConstruction(Math.max(spec.efConstruct(), m))
                .withEf(1) // every search passes its own beam width as k
                .withRemoveEnabled()
                .withCustomSerializers(new PointIdSerializer(), new GraphItemSerializer())
                .build();
    }

    // ------------------------------------------------------------------------------------- writes

    @Override
    public void upsert(PointId id, float[] vector, long version) {
        Objects.requireNonNull(id, "id");
        checkDimension(vector);
        lock.writeLock().lock();
        try {
            upsertLocked(id, vector, version);
        } finally {
            lock.writeLock().unlock();
        }
        wake();
    }

    private void upsertLocked(PointId id, float[] vector, long version) {
        mutations.incrementAndGet();
        if (flat.holds(id, vector)) {
            // same floats (e.g. a payload-only update): the graph is, or will be, right already
            flat.setVersion(id, version);
            return;
        }
        boolean counted = flat.slotOf(id) != null && dirty.containsKey(id);
        flat.put(id, vector, version);
        if (!graphEnabled) {
            return;
        }
        dirty.put(id, ++writeSeq);
        if (!counted) {
            unindexed++;
        }
    }

    @Override
    public void remove(PointId id) {
        boolean removed;
        lock.writeLock().lock();
        try {
            removed = removeLocked(id);
        } finally {
            lock.writeLock().unlock();
        }
        if (removed) {
            wake();
        }
    }

    private boolean removeLocked(PointId id) {
        if (flat.remove(id) < 0) {
            return false;
        }
        mutations.incrementAndGet();
        if (graphEnabled && dirty.put(id, ++writeSeq) != null) {
            unindexed--;
        }
        return true;
    }

    @Override
    public void sync(Map<PointId, Long> versions, Function<PointId, float[]> loader) {
        new VersionSync(name, dimension, lock.writeLock(), flat::ids, flat::version,
                this::removeLocked, this::upsertLocked, this::wake).run(versions, loader);
    }

    // -------------------------------------------------------------------------------------- reads

    @Override
    public float[] vector(PointId id) {
        lock.readLock().lock();
        try {
            return flat.copyOf(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return flat.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int indexedCount() {
        if (!graphEnabled || broken) {
            return 0;
        }
        lock.readLock().lock();
        try {
            return flat.size() - unindexed;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean upToDate() {
        if (!graphEnabled) {
            return true;
        }
        lock.readLock().lock();
        try {
            return dirty.isEmpty() && !rebuilding && !broken;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<ScoredId> searchExact(float[] query, int limit, Set<PointId> candidates, Predicate<PointId> accept) {
        checkDimension(query);
        lock.readLock().lock();
        try {
            return ExactVectorIndex.scan(flat, scoring, spec, query, limit, candidates, accept);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<ScoredId> searchGraph(float[] query, int limit, int ef, Predicate<PointId> accept) {
        checkDimension(query);
        if (limit <= 0) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            HnswIndex<PointId, float[], GraphItem, Float> g = graph;
            int live = graphLive;
            // no graph, or most points still waiting for it: one exact scan beats graph + scan of the rest
            if (!graphEnabled || broken || g == null || live == 0 || dirty.size() > flat.size() / 2) {
                return exact(query, limit, accept);
            }
            return graphSearch(g, live, query, limit, Math.max(ef, limit), accept, true);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Graph nodes only (Qdrant's {@code indexed_only}): dirty points — written but not yet applied to the
     * graph — are skipped, not scanned; where the search would fall back to an exact scan, that scan skips
     * them too. Without a graph (m = 0) every vector counts as indexed, as in Qdrant, and all are searched.
     */
    @Override
    public List<ScoredId> searchIndexed(float[] query, int limit, int ef, Predicate<PointId> accept) {
        checkDimension(query);
        if (limit <= 0) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            if (!graphEnabled) {
                return exact(query, limit, accept);
            }
            if (flat.size() - unindexed == 0) {
                return List.of(); // nothing indexed yet
            }
            HnswIndex<PointId, float[], GraphItem, Float> g = graph;
            int live = graphLive;
            if (broken || g == null || live == 0) {
                return exact(query, limit, accept == null ? id -> !dirty.containsKey(id)
                        : id -> !dirty.containsKey(id) && accept.test(id));
            }
            return graphSearch(g, live, query, limit, Math.max(ef, limit), accept, false);
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<ScoredId> exact(float[] query, int limit, Predicate<PointId> accept) {
        return ExactVectorIndex.scan(flat, scoring, spec, query, limit, null, accept);
    }

    /**
     * Graph candidates (non-dirty, accepted, re-scored exactly) merged with an exact scan of the dirty
     * points. hnswlib cannot filter inside its walk, so with a filter (or many stale nodes) the graph is
     * asked for four times as many candidates until {@code limit} of them pass; once that would reach
     * half the graph, a plain exact scan is both cheaper and complete. Without {@code withPending}
     * (indexed-only searches) the dirty points are left out, of the exact fallbacks too.
     */
    private List<ScoredId> graphSearch(HnswIndex<PointId, float[], GraphItem, Float> g, int live, float[] query,
                                       int limit, int ef, Predicate<PointId> accept, boolean withPending) {
        float[] data = flat.data();
        List<ScoredId> pending = List.of();
        if (withPending) {
            TopK pendingTop = new TopK(distance, Math.min(limit, Math.max(1, dirty.size())));
            for (PointId id : dirty.keySet()) {
                Integer slot = flat.slotOf(id);
                if (slot != null && (accept == null || accept.test(id))) {
                    pendingTop.offer(id, scoring.score(distance, query, data, slot * dimension));
                }
            }
            pending = pendingTop.best();
        }
        // the exact fallbacks below cover what the graph search covers: with pending points or without
        Predicate<PointId> scanned = withPending ? accept
                : accept == null ? id -> !dirty.containsKey(id) : id -> !dirty.containsKey(id) && accept.test(id);
        Map<PointId, Boolean> verdicts = accept == null ? null : new HashMap<>();
        int k = Math.min(ef, live);
        while (true) {
            List<SearchResult<GraphItem, Float>> found;
            try {
                found = g.findNearest(query, k);
            } catch (RuntimeException e) {
                if (e.getCause() instanceof InterruptedException) {
                    Thread.currentThread().interrupt(); // hnswlib wraps the interrupt of its pool's take()
                } else {
                    LOG.log(System.Logger.Level.WARNING, "vector index {0}: graph search failed ({1}); scanning exactly",
                            name, String.valueOf(e));
                }
                return exact(query, limit, scanned);
            }
            TopK top = new TopK(distance, limit);
            pending.forEach(hit -> top.offer(hit.id(), hit.score()));
            int accepted = 0;
            for (SearchResult<GraphItem, Float> result : found) {
                PointId id = result.item().id();
                if (dirty.containsKey(id)) {
                    continue; // scored above from the flat store: the graph may hold an older vector
                }
                Integer slot = flat.slotOf(id);
                if (slot == null) {
                    continue;
                }
                if (verdicts != null && !verdicts.computeIfAbsent(id, accept::test)) {
                    continue;
                }
                accepted++;
                top.offer(id, scoring.score(distance, query, data, slot * dimension));
            }
            if (accepted >= limit) {
                return top.best();
            }
            long next = (long) k * 4;
            if (k >= live || next > live / 2) {
                return exact(query, limit, scanned);
            }
            k = (int) next;
        }
    }

    // ------------------------------------------------------------------------- background work

    private void wake() {
        if (!graphEnabled || closed || broken) {
            return;
        }
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                scheduled.set(false);
                LOG.log(System.Logger.Level.WARNING, "vector index {0}: background indexing not accepted ({1})",
                        name, String.valueOf(e));
            }
        }
    }

    private boolean hasWork() {
        lock.readLock().lock();
        try {
            return !dirty.isEmpty() || rebuilding;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** One slice of background work; re-queues itself while work remains so that other indexes get turns. */
    private void drain() {
        long deadline = System.nanoTime() + tuning.sliceNanos();
        try {
            while (true) {
                if (closed || broken) {
                    scheduled.set(false);
                    return;
                }
                if (!step()) {
                    scheduled.set(false);
                    // a write may have arrived between the last look and the reset
                    if (hasWork() && !closed && scheduled.compareAndSet(false, true)) {
                        continue;
                    }
                    persistAfterCatchingUp();
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    break;
                }
            }
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            scheduled.set(false);
        } catch (Throwable t) {
            broken = true;
            scheduled.set(false);
            LOG.log(System.Logger.Level.ERROR, "vector index " + name
                    + ": background indexing failed; searching it exactly from now on", t);
            if (t instanceof Error error) {
                throw error;
            }
        }
    }

    /** Does one batch of work; false when there was none. */
    private boolean step() {
        graphLock.lock();
        try {
            if (closed) {
                return false;
            }
            if (rebuild != null) {
                rebuildStep();
                return true;
            }
            if (rebuilding) {
                startRebuild();
                return true;
            }
            return applyBatch();
        } finally {
            graphLock.unlock();
        }
    }

    private boolean applyBatch() {
        HnswIndex<PointId, float[], GraphItem, Float> g = graph;
        List<Pending> batch = new ArrayList<>(tuning.batchSize());
        int adds = 0;
        int backlog;
        lock.readLock().lock();
        try {
            Iterator<Map.Entry<PointId, Long>> it = dirty.entrySet().iterator();
            while (it.hasNext() && batch.size() < tuning.batchSize()) {
                Map.Entry<PointId, Long> e = it.next();
                float[] v = flat.copyOf(e.getKey());
                batch.add(new Pending(e.getKey(), e.getValue(), v));
                if (v != null) {
                    adds++;
                }
            }
            backlog = dirty.size();
        } finally {
            lock.readLock().unlock();
        }
        if (batch.isEmpty()) {
            return false;
        }
        if (nodeCount + adds > g.getMaxItemCount()) {
            grow(g, nodeCount + Math.max(adds, backlog));
        }
        for (Pending p : batch) {
            apply(g, p);
        }
        int live = g.size();
        lock.writeLock().lock();
        try {
            for (Pending p : batch) {
                Long seq = dirty.get(p.id());
                if (seq != null && seq == p.seq()) {
                    dirty.remove(p.id());
                    if (flat.slotOf(p.id()) != null) {
                        unindexed--;
                    }
                }
            }
            graphLive = live;
            rebuilding = compactionDue(g);
        } finally {
            lock.writeLock().unlock();
        }
        mutations.incrementAndGet();
        return true;
    }

    private void apply(HnswIndex<PointId, float[], GraphItem, Float> g, Pending p) {
        if (p.vector() == null) {
            g.remove(p.id(), p.seq());
            return;
        }
        Optional<GraphItem> held = g.get(p.id());
        if (held.isPresent() && Arrays.equals(held.get().vector(), p.vector())) {
            return;
        }
        GraphItem item = new GraphItem(p.id(), p.vector(), p.seq());
        if (nodeCount >= g.getMaxItemCount()) {
            grow(g, nodeCount + 1);
        }
        boolean added;
        try {
            added = g.add(item);
        } catch (SizeLimitExceededException e) {
            grow(g, g.getMaxItemCount() + 1);
            added = g.add(item);
        }
        if (added) {
            nodeCount++;
        }
    }

    /** Raises the graph's capacity; hnswlib swaps arrays that searches read, so no search may run meanwhile. */
    private void grow(HnswIndex<PointId, float[], GraphItem, Float> g, int atLeast) {
        int current = g.getMaxItemCount();
        long wanted = Math.max(atLeast, current + (current >> 1));
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, wanted);
        lock.writeLock().lock();
        try {
            g.resize(capacity);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private boolean compactionDue(HnswIndex<PointId, float[], GraphItem, Float> g) {
        int dead = nodeCount - g.size();
        return dead > tuning.compactionMinDead() && dead > tuning.compactionDeadRatio() * nodeCount;
    }

    private void startRebuild() {
        List<GraphItem> items;
        long snapshotSeq;
        lock.readLock().lock();
        try {
            snapshotSeq = writeSeq;
            items = new ArrayList<>(flat.size());
            float[] data = flat.data();
            for (int slot = 0, n = flat.slotCount(); slot < n; slot++) {
                PointId id = flat.idAt(slot);
                if (id != null) {
                    float[] v = Arrays.copyOfRange(data, slot * dimension, (slot + 1) * dimension);
                    items.add(new GraphItem(id, v, snapshotSeq));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        LOG.log(System.Logger.Level.DEBUG, "vector index {0}: compacting, {1} of {2} nodes are dead",
                name, nodeCount - graphLive, nodeCount);
        rebuild = new Rebuild(newGraph(items.size() + Math.max(INITIAL_CAPACITY, items.size() / 4)), items, snapshotSeq);
    }

    private void rebuildStep() {
        Rebuild r = rebuild;
        int end = Math.min(r.items.size(), r.next + tuning.batchSize());
        for (; r.next < end; r.next++) {
            GraphItem item = r.items.set(r.next, null);
            if (r.graph.add(item)) {
                r.nodes++;
            }
        }
        if (r.next < r.items.size()) {
            return;
        }
        int live = r.graph.size();
        lock.writeLock().lock();
        try {
            graph = r.graph;
            graphLive = live;
            nodeCount = r.nodes;
            // the snapshot saw every write up to its sequence number: those points are now in the graph
            Iterator<Map.Entry<PointId, Long>> it = dirty.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<PointId, Long> e = it.next();
                if (e.getValue() <= r.snapshotSeq) {
                    it.remove();
                    if (flat.slotOf(e.getKey()) != null) {
                        unindexed--;
                    }
                }
            }
            rebuild = null;
            rebuilds.incrementAndGet(); // before the flag: whoever sees the index up to date sees the count
            rebuilding = compactionDue(r.graph);
        } finally {
            lock.writeLock().unlock();
        }
        mutations.incrementAndGet();
    }

    // -------------------------------------------------------------------------------- persistence

    private static final long PERSIST_MIN_MUTATIONS = 1_000;
    private static final long PERSIST_MIN_INTERVAL_NANOS = 30_000_000_000L;
    private volatile long lastPersistNanos = System.nanoTime();

    /**
     * Saves the graph once it has caught up after enough change, at most every 30 s, so that a crash does
     * not cost a full rebuild at the next start (the clean shutdown path saves too).
     */
    private void persistAfterCatchingUp() {
        long now = System.nanoTime();
        if (closed || mutations.get() - persistedMutations < PERSIST_MIN_MUTATIONS
                || now - lastPersistNanos < PERSIST_MIN_INTERVAL_NANOS) {
            return;
        }
        lastPersistNanos = now;
        persist();
    }

    @Override
    public void persist() {
        if (files == null || !graphEnabled || broken) {
            return;
        }
        graphLock.lock(); // background work pauses: the graph must hold still while it is saved
        try {
            long seen = mutations.get();
            if (seen == persistedMutations && Files.exists(files.graphFile()) && Files.exists(files.versionsFile())) {
                return;
            }
            HnswIndex<PointId, float[], GraphItem, Float> g = graph;
            Map<PointId, Long> held;
            long seq;
            lock.readLock().lock();
            try {
                held = HashMap.newHashMap(flat.size());
                for (PointId id : flat.ids()) {
                    if (!dirty.containsKey(id)) {
                        held.put(id, flat.version(id));
                    }
                }
                seq = writeSeq;
            } finally {
                lock.readLock().unlock();
            }
            files.write(g, new GraphFiles.Meta(spec, seq, nodeCount), held);
            persistedMutations = seen;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "vector index {0}: could not persist the graph ({1}); it will be "
                    + "rebuilt on the next start", name, String.valueOf(e));
        } finally {
            graphLock.unlock();
        }
    }

    /**
     * Stops background work (waiting for a batch in progress). Does not persist: the application calls
     * {@link #persist} before closing on shutdown, and closes without persisting when dropping.
     */
    @Override
    public void close() {
        closed = true;
        graphLock.lock();
        try {
            rebuild = null;
        } finally {
            graphLock.unlock();
        }
    }

    // ------------------------------------------------------------------------------ for tests

    /** Nodes of the current graph that are removed or overwritten. */
    int deadNodes() {
        graphLock.lock();
        try {
            HnswIndex<PointId, float[], GraphItem, Float> g = graph;
            return g == null ? 0 : nodeCount - g.size();
        } finally {
            graphLock.unlock();
        }
    }

    /** Compactions completed since open. */
    long rebuilds() {
        return rebuilds.get();
    }

    // ------------------------------------------------------------------------------------- misc

    private void checkDimension(float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("expected a vector of " + dimension + " dimensions, got " + vector.length);
        }
    }

    private static <T> List<T> asList(Iterable<T> items) {
        List<T> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }

    @Override
    public String toString() {
        return "HnswVectorIndex[" + name + ", " + spec + "]";
    }
}
