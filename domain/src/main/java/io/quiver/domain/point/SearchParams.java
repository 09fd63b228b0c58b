package io.quiver.domain.point;

import io.quiver.domain.error.Validations;

/**
 * How a search may trade accuracy for speed: {@code hnswEf} widens the graph beam (null: the
 * collection's ef_construct), {@code exact} scans everything, {@code indexedOnly} skips vectors the graph
 * does not hold yet, {@code quantization} (null: not given) says how quantized vectors may be used.
 */
public record SearchParams(Integer hnswEf, boolean exact, boolean indexedOnly, Quantization quantization) {

    public static final SearchParams DEFAULT = new SearchParams(null, false, false, null);

    public SearchParams {
        new Validations().range("hnsw_ef", hnswEf, 0, null).throwIfAny();
    }

    /**
     * Qdrant's {@code params.quantization}: {@code ignore} the quantized vectors, {@code rescore} the
     * candidates with the original vectors, pre-select {@code oversampling} times the limit by quantized
     * score. A null {@code rescore} or {@code oversampling} leaves the choice to the index (Qdrant's
     * defaults: rescore, no oversampling).
     */
    public record Quantization(boolean ignore, Boolean rescore, Double oversampling) {

        public Quantization {
            // Qdrant: #[validate(range(min = 1.0))], worded by its range check
            new Validations().range("oversampling", oversampling, 1.0, null).throwIfAny();
        }
    }
}
