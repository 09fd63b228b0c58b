package io.quiver.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.VectorIndex.QuantizedSearch;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec.Quantization;
import io.quiver.domain.collection.HnswConfig;
import io.quiver.domain.collection.QuantizationConfig;
import io.quiver.domain.collection.VectorParams;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.point.SearchParams;
import io.quiver.domain.vector.Distance;
import org.junit.jupiter.api.Test;

/** How collection quantization configs become index specs, and search params the index's search options. */
class QuantizationSpecTest {

    private static final HnswConfig HNSW = HnswConfig.DEFAULT;

    private static QuantizationConfig config(QuantizationConfig.Kind kind, String params) {
        return new QuantizationConfig(kind, PayloadMother.json(params));
    }

    private static VectorParams vector(QuantizationConfig own) {
        return new VectorParams(4, Distance.COSINE, null, own, null, null, null, null);
    }

    @Test
    void scalarInt8TakesItsQuantileOrTheWholeRange() {
        QuantizationConfig withQuantile = config(QuantizationConfig.Kind.SCALAR, "{\"type\": \"int8\", \"quantile\": 0.95}");
        QuantizationConfig without = config(QuantizationConfig.Kind.SCALAR, "{\"type\": \"int8\", \"always_ram\": true}");
        assertThat(VectorIndexes.spec(vector(null), HNSW, withQuantile).quantization())
                .isEqualTo(Quantization.scalarInt8(0.95f));
        assertThat(VectorIndexes.spec(vector(null), HNSW, without).quantization()).isEqualTo(Quantization.scalarInt8(1f));
        assertThat(VectorIndexes.spec(vector(null), HNSW, null).quantization()).isEqualTo(Quantization.NONE);
    }

    @Test
    void aVectorsOwnConfigOverridesTheCollections() {
        QuantizationConfig collection = config(QuantizationConfig.Kind.SCALAR, "{\"type\": \"int8\"}");
        QuantizationConfig binary = config(QuantizationConfig.Kind.BINARY, "{}");
        QuantizationConfig scalar = config(QuantizationConfig.Kind.SCALAR, "{\"type\": \"int8\", \"quantile\": 0.5}");
        assertThat(VectorIndexes.spec(vector(binary), HNSW, collection).quantization()).isEqualTo(Quantization.NONE);
        assertThat(VectorIndexes.spec(vector(scalar), HNSW, null).quantization()).isEqualTo(Quantization.scalarInt8(0.5f));
        assertThat(VectorIndexes.spec(vector(null), HNSW, collection).quantization()).isEqualTo(Quantization.scalarInt8(1f));
    }

    @Test
    void productBinaryAndTurboAreKeptButNotApplied() {
        for (QuantizationConfig other : new QuantizationConfig[] {
                config(QuantizationConfig.Kind.PRODUCT, "{\"compression\": \"x16\"}"),
                config(QuantizationConfig.Kind.BINARY, "{}"),
                config(QuantizationConfig.Kind.TURBO, "{}")}) {
            assertThat(VectorIndexes.spec(vector(null), HNSW, other).quantization()).isEqualTo(Quantization.NONE);
        }
    }

    @Test
    void searchParamsFillInQdrantsDefaults() {
        assertThat(DenseSearch.quantized(null)).isEqualTo(QuantizedSearch.DEFAULT);
        assertThat(DenseSearch.quantized(new SearchParams.Quantization(false, null, null)))
                .isEqualTo(new QuantizedSearch(false, true, 1.0));
        assertThat(DenseSearch.quantized(new SearchParams.Quantization(true, false, 3.0)))
                .isEqualTo(new QuantizedSearch(true, false, 3.0));
        assertThat(new QuantizedSearch(false, true, 2.5).candidates(10)).isEqualTo(25);
        assertThat(new QuantizedSearch(false, true, 1.01).candidates(10)).isEqualTo(11);
        assertThat(new QuantizedSearch(false, false, 4).candidates(10)).isEqualTo(10);
        assertThat(new QuantizedSearch(false, true, 1e300).candidates(10)).isEqualTo(Integer.MAX_VALUE);
    }
}
