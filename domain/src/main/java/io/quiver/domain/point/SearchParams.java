package io.quiver.domain.point;

import io.quiver.domain.error.Validations;

/**
 * How a search may trade accuracy for speed: {@code hnswEf} widens the graph beam (null: the
 * collection's ef_construct), {@code exact} scans everything, {@code indexedOnly} skips vectors the graph
 * does not hold yet.
 */
public record SearchParams(Integer hnswEf, boolean exact, boolean indexedOnly) {

    public static final SearchParams DEFAULT = new SearchParams(null, false, false);

    public SearchParams {
        new Validations().range("hnsw_ef", hnswEf, 0, null).throwIfAny();
    }
}
