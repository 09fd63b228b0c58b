package io.quiver.domain.collection;

import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.vector.Datatype;
import io.quiver.domain.vector.Distance;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collection configurations for tests, one per shape a client can create, with Qdrant's defaults filled
 * in by {@link NewCollection#toConfig()} exactly as the create path does.
 */
public final class CollectionConfigMother {

    private CollectionConfigMother() {
    }

    /** One unnamed 4-d cosine vector, everything else default. */
    public static CollectionConfig single() {
        return single(4, Distance.COSINE);
    }

    public static CollectionConfig single(long size, Distance distance) {
        return NewCollection.of(new VectorsConfig.Single(VectorParams.of(size, distance))).toConfig();
    }

    /** Named vectors of increasing size: {@code names[i]} has size {@code i + 2}, all Dot. */
    public static CollectionConfig named(String... names) {
        Map<String, VectorParams> vectors = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            vectors.put(names[i], VectorParams.of(i + 2L, Distance.DOT));
        }
        return NewCollection.of(new VectorsConfig.Named(vectors)).toConfig();
    }

    /** The default vector {@code ""} next to a named one, each tuned differently. */
    public static CollectionConfig withDefaultNamedVector() {
        Map<String, VectorParams> vectors = new LinkedHashMap<>();
        vectors.put("", VectorParamsMother.of(8, Distance.EUCLID));
        vectors.put("image", VectorParamsMother.tuned(512, Distance.MANHATTAN));
        return NewCollection.of(new VectorsConfig.Named(vectors)).toConfig();
    }

    public static CollectionConfig multivector() {
        return NewCollection.of(new VectorsConfig.Named(Map.of("colbert", VectorParamsMother.multivector(128))))
                .toConfig();
    }

    /** A dense vector plus two sparse spaces: one plain, one with IDF and index settings. */
    public static CollectionConfig sparse() {
        Map<String, SparseVectorParams> sparse = new LinkedHashMap<>();
        sparse.put("bm25", new SparseVectorParams(
                new SparseVectorParams.Index(5_000L, true, Memory.COLD, Datatype.UINT8), SparseVectorParams.Modifier.IDF));
        sparse.put("splade", SparseVectorParams.DEFAULT);
        return new NewCollection(new VectorsConfig.Named(Map.of("dense", VectorParams.of(3, Distance.COSINE))),
                null, null, null, null, null, null, null, null, null, null, sparse, null, null).toConfig();
    }

    /** Sparse vectors only, no dense space at all. */
    public static CollectionConfig sparseOnly() {
        return new NewCollection(null, null, null, null, null, null, null, null, null, null, null,
                Map.of("text", new SparseVectorParams(null, SparseVectorParams.Modifier.NONE)), null, null).toConfig();
    }

    public static CollectionConfig quantized(QuantizationConfig.Kind kind) {
        return new NewCollection(new VectorsConfig.Single(VectorParams.of(16, Distance.DOT)), null, null, null, null,
                null, null, null, null, null, QuantizationConfigMother.of(kind), null, null, null).toConfig();
    }

    public static CollectionConfig strict() {
        StrictModeConfig strict = new StrictModeConfig(PayloadMother.json("""
                {"enabled": true, "max_query_limit": 100, "search_max_oversampling": 1.5,
                 "unindexed_filtering_retrieve": false, "max_resident_memory_percent": 90,
                 "multivector_config": {"colbert": {"max_vectors": 32}}}"""));
        return new NewCollection(new VectorsConfig.Single(VectorParams.of(4, Distance.COSINE)), null, null, null, null,
                null, null, null, null, null, null, null, strict, null).toConfig();
    }

    public static CollectionConfig withMetadata() {
        return new NewCollection(new VectorsConfig.Single(VectorParams.of(4, Distance.COSINE)), null, null, null, null,
                null, null, null, null, null, null, null, null, PayloadMother.json("""
                {"owner": "search-team", "version": 3, "ratio": 0.25, "tags": ["a", "b"],
                 "nested": {"deep": {"flag": true, "nothing": null}}, "unicode": "Grüße 👋"}""")).toConfig();
    }

    /** Every setting a create request can carry, none left at its default. */
    public static CollectionConfig everything() {
        Map<String, VectorParams> vectors = new LinkedHashMap<>();
        vectors.put("", VectorParamsMother.tuned(1536, Distance.COSINE));
        vectors.put("colbert", VectorParamsMother.multivector(64));
        return new NewCollection(new VectorsConfig.Named(vectors), 2, "custom", 3, 2, false, Memory.COLD,
                new HnswConfigDiff(24, 128, 500, 4, true, Memory.CACHED, 16, true),
                new WalConfigDiff(64L, 2L, 3L),
                new OptimizersConfigDiff(0.3, 2000L, 4L, 100_000L, 50_000L, 20_000L, 10L, true, 3L, true),
                QuantizationConfigMother.binary(),
                Map.of("keywords", new SparseVectorParams(null, SparseVectorParams.Modifier.IDF)),
                new StrictModeConfig(PayloadMother.json("{\"enabled\": true, \"upsert_max_batchsize\": 64}")),
                PayloadMother.json("{\"team\": \"ml\"}")).toConfig();
    }

    /** Every shape above, by a readable name, for parameterized tests. */
    public static Map<String, CollectionConfig> allShapes() {
        Map<String, CollectionConfig> shapes = new LinkedHashMap<>();
        shapes.put("single", single());
        shapes.put("named", named("text", "image"));
        shapes.put("default named vector", withDefaultNamedVector());
        shapes.put("multivector", multivector());
        shapes.put("sparse", sparse());
        shapes.put("sparse only", sparseOnly());
        for (QuantizationConfig.Kind kind : QuantizationConfig.Kind.values()) {
            shapes.put("quantization " + kind.label(), quantized(kind));
        }
        shapes.put("strict mode", strict());
        shapes.put("metadata", withMetadata());
        shapes.put("everything", everything());
        return shapes;
    }
}
