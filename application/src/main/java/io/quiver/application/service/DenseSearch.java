package io.quiver.application.service;

import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndex.QuantizedSearch;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.collection.HnswConfig;
import io.quiver.domain.collection.VectorParams;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.SearchParams;
import java.util.List;
import java.util.Set;

/**
 * The dense search planner: a small collection or a small filtered candidate set is scored exactly;
 * otherwise the graph is searched within the candidate set and residual check (an index filters inside
 * its walk or widens its search, down to an exact scan, when too few pass) — over indexed vectors only when the search params say
 * {@code indexed_only}, using quantized vectors as {@code params.quantization} says.
 */
final class DenseSearch {

    private DenseSearch() {
    }

    static HnswConfig hnswOf(LiveCollection collection, VectorParams params) {
        HnswConfig base = collection.config().hnswConfig();
        return params.hnswConfig() == null ? base : base.with(params.hnswConfig());
    }

    /**
     * Best {@code want} ids by the preprocessed query {@code q}. {@code restrictTo} (nullable) limits the
     * search to those ids (prefetch results); {@code exclude} drops ids (the query's own examples).
     */
    static List<ScoredId> nearest(LiveCollection collection, VectorIndex index, HnswConfig hnsw, float[] q, int want,
                                  Filter filter, SearchParams params, Set<PointId> restrictTo, Set<PointId> exclude) {
        SearchScope scope = SearchScope.of(collection, filter, restrictTo, exclude);
        Set<PointId> candidates = scope.candidates();
        long fullScanPoints = Math.max(1, (long) hnsw.fullScanThreshold() * 1024 / (4L * q.length));
        boolean small = index.size() <= fullScanPoints || (candidates != null && candidates.size() <= fullScanPoints);
        if (params.exact() || small) {
            return index.searchExact(q, want, candidates, scope.residual());
        }
        int ef = Math.max(params.hnswEf() != null ? params.hnswEf() : hnsw.efConstruct(), want);
        QuantizedSearch quantized = quantized(params.quantization());
        // indexed_only: vectors still waiting for the graph are skipped, as Qdrant skips unindexed segments
        return params.indexedOnly() ? index.searchIndexed(q, want, ef, candidates, scope.residual(), quantized)
                : index.searchGraph(q, want, ef, candidates, scope.residual(), quantized);
    }

    /** The request's quantization params with Qdrant's defaults filled in. */
    static QuantizedSearch quantized(SearchParams.Quantization params) {
        if (params == null) {
            return QuantizedSearch.DEFAULT;
        }
        QuantizedSearch d = QuantizedSearch.DEFAULT;
        return new QuantizedSearch(params.ignore(), params.rescore() != null ? params.rescore() : d.rescore(),
                params.oversampling() != null ? params.oversampling() : d.oversampling());
    }
}
