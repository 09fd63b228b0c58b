package io.quiver.domain.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.error.ValidationException.Violation;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.vector.Datatype;
import io.quiver.domain.vector.Distance;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CollectionConfigReaderTest {

    private static NewCollection create(String json) {
        return CollectionConfigReader.readCreate(PayloadMother.json(json));
    }

    private static ValidationException createViolation(String json) {
        return catchThrowableOfType(ValidationException.class, () -> create(json));
    }

    private static MalformedInputException createMalformed(String json) {
        return catchThrowableOfType(MalformedInputException.class, () -> create(json));
    }

    @Nested
    class QdrantDefaults {

        @Test
        void aMinimalCreateGetsQdrantsDefaults() {
            CollectionConfig config = create("{\"vectors\": {\"size\": 4, \"distance\": \"Cosine\"}}").toConfig();

            assertThat(config.params()).isEqualTo(new CollectionParams(
                    new VectorsConfig.Single(VectorParams.of(4, Distance.COSINE)), 1, null, 1, 1, null, null,
                    true, null, null));
            assertThat(config.hnswConfig()).isEqualTo(new HnswConfig(16, 100, 10_000, 0, false, null, null, null));
            assertThat(config.optimizerConfig()).isEqualTo(
                    new OptimizersConfig(0.2, 1000, 0, null, null, 10_000L, 5, null, null));
            assertThat(config.walConfig()).isEqualTo(new WalConfig(32, 0, 1));
            assertThat(config.quantizationConfig()).isNull();
            assertThat(config.strictModeConfig()).isEqualTo(StrictModeConfig.DEFAULT);
            assertThat(config.strictModeConfig().settings()).isEqualTo(PayloadMother.json("{\"enabled\": false}"));
            assertThat(config.metadata()).isNull();
        }

        @Test
        void anEmptyBodyCreatesACollectionWithoutDenseVectors() {
            CollectionConfig config = create("{}").toConfig();

            assertThat(config.params().vectors()).isEqualTo(VectorsConfig.NONE);
            assertThat(config.params().sparseVectors()).isNull();
        }

        @Test
        void explicitNullsReadAsAbsent() {
            CollectionConfig config = create("""
                    {"vectors": {"size": 2, "distance": "Dot", "on_disk": null},
                     "shard_number": null, "hnsw_config": null, "quantization_config": null, "metadata": null}
                    """).toConfig();

            assertThat(config).isEqualTo(CollectionConfigMother.single(2, Distance.DOT));
        }

        @Test
        void partialSectionsAreLaidOverTheDefaults() {
            CollectionConfig config = create("""
                    {"vectors": {"size": 4, "distance": "Cosine"},
                     "hnsw_config": {"m": 32},
                     "optimizers_config": {"indexing_threshold": 0, "max_optimization_threads": 2},
                     "wal_config": {"wal_capacity_mb": 64},
                     "strict_mode_config": {"max_query_limit": 50}}""").toConfig();

            assertThat(config.hnswConfig()).isEqualTo(HnswConfig.DEFAULT.with(
                    new HnswConfigDiff(32, null, null, null, null, null, null, null)));
            assertThat(config.hnswConfig().efConstruct()).isEqualTo(100);
            assertThat(config.optimizerConfig().indexingThreshold()).isZero();
            assertThat(config.optimizerConfig().maxOptimizationThreads()).isEqualTo(2L);
            assertThat(config.optimizerConfig().deletedThreshold()).isEqualTo(0.2);
            assertThat(config.walConfig()).isEqualTo(new WalConfig(64, 0, 1));
            assertThat(config.strictModeConfig().settings())
                    .isEqualTo(PayloadMother.json("{\"enabled\": false, \"max_query_limit\": 50}"));
        }

        @Test
        void maxOptimizationThreadsAutoMeansNull() {
            CollectionConfig config = create("""
                    {"optimizers_config": {"max_optimization_threads": "auto"}}""").toConfig();

            assertThat(config.optimizerConfig().maxOptimizationThreads()).isNull();
        }

        @Test
        void unknownStrictModeKeysAreDropped() {
            CollectionConfig config = create("""
                    {"strict_mode_config": {"enabled": true, "no_such_limit": 7}}""").toConfig();

            assertThat(config.strictModeConfig().settings().fields()).containsOnlyKeys("enabled");
        }
    }

    @Nested
    class VectorShapes {

        @Test
        void aMapWithSizeAndDistanceIsTheSingleUnnamedVector() {
            VectorsConfig vectors = create("{\"vectors\": {\"size\": 3, \"distance\": \"Manhattan\"}}").vectors();

            assertThat(vectors).isEqualTo(new VectorsConfig.Single(VectorParams.of(3, Distance.MANHATTAN)));
            assertThat(vectors.byName()).containsOnlyKeys(VectorsConfig.DEFAULT_NAME);
        }

        @Test
        void namedVectorsKeepTheirOrderAndMayIncludeTheEmptyName() {
            VectorsConfig vectors = create("""
                    {"vectors": {"text": {"size": 2, "distance": "Dot"}, "": {"size": 5, "distance": "Euclid"},
                                 "image": {"size": 7, "distance": "Cosine"}}}""").vectors();

            assertThat(vectors).isInstanceOf(VectorsConfig.Named.class);
            assertThat(vectors.byName().keySet()).containsExactly("text", "", "image");
            assertThat(vectors.find("").orElseThrow()).isEqualTo(VectorParams.of(5, Distance.EUCLID));
            assertThat(vectors.find("missing")).isEmpty();
        }

        @Test
        void everyPerVectorSettingIsRead() {
            VectorParams params = create("""
                    {"vectors": {"size": 8, "distance": "Dot", "on_disk": true, "memory": "pinned",
                                 "datatype": "float16", "hnsw_config": {"m": 4, "ef_construct": 10},
                                 "quantization_config": {"binary": {"always_ram": true}},
                                 "multivector_config": {"comparator": "max_sim"}}}""")
                    .vectors().find("").orElseThrow();

            assertThat(params.onDisk()).isTrue();
            assertThat(params.memory()).isEqualTo(Memory.PINNED);
            assertThat(params.datatype()).isEqualTo(Datatype.FLOAT16);
            assertThat(params.hnswConfig()).isEqualTo(new HnswConfigDiff(4, 10, null, null, null, null, null, null));
            assertThat(params.quantizationConfig().kind()).isEqualTo(QuantizationConfig.Kind.BINARY);
            assertThat(params.multivector()).isEqualTo(VectorParams.MultiVectorComparator.MAX_SIM);
        }

        @Test
        void datatypeDefaultsToFloat32() {
            assertThat(VectorParams.of(2, Distance.DOT).effectiveDatatype()).isEqualTo(Datatype.FLOAT32);
        }

        @Test
        void sparseVectorsMayBeEmptyObjects() {
            Map<String, SparseVectorParams> sparse = create("""
                    {"sparse_vectors": {"a": {}, "b": {"modifier": "idf"},
                                        "c": {"index": {"full_scan_threshold": 100, "datatype": "float16"}}}}""")
                    .sparseVectors();

            assertThat(sparse.keySet()).containsExactly("a", "b", "c");
            assertThat(sparse.get("a")).isEqualTo(SparseVectorParams.DEFAULT);
            assertThat(sparse.get("b").usesIdf()).isTrue();
            assertThat(sparse.get("c").index()).isEqualTo(
                    new SparseVectorParams.Index(100L, null, null, Datatype.FLOAT16));
        }

        @ParameterizedTest
        @EnumSource(QuantizationConfig.Kind.class)
        void eachQuantizationKindIsReadWithItsParamsKept(QuantizationConfig.Kind kind) {
            QuantizationConfig expected = QuantizationConfigMother.of(kind);
            String body = "{\"quantization_config\": {\"" + kind.label() + "\": "
                    + toJson(expected.params()) + "}}";

            assertThat(create(body).quantizationConfig()).isEqualTo(expected);
        }

        private static String toJson(PayloadValue.ObjectValue o) {
            StringBuilder s = new StringBuilder("{");
            o.fields().forEach((k, v) -> {
                if (s.length() > 1) {
                    s.append(',');
                }
                s.append('"').append(k).append("\":").append(switch (v) {
                    case PayloadValue.StringValue sv -> "\"" + sv.value() + "\"";
                    case PayloadValue.BoolValue b -> String.valueOf(b.value());
                    case PayloadValue.DoubleValue d -> String.valueOf(d.value());
                    case PayloadValue.IntegerValue i -> String.valueOf(i.value());
                    default -> throw new IllegalArgumentException(v.toString());
                });
            });
            return s.append('}').toString();
        }
    }

    @Nested
    class Validation {

        @ParameterizedTest
        @ValueSource(longs = {0, 65_537})
        void vectorSizeMustBeFrom1To65536(long size) {
            ValidationException e = createViolation(
                    "{\"vectors\": {\"size\": " + size + ", \"distance\": \"Cosine\"}}");

            assertThat(e.getMessage()).isEqualTo("vectors.size: value " + size + " invalid, must be from 1 to 65536");
            assertThat(e.violations()).containsExactly(
                    new Violation("vectors.size", "value " + size + " invalid, must be from 1 to 65536"));
        }

        @ParameterizedTest
        @ValueSource(longs = {1, 65_536})
        void vectorSizeBoundsAreInclusive(long size) {
            assertThat(create("{\"vectors\": {\"size\": " + size + ", \"distance\": \"Cosine\"}}")
                    .vectors().find("").orElseThrow().size()).isEqualTo(size);
        }

        @Test
        void aNamedVectorsViolationNamesTheVector() {
            ValidationException e = createViolation("""
                    {"vectors": {"ok": {"size": 2, "distance": "Dot"}, "text": {"size": 0, "distance": "Dot"}}}""");

            assertThat(e.getMessage()).isEqualTo("vectors.text.size: value 0 invalid, must be from 1 to 65536");
        }

        @Test
        void efConstructBelow4IsRejected() {
            assertThat(createViolation("{\"hnsw_config\": {\"ef_construct\": 3}}").getMessage())
                    .isEqualTo("hnsw_config.ef_construct: value 3 invalid, must be 4 or larger");
            assertThat(create("{\"hnsw_config\": {\"ef_construct\": 4}}").toConfig().hnswConfig().efConstruct())
                    .isEqualTo(4);
        }

        @Test
        void perVectorHnswViolationsAreRootedUnderTheVector() {
            ValidationException e = createViolation("""
                    {"vectors": {"size": 2, "distance": "Dot", "hnsw_config": {"full_scan_threshold": 5}}}""");

            assertThat(e.getMessage())
                    .isEqualTo("vectors.hnsw_config.full_scan_threshold: value 5 invalid, must be 10 or larger");
        }

        @ParameterizedTest
        @CsvSource({"0.3", "1.5", "0.49"})
        void scalarQuantileMustBeFromHalfToOne(String quantile) {
            ValidationException e = createViolation(
                    "{\"quantization_config\": {\"scalar\": {\"type\": \"int8\", \"quantile\": " + quantile + "}}}");

            assertThat(e.getMessage()).isEqualTo("quantization_config.scalar.quantile: value " + Double.parseDouble(quantile)
                    + " invalid, must be from 0.5 to 1");
        }

        @Test
        void scalarQuantizationNeedsTypeInt8() {
            assertThat(createViolation("{\"quantization_config\": {\"scalar\": {\"quantile\": 0.9}}}").getMessage())
                    .isEqualTo("quantization_config.scalar.type: must be \"int8\"");
            assertThat(createViolation("{\"quantization_config\": {\"scalar\": {\"type\": \"int4\"}}}").getMessage())
                    .isEqualTo("quantization_config.scalar.type: must be \"int8\"");
        }

        @Test
        void productQuantizationNeedsAKnownCompression() {
            assertThat(createViolation("{\"quantization_config\": {\"product\": {\"compression\": \"x3\"}}}")
                    .getMessage())
                    .isEqualTo("quantization_config.product.compression: must be one of x4, x8, x16, x32, x64");
        }

        @Test
        void quantizationMemoryMustBeKnown() {
            assertThat(createViolation("{\"quantization_config\": {\"turbo\": {\"memory\": \"warm\"}}}").getMessage())
                    .isEqualTo("quantization_config.turbo.memory: must be one of cold, cached, pinned");
        }

        @Test
        void perVectorQuantizationViolationsAreRootedUnderTheVector() {
            ValidationException e = createViolation("""
                    {"vectors": {"img": {"size": 2, "distance": "Dot",
                                          "quantization_config": {"scalar": {"type": "int8", "quantile": 2}}}}}""");

            assertThat(e.getMessage()).isEqualTo(
                    "vectors.img.quantization_config.scalar.quantile: value 2.0 invalid, must be from 0.5 to 1");
        }

        @Test
        void everyBrokenRuleOfOneSectionIsListed() {
            ValidationException e = createViolation("""
                    {"optimizers_config": {"deleted_threshold": 1.5, "vacuum_min_vector_number": 10}}""");

            assertThat(e.violations()).containsExactly(
                    new Violation("optimizers_config.deleted_threshold", "value 1.5 invalid, must be from 0 to 1"),
                    new Violation("optimizers_config.vacuum_min_vector_number", "value 10 invalid, must be 100 or larger"));
            assertThat(e.getMessage()).isEqualTo("""
                    optimizers_config.deleted_threshold: value 1.5 invalid, must be from 0 to 1
                    optimizers_config.vacuum_min_vector_number: value 10 invalid, must be 100 or larger""");
        }

        @Test
        void topLevelCountsMustBePositive() {
            ValidationException e = createViolation("""
                    {"shard_number": 0, "replication_factor": 0, "write_consistency_factor": 0}""");

            assertThat(e.violations()).extracting(Violation::path)
                    .containsExactly("shard_number", "replication_factor", "write_consistency_factor");
            assertThat(e.violations().getFirst().message()).isEqualTo("value 0 invalid, must be 1 or larger");
        }

        @Test
        void walCapacityMustBeAtLeastOneMegabyte() {
            assertThat(createViolation("{\"wal_config\": {\"wal_capacity_mb\": 0}}").getMessage())
                    .isEqualTo("wal_config.wal_capacity_mb: value 0 invalid, must be 1 or larger");
        }

        @Test
        void aNameCannotBeBothDenseAndSparse() {
            ValidationException e = createViolation("""
                    {"vectors": {"text": {"size": 2, "distance": "Dot"}}, "sparse_vectors": {"text": {}}}""");

            assertThat(e.getMessage())
                    .isEqualTo("sparse_vectors: vector name text is used by both a dense and a sparse vector");
        }

        @Test
        void strictModeSettingsAreCheckedByRule() {
            ValidationException e = createViolation("""
                    {"strict_mode_config": {"enabled": "yes", "max_query_limit": 0,
                                            "max_resident_memory_percent": 101, "search_max_oversampling": "lots",
                                            "upsert_max_batchsize": -1, "max_timeout": 1.5, "sparse_config": 3}}""");

            assertThat(e.violations()).containsExactlyInAnyOrder(
                    new Violation("strict_mode_config.enabled", "must be a boolean"),
                    new Violation("strict_mode_config.max_query_limit", "value 0 invalid, must be 1 or larger"),
                    new Violation("strict_mode_config.max_resident_memory_percent",
                            "value 101 invalid, must be from 1 to 100"),
                    new Violation("strict_mode_config.search_max_oversampling", "must be a number"),
                    new Violation("strict_mode_config.upsert_max_batchsize", "value -1 invalid, must be 0 or larger"),
                    new Violation("strict_mode_config.max_timeout", "must be a non-negative integer"),
                    new Violation("strict_mode_config.sparse_config", "must be an object"));
        }

        @Test
        void recordsValidateWhenBuiltDirectlyToo() {
            assertThatThrownBy(() -> VectorParams.of(0, Distance.DOT))
                    .isInstanceOf(ValidationException.class)
                    .hasMessage("size: value 0 invalid, must be from 1 to 65536");
            assertThatThrownBy(() -> new HnswConfig(16, 2, 10_000, 0, false, null, null, null))
                    .hasMessage("ef_construct: value 2 invalid, must be 4 or larger");
            assertThatThrownBy(() -> new CollectionParams(VectorsConfig.NONE, 1, "random", 1, 1, null, null, null,
                    null, null))
                    .hasMessage("sharding_method: must be \"auto\" or \"custom\"");
        }
    }

    @Nested
    class MalformedInput {

        @Test
        void unknownDistanceIsAnUnknownVariant() {
            assertThat(createMalformed("{\"vectors\": {\"size\": 4, \"distance\": \"Cosinus\"}}").getMessage())
                    .isEqualTo("vectors.distance: unknown variant `Cosinus`, expected one of "
                            + "`Cosine`, `Euclid`, `Dot`, `Manhattan`");
        }

        @Test
        void distanceLabelsAreCaseSensitive() {
            assertThat(createMalformed("{\"vectors\": {\"size\": 4, \"distance\": \"cosine\"}}").getMessage())
                    .startsWith("vectors.distance: unknown variant `cosine`");
        }

        @Test
        void missingDistanceOrSizeIsAMissingField() {
            assertThat(createMalformed("{\"vectors\": {\"size\": 4}}").getMessage())
                    .isEqualTo("vectors: missing field `distance`");
            assertThat(createMalformed("{\"vectors\": {\"distance\": \"Dot\"}}").getMessage())
                    .isEqualTo("vectors: missing field `size`");
        }

        @Test
        void wrongTypesNameTheFieldAndWhatWasFound() {
            assertThat(createMalformed("{\"vectors\": {\"size\": \"4\", \"distance\": \"Dot\"}}").getMessage())
                    .isEqualTo("vectors.size: invalid type: string \"4\", expected u64");
            assertThat(createMalformed("{\"vectors\": {\"size\": 4.5, \"distance\": \"Dot\"}}").getMessage())
                    .isEqualTo("vectors.size: invalid type: floating point `4.5`, expected u64");
            assertThat(createMalformed("{\"on_disk_payload\": \"yes\"}").getMessage())
                    .isEqualTo("on_disk_payload: invalid type: string \"yes\", expected a boolean");
            assertThat(createMalformed("{\"metadata\": [1]}").getMessage())
                    .isEqualTo("metadata: invalid type: sequence, expected a map");
            assertThat(createMalformed("{\"vectors\": 5}").getMessage())
                    .isEqualTo("vectors: invalid type: integer `5`, expected a map");
        }

        @Test
        void vectorsNamedSizeOrDistanceAreNamedVectors() {
            VectorsConfig vectors = create("""
                    {"vectors": {"size": {"size": 4, "distance": "Dot"}, "distance": {"size": 2, "distance": "Cosine"}}}""")
                    .vectors();

            assertThat(vectors.byName().keySet()).containsExactly("size", "distance");
        }

        @Test
        void aNegativeSizeIsAnInvalidValueAsSerdeWordsIt() {
            assertThat(createMalformed("{\"vectors\": {\"size\": -1, \"distance\": \"Dot\"}}").getMessage())
                    .isEqualTo("vectors.size: invalid value: integer `-1`, expected u64");
        }

        @Test
        void aNullNamedVectorIsRejected() {
            assertThat(createMalformed("{\"vectors\": {\"a\": null}}").getMessage())
                    .isEqualTo("vectors.a: invalid type: null, expected struct VectorParams");
        }

        @Test
        void u32FieldsRejectValuesAboveU32() {
            assertThat(createMalformed("{\"shard_number\": 4294967296}").getMessage())
                    .isEqualTo("shard_number: invalid value: integer `4294967296`, expected u32");
        }

        @Test
        void quantizationNeedsExactlyOneKnownKind() {
            assertThat(createMalformed("{\"quantization_config\": {}}").getMessage())
                    .isEqualTo("quantization_config: expected exactly one of `scalar`, `product`, `binary`, `turbo`");
            assertThat(createMalformed(
                    "{\"quantization_config\": {\"scalar\": {\"type\": \"int8\"}, \"binary\": {}}}").getMessage())
                    .isEqualTo("quantization_config: expected exactly one of `scalar`, `product`, `binary`, `turbo`");
            assertThat(createMalformed("{\"quantization_config\": {\"fancy\": {}}}").getMessage())
                    .isEqualTo("quantization_config: unknown variant `fancy`, expected one of "
                            + "`scalar`, `product`, `binary`, `turbo`");
        }

        @Test
        void otherEnumsFailAsUnknownVariants() {
            assertThat(createMalformed("{\"sharding_method\": \"random\"}").getMessage())
                    .isEqualTo("sharding_method: unknown variant `random`, expected one of `auto`, `custom`");
            assertThat(createMalformed("{\"optimizers_config\": {\"max_optimization_threads\": \"many\"}}").getMessage())
                    .isEqualTo("optimizers_config.max_optimization_threads: unknown variant `many`, expected one of `auto`");
            assertThat(createMalformed("{\"vectors\": {\"size\": 2, \"distance\": \"Dot\", \"datatype\": \"int4\"}}")
                    .getMessage())
                    .isEqualTo("vectors.datatype: unknown variant `int4`, expected one of "
                            + "`float32`, `uint8`, `float16`, `turbo4`");
            assertThat(createMalformed("{\"payload\": {\"memory\": \"warm\"}}").getMessage())
                    .isEqualTo("payload.memory: unknown variant `warm`, expected one of `cold`, `cached`, `pinned`");
            assertThat(createMalformed("""
                    {"vectors": {"size": 2, "distance": "Dot", "multivector_config": {"comparator": "min_sim"}}}""")
                    .getMessage())
                    .isEqualTo("vectors.multivector_config.comparator: unknown variant `min_sim`, expected one of `max_sim`");
            assertThat(createMalformed("{\"sparse_vectors\": {\"s\": {\"modifier\": \"bm25\"}}}").getMessage())
                    .isEqualTo("sparse_vectors.s.modifier: unknown variant `bm25`, expected one of `none`, `idf`");
        }
    }
}
