package io.quiver.domain.collection;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stored form of a configuration is the document {@link CollectionConfigWriter} writes; reading it
 * back with {@link CollectionConfigReader#readStored} must give the configuration that was written.
 */
class CollectionConfigRoundTripTest {

    static Stream<Arguments> shapes() {
        return CollectionConfigMother.allShapes().entrySet().stream()
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void storedDocumentReadsBackAsTheSameConfig(String shape, CollectionConfig config) {
        ObjectValue stored = CollectionConfigWriter.write(config);

        assertThat(CollectionConfigReader.readStored(stored)).isEqualTo(config);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void writingIsStableAcrossARoundTrip(String shape, CollectionConfig config) {
        ObjectValue once = CollectionConfigWriter.write(config);
        ObjectValue twice = CollectionConfigWriter.write(CollectionConfigReader.readStored(once));

        assertThat(twice).isEqualTo(once);
        assertThat(twice.fields().keySet()).containsExactlyElementsOf(once.fields().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void aCreateBodyInTheWrittenShapeGivesTheSameConfig(String shape, CollectionConfig config) {
        // A create body uses the same field names as the reported params, with the config parts beside them.
        ObjectValue written = CollectionConfigWriter.write(config);
        ObjectValue params = (ObjectValue) written.get("params");
        Map<String, PayloadValue> body = new LinkedHashMap<>(params.fields());
        body.put("hnsw_config", written.get("hnsw_config"));
        body.put("optimizers_config", written.get("optimizer_config"));
        body.put("wal_config", written.get("wal_config"));
        body.put("quantization_config", written.get("quantization_config"));
        body.put("strict_mode_config", written.get("strict_mode_config"));
        if (written.get("metadata") != null) {
            body.put("metadata", written.get("metadata"));
        }

        NewCollection created = CollectionConfigReader.readCreate(new ObjectValue(body));

        assertThat(created.toConfig()).isEqualTo(config);
    }

    @Test
    void createThenStoreRoundTripsThroughTheWireShape() {
        NewCollection spec = CollectionConfigReader.readCreate(PayloadMother.json("""
                {"vectors": {"": {"size": 4, "distance": "Dot"},
                             "image": {"size": 3, "distance": "Euclid", "on_disk": true, "datatype": "uint8",
                                       "hnsw_config": {"m": 8},
                                       "quantization_config": {"product": {"compression": "x8"}}},
                             "colbert": {"size": 2, "distance": "Cosine",
                                         "multivector_config": {"comparator": "max_sim"}}},
                 "sparse_vectors": {"bm25": {"modifier": "idf", "index": {"on_disk": false}}, "plain": {}},
                 "quantization_config": {"scalar": {"type": "int8", "quantile": 0.5}},
                 "strict_mode_config": {"enabled": true, "max_points_count": 10},
                 "metadata": {"purpose": "round trip"}}"""));
        CollectionConfig config = spec.toConfig();

        CollectionConfig reread = CollectionConfigReader.readStored(CollectionConfigWriter.write(config));

        assertThat(reread).isEqualTo(config);
        assertThat(reread.params().vectors().byName()).containsOnlyKeys("", "image", "colbert");
        assertThat(reread.params().vectors().byName().get("colbert").multivector())
                .isEqualTo(VectorParams.MultiVectorComparator.MAX_SIM);
        assertThat(reread.params().sparseVectors().get("bm25").usesIdf()).isTrue();
        assertThat(reread.params().sparseVectors().get("plain")).isEqualTo(SparseVectorParams.DEFAULT);
        assertThat(reread.quantizationConfig().kind()).isEqualTo(QuantizationConfig.Kind.SCALAR);
        assertThat(reread.strictModeConfig().settings().get("max_points_count")).isEqualTo(PayloadValue.of(10));
        assertThat(reread.metadata().get("purpose")).isEqualTo(PayloadValue.of("round trip"));
    }

    @Test
    void singleAndNamedFormsStayDistinct() {
        CollectionConfig single = CollectionConfigMother.single();
        CollectionConfig namedDefault = NewCollection.of(
                new VectorsConfig.Named(Map.of("", VectorParamsMother.cosine(4)))).toConfig();

        assertThat(CollectionConfigReader.readStored(CollectionConfigWriter.write(single)).params().vectors())
                .isInstanceOf(VectorsConfig.Single.class);
        assertThat(CollectionConfigReader.readStored(CollectionConfigWriter.write(namedDefault)).params().vectors())
                .isInstanceOf(VectorsConfig.Named.class);
        assertThat(single.params().vectors().byName()).isEqualTo(namedDefault.params().vectors().byName());
    }

    @Test
    void defaultConfigIsWrittenAsQdrantReportsIt() {
        ObjectValue written = CollectionConfigWriter.write(CollectionConfigMother.single());

        assertThat(written).isEqualTo(PayloadMother.json("""
                {"params": {"vectors": {"size": 4, "distance": "Cosine"}, "shard_number": 1,
                            "replication_factor": 1, "write_consistency_factor": 1, "on_disk_payload": true},
                 "hnsw_config": {"m": 16, "ef_construct": 100, "full_scan_threshold": 10000,
                                 "max_indexing_threads": 0, "on_disk": false},
                 "optimizer_config": {"deleted_threshold": 0.2, "vacuum_min_vector_number": 1000,
                                      "default_segment_number": 0, "max_segment_size": null,
                                      "memmap_threshold": null, "indexing_threshold": 10000,
                                      "flush_interval_sec": 5, "max_optimization_threads": null},
                 "wal_config": {"wal_capacity_mb": 32, "wal_segments_ahead": 0, "wal_retain_closed": 1},
                 "quantization_config": null,
                 "strict_mode_config": {"enabled": false}}"""));
        assertThat(written.fields().keySet()).containsExactly("params", "hnsw_config", "optimizer_config",
                "wal_config", "quantization_config", "strict_mode_config");
    }

    @Test
    void unsetOptionalPartsAreLeftOutOfTheDocument() {
        ObjectValue written = CollectionConfigWriter.write(CollectionConfigMother.single());
        ObjectValue params = (ObjectValue) written.get("params");

        assertThat(written.fields()).doesNotContainKey("metadata");
        assertThat(params.fields()).doesNotContainKeys("sparse_vectors", "sharding_method", "payload",
                "read_fan_out_factor", "read_fan_out_delay_ms");
        assertThat(((ObjectValue) params.get("vectors")).fields()).containsOnlyKeys("size", "distance");
    }
}
