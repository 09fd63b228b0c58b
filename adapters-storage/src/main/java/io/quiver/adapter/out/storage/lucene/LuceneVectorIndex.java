package io.quiver.adapter.out.storage.lucene;

import io.quiver.adapter.out.storage.simd.VectorMathProvider;
import io.quiver.adapter.out.storage.vector.TopK;
import io.quiver.adapter.out.storage.vector.VersionSync;
import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndex.QuantizedSearch;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.domain.point.PointId;
import io.quiver.domain.vector.Distance;
import io.quiver.domain.vector.Scoring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * An HNSW graph built with Lucene's graph code over Quiver's own vector store ({@link OrdinalVectors}),
 * with the filter applied inside the graph walk.
 *
 * <p><b>Ordinals.</b> Every vector written gets the next ordinal; an overwrite appends a new one and the old
 * ordinal dies (it stays in the graph as a routing node, rejected by the accepted-ordinals bits, as Lucene
 * does with deleted documents). The graph holds exactly the ordinals below {@code graphCount}; the ones
 * above are pending and found by an exact scan, so a vector is searchable as soon as {@link #upsert}
 * returns. When dead ordinals exceed {@link Tuning#compactionDeadRatio}, a new store and graph are built
 * from the live vectors in the background and swapped in.
 *
 * <p><b>Filters.</b> {@link #searchGraph(float[], int, int, Set, Predicate)} turns the payload-index
 * candidate set into a bitset of accepted ordinals and lets Lucene's filter-aware searcher (ACORN-style
 * exploration past rejected nodes) walk the graph with it. With too few accepted vectors for the graph
 * to pay off — the walk would visit more nodes than pass — it scores the accepted ones exactly.
 *
 * <p><b>Quantization.</b> With scalar int8 in the spec ({@link VectorLayout}) the float vectors live in a
 * memory-mapped file and the heap holds one byte per dimension: the graph is built and walked on those
 * codes, and the best {@code ceil(limit × oversampling)} the walk finds by quantized score are re-scored
 * with the floats, the best {@code limit} of them returned. {@code rescore = false} skips the
 * oversampling — the best {@code limit} by quantized score come back — but the scores reported are still
 * the exact ones (Qdrant would report the quantized ones; exact scores keep every search's contract one);
 * {@code ignore = true} cannot bypass a graph built on codes, so it re-scores everything the walk found,
 * as the float layout does. Exact search, pending vectors and {@link #vector} read the floats.
 *
 * <p><b>Threads.</b> One writer, many searchers, background building on a shared executor in slices.
 * {@link #lock} guards the store's metadata; {@link #graphRw} guards the graph's structure (the builder
 * takes its write side per inserted node, searches its read side); {@link #buildLock} serialises
 * whatever changes the graph (building, compaction, persisting, closing). Lock order: buildLock, lock,
 * graphRw.
 */
public final class LuceneVectorIndex implements VectorIndex {

    private static final System.Logger LOG = System.getLogger(LuceneVectorIndex.class.getName());
    static final long GRAPH_SEED = 42;
    private static final int NONE = DocIdSetIterator.NO_MORE_DOCS;

    /** Knobs of the background work; package-private so tests can make compaction kick in at small sizes. */
    record Tuning(int compactionMinDead, double compactionDeadRatio, int batchSize, long sliceNanos) {

        static final Tuning DEFAULTS = new Tuning(1000, 0.2, 256, TimeUnit.MILLISECONDS.toNanos(50));

        Tuning {
            if (compactionMinDead < 0 || compactionDeadRatio < 0 || batchSize < 1 || sliceNanos < 1) {
                throw new IllegalArgumentException("invalid tuning");
            }
        }
    }

    /** A store and graph being rebuilt from the live vectors of a snapshot. */
    private static final class Rebuild {
        final OrdinalVectors store;
        final GraphScoring scorers;
        final HnswGraphBuilder builder;
        final int snapshotCount;
        int next;

        Rebuild(OrdinalVectors store, GraphScoring scorers, HnswGraphBuilder builder, int snapshotCount) {
            this.store = store;
            this.scorers = scorers;
            this.builder = builder;
            this.snapshotCount = snapshotCount;
        }
    }

    private final VectorIndexSpec spec;
    private final String name;
    private final Distance distance;
    private final Scoring scoring;
    private final LuceneGraphFiles files;
    private final VectorLayout layout;
    private final Executor executor;
    private final Tuning tuning;
    private final boolean graphEnabled;
    private final int dimension;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ReentrantReadWriteLock graphRw = new ReentrantReadWriteLock();
    private final ReentrantLock buildLock = new ReentrantLock();

    /** Replaced (compaction, restore) under lock and graphRw write locks. */
    private volatile OrdinalVectors store;
    private volatile GraphScoring scorers;
    private volatile HnswGraphBuilder builder;
    private volatile OnHeapHnswGraph graph;
    /** Ordinals below this are in {@link #graph}; written under graphRw's write lock. */
    private volatile int graphCount;
    // guarded by buildLock
    private Rebuild rebuild;
    private long persistedMutations = -1;
    /** The mapped vectors file the persisted graph names (null: none), and replaced files kept for it. */
    private Path persistedFloats;
    private final List<Path> retiredFloats = new ArrayList<>();

    private volatile boolean rebuilding;
    private volatile boolean broken;
    /** Null: bulk building off. */
    private final BulkGraphBuild bulkBuild;
    /** Set (under graphRw's write lock) while several threads insert into the graph: searches keep off it. */
    private volatile boolean bulkInserting;
    private volatile boolean closed;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong mutations = new AtomicLong();
    private final AtomicLong rebuilds = new AtomicLong();
    private final AtomicLong bulkSteps = new AtomicLong();

    private LuceneVectorIndex(VectorIndexSpec spec, String name, LuceneGraphFiles files, Executor executor,
                              Tuning tuning, BulkGraphBuild bulkBuild) {
        this.bulkBuild = bulkBuild;
        this.spec = Objects.requireNonNull(spec, "spec");
        this.name = name;
        this.distance = spec.distance();
        this.scoring = new Scoring(VectorMathProvider.best());
        this.files = files;
        this.executor = Objects.requireNonNull(executor, "executor");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.graphEnabled = spec.m() > 0;
        this.dimension = spec.dimension();
        this.layout = new VectorLayout(spec, scoring, files);
    }

    static LuceneVectorIndex open(VectorIndexSpec spec, String name, LuceneGraphFiles files, Executor executor,
                                  Tuning tuning) {
        return open(spec, name, files, executor, tuning, null);
    }

    /** As {@link #open(VectorIndexSpec, String, LuceneGraphFiles, Executor, Tuning)}; {@code bulkBuild} (nullable) inserts large backlogs with several threads. */
    static LuceneVectorIndex open(VectorIndexSpec spec, String name, LuceneGraphFiles files, Executor executor,
                                  Tuning tuning, BulkGraphBuild bulkBuild) {
        LuceneVectorIndex index = new LuceneVectorIndex(spec, name, files, executor, tuning, bulkBuild);
        index.restore();
        index.wake();
        return index;
    }

    /** Lucene needs at least 2 links per node; Qdrant's m = 0 means "no graph" and is handled apart. */
    static int graphM(VectorIndexSpec spec) {
        return Math.max(2, spec.m());
    }

    private HnswGraphBuilder newBuilder(GraphScoring supplier) {
        try {
            return HnswGraphBuilder.create(supplier, graphM(spec), Math.max(spec.efConstruct(), graphM(spec)),
                    GRAPH_SEED, -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes {@code vectors} the store, scored by {@code supplier}, with {@code built} as its graph over the
     * first {@code count} ordinals (null: a new, empty graph).
     */
    private void install(OrdinalVectors vectors, GraphScoring supplier, HnswGraphBuilder built, int count) {
        HnswGraphBuilder b = built != null ? built : graphEnabled ? newBuilder(supplier) : null;
        store = vectors;
        scorers = supplier;
        builder = b;
        graph = b == null ? null : b.getGraph();
        graphCount = b == null ? 0 : count;
    }

    // ------------------------------------------------------------------------------------ restore

    /** Installs the persisted index if there is a usable one, else an empty store; then drops unused files. */
    private void restore() {
        buildLock.lock();
        lock.writeLock().lock();
        graphRw.writeLock().lock();
        try {
            if (!restorePersisted()) {
                OrdinalVectors fresh = layout.newStore(16);
                install(fresh, layout.scorers(fresh, null), null, 0);
            }
            if (files != null) {
                files.deleteFloatsExcept(VectorLayout.floatsFile(store));
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "vector index {0}: cannot delete unused vectors files ({1})",
                    name, String.valueOf(e));
        } finally {
            graphRw.writeLock().unlock();
            lock.writeLock().unlock();
            buildLock.unlock();
        }
    }

    private boolean restorePersisted() {
        if (!graphEnabled || files == null) {
            return false;
        }
        try {
            LuceneGraphFiles.Loaded loaded = files.read(spec, scoring);
            if (loaded == null) {
                return false;
            }
            install(loaded.store(), loaded.scorers(), loaded.builder(), loaded.graphCount());
            rebuilding = compactionDue();
            persistedMutations = mutations.get();
            persistedFloats = VectorLayout.floatsFile(loaded.store());
            return true;
        } catch (LuceneGraphFiles.StaleGraphException e) {
            LOG.log(System.Logger.Level.INFO, "vector index {0}: ignoring the persisted graph, {1}; rebuilding",
                    name, e.getMessage());
        } catch (IOException | RuntimeException | AssertionError e) {
            LOG.log(System.Logger.Level.WARNING, "vector index {0}: the persisted graph is unusable ({1}); rebuilding",
                    name, String.valueOf(e));
        }
        return false;
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
        OrdinalVectors s = store;
        if (s.holds(id, vector)) {
            s.setVersion(s.ordOf(id), version); // same floats (a payload-only update): the graph is right already
            return;
        }
        s.append(id, vector, version);
        if (graphEnabled && !rebuilding && compactionDue()) {
            rebuilding = true;
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
        if (store.remove(id) < 0) {
            return false;
        }
        mutations.incrementAndGet();
        if (graphEnabled && !rebuilding && compactionDue()) {
            rebuilding = true;
        }
        return true;
    }

    @Override
    public void sync(Map<PointId, Long> versions, Function<PointId, float[]> loader) {
        // the store is read at each call: a compaction may have replaced it meanwhile
        new VersionSync(name, dimension, lock.writeLock(), () -> store.ids(), id -> store.version(id),
                this::removeLocked, this::upsertLocked, this::wake).run(versions, loader);
    }

    // -------------------------------------------------------------------------------------- reads

    @Override
    public float[] vector(PointId id) {
        lock.readLock().lock();
        try {
            return store.copyOf(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return store.liveCount();
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
            OrdinalVectors s = store;
            return s.liveCount() - s.liveBetween(graphCount, s.count());
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
            return graphCount == store.count() && !rebuilding && !broken;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Heap bytes of the vectors and of the graph, for reporting. */
    public long memoryBytes() {
        OnHeapHnswGraph g = graph;
        return heapVectorBytes() + (g == null ? 0 : g.ramBytesUsed());
    }

    /** Heap bytes of the vectors: the floats, or with quantization the codes (the floats are mapped). */
    public long heapVectorBytes() {
        return store.floats().heapBytes() + scorers.heapBytes();
    }

    /** Bytes of vectors file mapped into memory outside the heap (0 without quantization). */
    public long mappedVectorBytes() {
        return store.floats().mappedBytes();
    }

    @Override
    public List<ScoredId> searchExact(float[] query, int limit, Set<PointId> candidates, Predicate<PointId> accept) {
        checkDimension(query);
        lock.readLock().lock();
        try {
            return exact(store, query, limit, candidates, accept, Integer.MAX_VALUE);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<ScoredId> searchGraph(float[] query, int limit, int ef, Predicate<PointId> accept) {
        return searchGraph(query, limit, ef, null, accept);
    }

    @Override
    public List<ScoredId> searchIndexed(float[] query, int limit, int ef, Predicate<PointId> accept) {
        return searchIndexed(query, limit, ef, null, accept);
    }

    @Override
    public List<ScoredId> searchGraph(float[] query, int limit, int ef, Set<PointId> candidates,
                                      Predicate<PointId> accept) {
        return search(query, limit, ef, candidates, accept, true, QuantizedSearch.DEFAULT);
    }

    @Override
    public List<ScoredId> searchGraph(float[] query, int limit, int ef, Set<PointId> candidates,
                                      Predicate<PointId> accept, QuantizedSearch quantized) {
        return search(query, limit, ef, candidates, accept, true, quantized);
    }

    /**
     * Graph nodes only (Qdrant's {@code indexed_only}): pending ordinals are skipped, not scanned, and so
     * are they by any exact fallback. Without a graph (m = 0) every vector counts as indexed, as in Qdrant.
     */
    @Override
    public List<ScoredId> searchIndexed(float[] query, int limit, int ef, Set<PointId> candidates,
                                        Predicate<PointId> accept) {
        return search(query, limit, ef, candidates, accept, false, QuantizedSearch.DEFAULT);
    }

    @Override
    public List<ScoredId> searchIndexed(float[] query, int limit, int ef, Set<PointId> candidates,
                                        Predicate<PointId> accept, QuantizedSearch quantized) {
        return search(query, limit, ef, candidates, accept, false, quantized);
    }

    private List<ScoredId> search(float[] query, int limit, int ef, Set<PointId> candidates, Predicate<PointId> accept,
                                  boolean withPending, QuantizedSearch quantized) {
        Objects.requireNonNull(quantized, "quantized");
        checkDimension(query);
        if (limit <= 0) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            OrdinalVectors s = store;
            if (!graphEnabled || broken) {
                return exact(s, query, limit, candidates, accept, Integer.MAX_VALUE);
            }
            graphRw.readLock().lock();
            try {
                int indexed = graphCount;
                int below = withPending ? Integer.MAX_VALUE : indexed;
                // no graph yet, or most vectors still waiting for it: one exact scan beats graph + scan of the rest
                if (indexed == 0 || bulkInserting || (withPending && s.count() - indexed > s.count() / 2)) {
                    return exact(s, query, limit, candidates, accept, below);
                }
                // quantized order: only the walk's best candidates(limit) by quantized score are re-scored exactly
                boolean quantizedOrder = layout.quantized() && !quantized.ignore();
                int rescored = quantizedOrder ? quantized.candidates(limit) : Integer.MAX_VALUE;
                int beam = Math.max(ef, quantizedOrder ? rescored : limit);
                return graphSearch(s, indexed, query, limit, beam, rescored, candidates, accept, withPending);
            } finally {
                graphRw.readLock().unlock();
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Exact top {@code limit} over live ordinals below {@code below} that pass {@code candidates} (null:
     * all) and {@code accept} (null: all).
     */
    private List<ScoredId> exact(OrdinalVectors s, float[] query, int limit, Set<PointId> candidates,
                                 Predicate<PointId> accept, int below) {
        TopK top = new TopK(distance, limit);
        FloatVectors.QueryScorer exact = s.floats().scorer(scoring, distance, query);
        if (candidates != null) {
            for (PointId id : candidates) {
                int ord = s.ordOf(id);
                if (ord >= 0 && ord < below && (accept == null || accept.test(id))) {
                    top.offer(id, exact.score(ord));
                }
            }
            return top.best();
        }
        FixedBitSet live = s.liveBits();
        int end = Math.min(below, s.count());
        for (int ord = first(live, 0, end); ord != NONE; ord = next(live, ord, end)) {
            PointId id = s.idAt(ord);
            if (accept == null || accept.test(id)) {
                top.offer(id, exact.score(ord));
            }
        }
        return top.best();
    }

    /** The first set bit in [from, end), or {@link #NONE}. */
    private static int first(FixedBitSet bits, int from, int end) {
        return from >= end ? NONE : bits.nextSetBit(from, end);
    }

    private static int next(FixedBitSet bits, int ord, int end) {
        return first(bits, ord + 1, end);
    }

    /**
     * The walk keeps the best {@code ef} by the graph's scores; the first {@code rescored} of them are
     * re-scored exactly and the best {@code limit} returned.
     */
    private List<ScoredId> graphSearch(OrdinalVectors s, int indexed, float[] query, int limit, int ef, int rescored,
                                       Set<PointId> candidates, Predicate<PointId> accept, boolean withPending) {
        int below = withPending ? Integer.MAX_VALUE : indexed;
        FixedBitSet live = s.liveBits();
        Bits acceptOrds;
        int passing;
        if (candidates != null) {
            FixedBitSet bits = new FixedBitSet(indexed);
            for (PointId id : candidates) {
                int ord = s.ordOf(id);
                if (ord >= 0 && ord < indexed) {
                    bits.set(ord);
                }
            }
            passing = bits.cardinality();
            acceptOrds = accept == null ? bits : new Accepting(bits, s, accept);
        } else if (accept != null) {
            passing = estimatePassing(s, indexed, accept);
            acceptOrds = new Accepting(live, s, accept);
        } else {
            passing = s.liveCount() - s.liveBetween(indexed, s.count());
            acceptOrds = passing == indexed ? null : live;
        }
        List<ScoredId> pending = withPending ? pending(s, indexed, query, limit, candidates, accept) : List.of();
        // about as many passing vectors as a walk would score: scoring them all is as cheap, and exact
        if (passing <= Math.max(ef, limit) || (candidates != null
                && passing <= 4 * HnswGraphSearcher.expectedVisitedNodes(ef, indexed))) {
            return exact(s, query, limit, candidates, accept, below);
        }
        int visitLimit = candidates != null ? passing : Integer.MAX_VALUE;
        TopKnnCollector collector = new TopKnnCollector(ef, visitLimit);
        RandomVectorScorer scorer = scorers.forQuery(query, indexed);
        try {
            HnswGraphSearcher.search(scorer, collector, new GraphCursor(graph), acceptOrds, passing);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "vector index {0}: graph search failed ({1}); scanning exactly",
                    name, String.valueOf(e));
            return exact(s, query, limit, candidates, accept, below);
        }
        if (collector.earlyTerminated()) {
            return exact(s, query, limit, candidates, accept, below);
        }
        ScoreDoc[] found = collector.topDocs().scoreDocs;
        if (found.length < Math.min(limit, passing)) {
            return exact(s, query, limit, candidates, accept, below); // the walk could not reach enough of them
        }
        TopK top = new TopK(distance, limit);
        pending.forEach(hit -> top.offer(hit.id(), hit.score()));
        FloatVectors.QueryScorer exact = s.floats().scorer(scoring, distance, query);
        int n = Math.min(found.length, rescored); // found is best first
        for (int i = 0; i < n; i++) {
            int ord = found[i].doc;
            top.offer(s.idAt(ord), exact.score(ord));
        }
        return top.best();
    }

    /** The best pending (not yet in the graph) live vectors that pass. */
    private List<ScoredId> pending(OrdinalVectors s, int indexed, float[] query, int limit, Set<PointId> candidates,
                                   Predicate<PointId> accept) {
        int end = s.count();
        if (indexed >= end) {
            return List.of();
        }
        TopK top = new TopK(distance, limit);
        FloatVectors.QueryScorer exact = s.floats().scorer(scoring, distance, query);
        FixedBitSet live = s.liveBits();
        for (int ord = first(live, indexed, end); ord != NONE; ord = next(live, ord, end)) {
            PointId id = s.idAt(ord);
            if ((candidates == null || candidates.contains(id)) && (accept == null || accept.test(id))) {
                top.offer(id, exact.score(ord));
            }
        }
        return top.best();
    }

    /** How many graph vectors pass a predicate, from a fixed-seed sample: Lucene picks its strategy by it. */
    private static int estimatePassing(OrdinalVectors s, int indexed, Predicate<PointId> accept) {
        int samples = Math.min(64, indexed);
        SplittableRandom random = new SplittableRandom(indexed);
        int tried = 0;
        int passed = 0;
        for (int i = 0; i < samples * 4 && tried < samples; i++) {
            int ord = random.nextInt(indexed);
            if (s.isLive(ord)) {
                tried++;
                if (accept.test(s.idAt(ord))) {
                    passed++;
                }
            }
        }
        int live = s.liveCount() - s.liveBetween(indexed, s.count()); // graph nodes only: at most the graph's size
        // never report zero: an unlucky sample must not skip a graph search that could find hits
        return tried == 0 ? live : Math.max(1, (int) ((long) live * passed / tried));
    }

    /** Accepted ordinals: in {@code base}, and the point passes the predicate. */
    private record Accepting(FixedBitSet base, OrdinalVectors store, Predicate<PointId> accept) implements Bits {
        @Override
        public boolean get(int ord) {
            return ord < base.length() && base.get(ord) && store.isLive(ord) && accept.test(store.idAt(ord));
        }

        @Override
        public int length() {
            return base.length();
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
        return graphCount < store.count() || rebuilding;
    }

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
                    if (hasWork() && !closed && scheduled.compareAndSet(false, true)) {
                        continue; // a write arrived between the last look and the reset
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
        } catch (RuntimeException | Error e) {
            broken = true;
            scheduled.set(false);
            LOG.log(System.Logger.Level.ERROR, "vector index {0}: background indexing failed ({1}); searching exactly "
                    + "until restart", name, String.valueOf(e));
        }
    }

    /** One unit of background work; false when there is none. */
    private boolean step() {
        buildLock.lock();
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
            if (bulkBuild != null && bulkBuild.due(graphCount, store.count())) {
                bulkStep();
                return true;
            }
            return indexBatch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            buildLock.unlock();
        }
    }

    /**
     * Inserts the next chunk of a large backlog with several threads. Searches scan exactly meanwhile
     * (they do anyway while most vectors wait for the graph); a close aborts the step and leaves the index
     * unpersistable, so the next start rebuilds the graph from the points.
     */
    private void bulkStep() throws IOException {
        int start = graphCount;
        int end = bulkBuild.end(start, store.count());
        scorers.prepare(end, graphRw.writeLock());
        OnHeapHnswGraph g = graph;
        graphRw.writeLock().lock();
        try {
            bulkInserting = true;
            g.addNode(0, end - 1); // sizes the node array now: concurrent inserts must not grow it
        } finally {
            graphRw.writeLock().unlock();
        }
        boolean done = false;
        try {
            bulkBuild.insert(g, scorers, graphM(spec), Math.max(spec.efConstruct(), graphM(spec)), start, end, () -> {
                if (closed) {
                    throw new IOException("closed during a bulk build");
                }
            });
            done = true;
        } catch (IOException e) {
            if (!closed) {
                throw e;
            }
        } finally {
            graphRw.writeLock().lock();
            try {
                if (done) {
                    graphCount = end;
                } else {
                    broken = true; // a half-inserted chunk: never persisted, rebuilt at the next start
                }
                bulkInserting = false;
            } finally {
                graphRw.writeLock().unlock();
            }
        }
        bulkSteps.incrementAndGet();
        LOG.log(System.Logger.Level.DEBUG, "vector index {0}: bulk-inserted ordinals {1} to {2} with {3} threads",
                name, start, end, bulkBuild.threads());
        mutations.incrementAndGet();
    }

    private boolean indexBatch() throws IOException {
        int end = Math.min(store.count(), graphCount + tuning.batchSize());
        if (graphCount >= end) {
            return false;
        }
        scorers.prepare(end, graphRw.writeLock());
        HnswGraphBuilder b = builder;
        for (int ord = graphCount; ord < end; ord++) {
            graphRw.writeLock().lock();
            try {
                b.addGraphNode(ord);
                graphCount = ord + 1;
            } finally {
                graphRw.writeLock().unlock();
            }
        }
        mutations.incrementAndGet();
        return true;
    }

    private boolean compactionDue() {
        OrdinalVectors s = store;
        int dead = s.count() - s.liveCount();
        return dead > tuning.compactionMinDead() && dead > tuning.compactionDeadRatio() * s.count();
    }

    private void startRebuild() {
        OrdinalVectors fresh;
        int snapshot;
        lock.readLock().lock();
        try {
            OrdinalVectors s = store;
            snapshot = s.count();
            fresh = layout.newStore(s.liveCount());
            FixedBitSet live = s.liveBits();
            for (int ord = first(live, 0, snapshot);
                 ord != NONE; ord = next(live, ord, snapshot)) {
                fresh.append(s.idAt(ord), s.copyAt(ord), s.versionAt(ord));
            }
        } finally {
            lock.readLock().unlock();
        }
        LOG.log(System.Logger.Level.DEBUG, "vector index {0}: compacting {1} ordinals into {2}", name, snapshot,
                fresh.count());
        GraphScoring freshScorers = layout.scorers(fresh, scorers);
        rebuild = new Rebuild(fresh, freshScorers, newBuilder(freshScorers), snapshot);
    }

    private void rebuildStep() throws IOException {
        Rebuild r = rebuild;
        int end = Math.min(r.store.count(), r.next + tuning.batchSize());
        r.scorers.prepare(end, graphRw.writeLock());
        for (; r.next < end; r.next++) {
            r.builder.addGraphNode(r.next);
        }
        if (r.next < r.store.count()) {
            return;
        }
        lock.writeLock().lock();
        graphRw.writeLock().lock();
        try {
            OrdinalVectors old = store;
            OrdinalVectors fresh = r.store;
            // deletions and same-vector version bumps since the snapshot
            List<PointId> gone = new ArrayList<>();
            for (PointId id : fresh.ids()) {
                int oldOrd = old.ordOf(id);
                if (oldOrd < 0) {
                    gone.add(id);
                } else if (oldOrd < r.snapshotCount) {
                    fresh.setVersion(fresh.ordOf(id), old.versionAt(oldOrd));
                }
            }
            gone.forEach(fresh::remove);
            int built = fresh.count();
            // writes since the snapshot: pending in the new graph
            FixedBitSet live = old.liveBits();
            int oldCount = old.count();
            for (int ord = first(live, r.snapshotCount, oldCount);
                 ord != NONE; ord = next(live, ord, oldCount)) {
                fresh.append(old.idAt(ord), old.copyAt(ord), old.versionAt(ord));
            }
            install(fresh, r.scorers, r.builder, built);
            retire(old);
            rebuild = null;
            rebuilds.incrementAndGet();
            rebuilding = compactionDue();
        } finally {
            graphRw.writeLock().unlock();
            lock.writeLock().unlock();
        }
        mutations.incrementAndGet();
    }

    /** A replaced store's vectors file goes now, or after the next persist if the persisted graph names it. */
    private void retire(OrdinalVectors old) {
        Path file = VectorLayout.floatsFile(old);
        if (file == null) {
            return;
        }
        if (file.equals(persistedFloats)) {
            retiredFloats.add(file);
        } else {
            deleteQuietly(file);
        }
    }

    private void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "vector index {0}: cannot delete {1} ({2})", name, file,
                    String.valueOf(e));
        }
    }

    // -------------------------------------------------------------------------------- persistence

    private static final long PERSIST_MIN_MUTATIONS = 1_000;
    private static final long PERSIST_MIN_INTERVAL_NANOS = 30_000_000_000L;
    private volatile long lastPersistNanos = System.nanoTime();

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
        buildLock.lock(); // the graph holds still while it is saved; searches and writes go on
        try {
            long seen = mutations.get();
            if (seen == persistedMutations && files.exists()) {
                return;
            }
            OrdinalVectors.Snapshot snapshot;
            GraphScoring scoredBy;
            int indexed;
            lock.readLock().lock();
            try {
                snapshot = store.snapshot();
                scoredBy = scorers;
                indexed = graphCount;
            } finally {
                lock.readLock().unlock();
            }
            files.write(spec, snapshot, scoredBy, graph, indexed);
            persistedMutations = seen;
            persistedFloats = snapshot.floats() instanceof MappedFloatVectors mapped ? mapped.file() : null;
            retiredFloats.forEach(this::deleteQuietly);
            retiredFloats.clear();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "vector index {0}: could not persist the graph ({1}); it will be "
                    + "rebuilt on the next start", name, String.valueOf(e));
        } finally {
            buildLock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        buildLock.lock();
        try {
            if (rebuild != null) {
                Path unfinished = VectorLayout.floatsFile(rebuild.store);
                if (unfinished != null) {
                    deleteQuietly(unfinished);
                }
            }
            rebuild = null;
        } finally {
            buildLock.unlock();
        }
    }

    // ------------------------------------------------------------------------------ for tests

    int deadOrdinals() {
        lock.readLock().lock();
        try {
            return store.count() - store.liveCount();
        } finally {
            lock.readLock().unlock();
        }
    }

    long rebuilds() {
        return rebuilds.get();
    }

    /** Bulk (multi-threaded) insert steps completed since open. */
    long bulkSteps() {
        return bulkSteps.get();
    }

    private void checkDimension(float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("expected a vector of " + dimension + " dimensions, got " + vector.length);
        }
    }

    @Override
    public String toString() {
        return "LuceneVectorIndex[" + name + ", " + spec + "]";
    }
}
