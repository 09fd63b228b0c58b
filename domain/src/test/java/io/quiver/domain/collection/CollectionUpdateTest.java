package io.quiver.domain.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.domain.error.BadInputException;
import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.vector.Distance;
import org.junit.jupiter.api.Test;

/** PATCH semantics: {@link CollectionConfigReader#readUpdate} then {@link CollectionConfig#update}. */
class CollectionUpdateTest {

    private static CollectionConfig patch(CollectionConfig config, String json) {
        return config.update(CollectionConfigReader.readUpdate(PayloadMother.json(json)));
    }

    @Test
    void anEmptyPatchChangesNothing() {
        CollectionConfig config = CollectionConfigMother.everything();

        assertThat(patch(config, "{}")).isEqualTo(config);
    }

    @Test
    void metadataIsMergedKeyByKeyAndNullRemovesAKey() {
        CollectionConfig config = CollectionConfigMother.single().update(CollectionConfigReader.readUpdate(
                PayloadMother.json("{\"metadata\": {\"a\": 1, \"c\": 3}}")));

        CollectionConfig patched = patch(config, "{\"metadata\": {\"a\": null, \"b\": {\"x\": [1]}, \"c\": 4}}");

        assertThat(patched.metadata()).isEqualTo(PayloadMother.json("{\"c\": 4, \"b\": {\"x\": [1]}}"));
        assertThat(config.metadata()).isEqualTo(PayloadMother.json("{\"a\": 1, \"c\": 3}"));
    }

    @Test
    void metadataLeftOutOfThePatchIsKept() {
        CollectionConfig config = CollectionConfigMother.withMetadata();

        assertThat(patch(config, "{\"hnsw_config\": {\"m\": 8}}").metadata()).isEqualTo(config.metadata());
        assertThat(patch(config, "{\"metadata\": null}").metadata()).isEqualTo(config.metadata());
    }

    @Test
    void metadataCanBeAddedToACollectionThatHadNone() {
        CollectionConfig patched = patch(CollectionConfigMother.single(), "{\"metadata\": {\"k\": \"v\", \"gone\": null}}");

        assertThat(patched.metadata()).isEqualTo(PayloadMother.json("{\"k\": \"v\"}"));
    }

    @Test
    void hnswPatchIsMergedIntoTheCurrentConfig() {
        CollectionConfig config = patch(CollectionConfigMother.single(), "{\"hnsw_config\": {\"m\": 32, \"on_disk\": true}}");

        CollectionConfig patched = patch(config, "{\"hnsw_config\": {\"ef_construct\": 256}}");

        assertThat(patched.hnswConfig()).isEqualTo(new HnswConfig(32, 256, 10_000, 0, true, null, null, null));
    }

    @Test
    void perVectorHnswPatchIsMergedIntoTheVectorsOwnDiff() {
        CollectionConfig config = CollectionConfigMother.withDefaultNamedVector();
        HnswConfigDiff before = config.params().vectors().find("image").orElseThrow().hnswConfig();

        CollectionConfig patched = patch(config, "{\"vectors\": {\"image\": {\"hnsw_config\": {\"ef_construct\": 300}}}}");

        HnswConfigDiff after = patched.params().vectors().find("image").orElseThrow().hnswConfig();
        assertThat(after.efConstruct()).isEqualTo(300);
        assertThat(after.m()).isEqualTo(before.m());
        assertThat(after.payloadM()).isEqualTo(before.payloadM());
        assertThat(patched.params().vectors().find("").orElseThrow())
                .isEqualTo(config.params().vectors().find("").orElseThrow());
    }

    @Test
    void aVectorWithoutOwnHnswGetsThePatchAsItsDiff() {
        CollectionConfig patched = patch(CollectionConfigMother.single(), "{\"vectors\": {\"\": {\"hnsw_config\": {\"m\": 0}}}}");

        VectorParams params = patched.params().vectors().find("").orElseThrow();
        assertThat(params.hnswConfig()).isEqualTo(new HnswConfigDiff(0, null, null, null, null, null, null, null));
        assertThat(patched.params().vectors()).isInstanceOf(VectorsConfig.Single.class);
    }

    @Test
    void perVectorPlacementIsPatchedButSizeAndDistanceStay() {
        CollectionConfig patched = patch(CollectionConfigMother.named("a", "b"),
                "{\"vectors\": {\"b\": {\"on_disk\": true, \"memory\": \"cold\"}}}");

        VectorParams b = patched.params().vectors().find("b").orElseThrow();
        assertThat(b.onDisk()).isTrue();
        assertThat(b.memory()).isEqualTo(Memory.COLD);
        assertThat(b.size()).isEqualTo(3);
        assertThat(b.distance()).isEqualTo(Distance.DOT);
    }

    @Test
    void quantizationDisabledRemovesTheCollectionsQuantization() {
        CollectionConfig config = CollectionConfigMother.quantized(QuantizationConfig.Kind.SCALAR);

        CollectionConfig patched = patch(config, "{\"quantization_config\": \"Disabled\"}");

        assertThat(patched.quantizationConfig()).isNull();
        assertThat(config.quantizationConfig()).isNotNull();
    }

    @Test
    void aNewQuantizationReplacesTheOldOne() {
        CollectionConfig patched = patch(CollectionConfigMother.quantized(QuantizationConfig.Kind.SCALAR),
                "{\"quantization_config\": {\"binary\": {\"always_ram\": true, \"encoding\": \"two_bits\", "
                        + "\"query_encoding\": \"scalar8bits\"}}}");

        assertThat(patched.quantizationConfig()).isEqualTo(QuantizationConfigMother.binary());
    }

    @Test
    void perVectorQuantizationCanBeDisabled() {
        CollectionConfig config = CollectionConfigMother.withDefaultNamedVector();
        assertThat(config.params().vectors().find("image").orElseThrow().quantizationConfig()).isNotNull();

        CollectionConfig patched = patch(config, "{\"vectors\": {\"image\": {\"quantization_config\": \"Disabled\"}}}");

        assertThat(patched.params().vectors().find("image").orElseThrow().quantizationConfig()).isNull();
    }

    @Test
    void quantizationAcceptsOnlyTheDisabledString() {
        assertThatThrownBy(() -> patch(CollectionConfigMother.single(), "{\"quantization_config\": \"Off\"}"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("quantization_config: unknown variant `Off`, expected one of `Disabled`");
    }

    @Test
    void anUnknownDenseVectorNameIsBadInput() {
        assertThatThrownBy(() -> patch(CollectionConfigMother.named("a"), "{\"vectors\": {\"nope\": {\"on_disk\": true}}}"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Not existing vector name error: nope");
    }

    @Test
    void theSingleVectorIsOnlyAddressableAsTheEmptyName() {
        assertThatThrownBy(() -> patch(CollectionConfigMother.single(), "{\"vectors\": {\"default\": {\"on_disk\": true}}}"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Not existing vector name error: default");
    }

    @Test
    void anUnknownSparseVectorNameIsBadInput() {
        assertThatThrownBy(() -> patch(CollectionConfigMother.sparse(), "{\"sparse_vectors\": {\"dense\": {}}}"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Not existing vector name error: dense");
    }

    @Test
    void sparsePatchKeepsWhatItDoesNotMention() {
        CollectionConfig config = CollectionConfigMother.sparse();

        CollectionConfig patched = patch(config, "{\"sparse_vectors\": {\"bm25\": {\"modifier\": \"none\"}}}");

        SparseVectorParams bm25 = patched.params().sparseVectors().get("bm25");
        assertThat(bm25.modifier()).isEqualTo(SparseVectorParams.Modifier.NONE);
        assertThat(bm25.index()).isEqualTo(config.params().sparseVectors().get("bm25").index());
        assertThat(patched.params().sparseVectors().get("splade")).isEqualTo(SparseVectorParams.DEFAULT);
    }

    @Test
    void optimizersPatchCanSetThreadsBackToAuto() {
        CollectionConfig config = CollectionConfigMother.everything();
        assertThat(config.optimizerConfig().maxOptimizationThreads()).isEqualTo(3L);

        CollectionConfig patched = patch(config, "{\"optimizers_config\": {\"max_optimization_threads\": \"auto\"}}");
        CollectionConfig untouched = patch(config, "{\"optimizers_config\": {\"indexing_threshold\": 0}}");

        assertThat(patched.optimizerConfig().maxOptimizationThreads()).isNull();
        assertThat(untouched.optimizerConfig().maxOptimizationThreads()).isEqualTo(3L);
        assertThat(untouched.optimizerConfig().indexingThreshold()).isZero();
        assertThat(untouched.optimizerConfig().deletedThreshold()).isEqualTo(0.3);
    }

    @Test
    void paramsPatchChangesOnlyWhatItNames() {
        CollectionConfig config = CollectionConfigMother.everything();

        CollectionConfig patched = patch(config, """
                {"params": {"replication_factor": 5, "read_fan_out_factor": 2, "on_disk_payload": true,
                            "payload": {"memory": "pinned"}}}""");

        CollectionParams p = patched.params();
        assertThat(p.replicationFactor()).isEqualTo(5);
        assertThat(p.readFanOutFactor()).isEqualTo(2L);
        assertThat(p.onDiskPayload()).isTrue();
        assertThat(p.payloadMemory()).isEqualTo(Memory.PINNED);
        assertThat(p.writeConsistencyFactor()).isEqualTo(config.params().writeConsistencyFactor());
        assertThat(p.shardNumber()).isEqualTo(config.params().shardNumber());
        assertThat(p.vectors()).isEqualTo(config.params().vectors());
        assertThat(p.sparseVectors()).isEqualTo(config.params().sparseVectors());
    }

    @Test
    void paramsViolationsAreRootedUnderParams() {
        assertThatThrownBy(() -> patch(CollectionConfigMother.single(), "{\"params\": {\"replication_factor\": 0}}"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("params.replication_factor: value 0 invalid, must be 1 or larger");
    }

    @Test
    void hnswPatchViolationsNameTheirPath() {
        assertThatThrownBy(() -> patch(CollectionConfigMother.single(), "{\"hnsw_config\": {\"ef_construct\": 1}}"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("hnsw_config.ef_construct: value 1 invalid, must be 4 or larger");
    }

    @Test
    void strictModePatchIsMergedAndNullRemovesASetting() {
        CollectionConfig config = CollectionConfigMother.strict();

        CollectionConfig patched = patch(config,
                "{\"strict_mode_config\": {\"max_query_limit\": null, \"max_timeout\": 30}}");

        assertThat(patched.strictModeConfig().settings().fields())
                .containsEntry("enabled", PayloadValue.of(true))
                .containsEntry("max_timeout", PayloadValue.of(30))
                .doesNotContainKey("max_query_limit")
                .containsKey("search_max_oversampling");
    }

    @Test
    void walIsNotPatchable() {
        CollectionConfig config = CollectionConfigMother.everything();

        assertThat(patch(config, "{\"wal_config\": {\"wal_capacity_mb\": 1}}").walConfig()).isEqualTo(config.walConfig());
    }
}
