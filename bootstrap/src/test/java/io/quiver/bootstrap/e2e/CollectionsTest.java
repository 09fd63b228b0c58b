package io.quiver.bootstrap.e2e;

import static io.quiver.bootstrap.e2e.QdrantAssertions.assertError;
import static io.quiver.bootstrap.e2e.QdrantAssertions.assertOk;
import static io.quiver.bootstrap.e2e.QdrantAssertions.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /collections}: create, list, describe, exists, update, delete, and the errors around them. */
class CollectionsTest {

    @RegisterExtension
    static final QuiverTestServer SERVER = QuiverTestServer.perClass();

    static ContractClient api() {
        return SERVER.client();
    }

    static JsonNode json(String text) {
        try {
            return ContractClient.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static void create(String name, String body) {
        api().put("/collections/" + name).json(body).send().expectTrue();
    }

    static JsonNode info(String name) {
        return assertOk(api().get("/collections/" + name).send());
    }

    static JsonNode config(String name) {
        return info(name).get("config");
    }

    static boolean exists(String name) {
        return assertOk(api().get("/collections/" + name + "/exists").send()).get("exists").asBoolean();
    }

    static List<String> collectionNames() {
        List<String> names = new ArrayList<>();
        assertOk(api().get("/collections").send()).get("collections").forEach(c -> names.add(c.get("name").asText()));
        return names;
    }

    @Nested
    class Create {

        @Test
        void aSingleUnnamedVectorCollectionIsCreatedAndDescribed() {
            ApiResponse r = api().put("/collections/create_single").json("""
                    {"vectors": {"size": 4, "distance": "Cosine"}}""").send();

            assertThat(assertOk(r).asBoolean()).isTrue();
            JsonNode info = info("create_single");
            assertThat(info.get("status").asText()).isEqualTo("green");
            assertThat(info.get("optimizer_status").asText()).isEqualTo("ok");
            assertThat(info.get("points_count").asLong()).isZero();
            assertThat(info.get("payload_schema")).isEqualTo(json("{}"));
            assertThat(info.at("/config/params/vectors")).isEqualTo(json("""
                    {"size": 4, "distance": "Cosine"}"""));
        }

        @Test
        void defaultsAreFilledInForEverythingTheClientLeftOut() {
            create("create_defaults", """
                    {"vectors": {"size": 2, "distance": "Dot"}}""");

            JsonNode config = config("create_defaults");
            assertThat(config.at("/hnsw_config/m").asInt()).isEqualTo(16);
            assertThat(config.at("/hnsw_config/ef_construct").asInt()).isEqualTo(100);
            assertThat(config.at("/hnsw_config/full_scan_threshold").asInt()).isEqualTo(10_000);
            JsonNode optimizer = config.get("optimizer_config");
            assertThat(optimizer.get("deleted_threshold").asDouble()).isEqualTo(0.2);
            assertThat(optimizer.get("vacuum_min_vector_number").asInt()).isEqualTo(1000);
            assertThat(optimizer.get("default_segment_number").asInt()).isZero();
            assertThat(optimizer.get("flush_interval_sec").asInt()).isEqualTo(5);
            assertThat(optimizer.get("max_segment_size").isNull()).isTrue();
            assertThat(optimizer.get("max_optimization_threads").isNull()).isTrue();
            assertThat(config.at("/wal_config/wal_capacity_mb").asInt()).isEqualTo(32);
            assertThat(config.at("/wal_config/wal_segments_ahead").asInt()).isZero();
            assertThat(config.get("quantization_config").isNull()).isTrue();
            assertThat(config.at("/strict_mode_config/enabled").asBoolean(true)).isFalse();
            assertThat(config.has("metadata")).isFalse();
        }

        @Test
        void namedVectorsIncludingTheEmptyNameLangChainUsesAreKept() {
            create("create_named", """
                    {"vectors": {
                        "": {"size": 3, "distance": "Dot"},
                        "image": {"size": 5, "distance": "Euclid"},
                        "text": {"size": 7, "distance": "Manhattan"}}}""");

            assertThat(config("create_named").at("/params/vectors")).isEqualTo(json("""
                    {"": {"size": 3, "distance": "Dot"},
                     "image": {"size": 5, "distance": "Euclid"},
                     "text": {"size": 7, "distance": "Manhattan"}}"""));
        }

        @Test
        void aMultivectorCollectionKeepsItsComparator() {
            create("create_multi", """
                    {"vectors": {"colbert": {"size": 8, "distance": "Cosine",
                                             "multivector_config": {"comparator": "max_sim"}}}}""");

            assertThat(config("create_multi").at("/params/vectors/colbert/multivector_config"))
                    .isEqualTo(json("{\"comparator\": \"max_sim\"}"));
        }

        @Test
        void aCollectionWithOnlySparseVectorsHasNoDenseOnes() {
            create("create_sparse", """
                    {"sparse_vectors": {
                        "text": {},
                        "bm25": {"modifier": "idf", "index": {"full_scan_threshold": 500, "on_disk": false}}}}""");

            JsonNode params = config("create_sparse").get("params");
            assertThat(params.path("vectors").isMissingNode() || params.get("vectors").isEmpty())
                    .as("dense vectors of %s", params).isTrue();
            assertThat(fieldNames(params.get("sparse_vectors"))).containsExactlyInAnyOrder("text", "bm25");
            assertThat(params.at("/sparse_vectors/bm25/modifier").asText()).isEqualTo("idf");
            assertThat(params.at("/sparse_vectors/bm25/index/full_scan_threshold").asInt()).isEqualTo(500);
        }

        @Test
        void everyOptionalConfigurationIsStoredAndReported() {
            create("create_everything", """
                    {"vectors": {"size": 16, "distance": "Cosine", "datatype": "float16", "on_disk": true,
                                 "hnsw_config": {"m": 8}},
                     "shard_number": 1, "replication_factor": 1, "write_consistency_factor": 1,
                     "on_disk_payload": true,
                     "hnsw_config": {"m": 32, "ef_construct": 200, "full_scan_threshold": 5000,
                                     "max_indexing_threads": 2, "on_disk": false, "payload_m": 24},
                     "optimizers_config": {"deleted_threshold": 0.3, "vacuum_min_vector_number": 500,
                                           "default_segment_number": 2, "max_segment_size": 100000,
                                           "indexing_threshold": 0, "flush_interval_sec": 10,
                                           "max_optimization_threads": 1},
                     "wal_config": {"wal_capacity_mb": 64, "wal_segments_ahead": 1},
                     "quantization_config": {"scalar": {"type": "int8", "quantile": 0.99, "always_ram": true}},
                     "strict_mode_config": {"enabled": true, "max_query_limit": 100, "max_timeout": 10},
                     "metadata": {"owner": "team-a", "version": 2, "tags": ["x", "y"], "nested": {"k": null}}}""");

            JsonNode c = config("create_everything");
            assertThat(c.at("/params/vectors")).isEqualTo(json("""
                    {"size": 16, "distance": "Cosine", "hnsw_config": {"m": 8}, "on_disk": true,
                     "datatype": "float16"}"""));
            assertThat(c.at("/params/shard_number").asInt()).isEqualTo(1);
            assertThat(c.at("/params/replication_factor").asInt()).isEqualTo(1);
            assertThat(c.at("/params/write_consistency_factor").asInt()).isEqualTo(1);
            assertThat(c.at("/params/on_disk_payload").asBoolean()).isTrue();
            assertThat(c.get("hnsw_config")).isEqualTo(json("""
                    {"m": 32, "ef_construct": 200, "full_scan_threshold": 5000, "max_indexing_threads": 2,
                     "on_disk": false, "payload_m": 24}"""));
            JsonNode optimizer = c.get("optimizer_config");
            assertThat(optimizer.get("deleted_threshold").asDouble()).isEqualTo(0.3);
            assertThat(optimizer.get("vacuum_min_vector_number").asInt()).isEqualTo(500);
            assertThat(optimizer.get("default_segment_number").asInt()).isEqualTo(2);
            assertThat(optimizer.get("max_segment_size").asInt()).isEqualTo(100_000);
            assertThat(optimizer.get("indexing_threshold").asInt()).isZero();
            assertThat(optimizer.get("flush_interval_sec").asInt()).isEqualTo(10);
            assertThat(optimizer.get("max_optimization_threads").asInt()).isEqualTo(1);
            assertThat(c.at("/wal_config/wal_capacity_mb").asInt()).isEqualTo(64);
            assertThat(c.at("/wal_config/wal_segments_ahead").asInt()).isEqualTo(1);
            assertThat(c.get("quantization_config")).isEqualTo(json("""
                    {"scalar": {"type": "int8", "quantile": 0.99, "always_ram": true}}"""));
            assertThat(c.at("/strict_mode_config/enabled").asBoolean()).isTrue();
            assertThat(c.at("/strict_mode_config/max_query_limit").asInt()).isEqualTo(100);
            assertThat(c.at("/strict_mode_config/max_timeout").asInt()).isEqualTo(10);
            assertThat(c.get("metadata")).isEqualTo(json("""
                    {"owner": "team-a", "version": 2, "tags": ["x", "y"], "nested": {"k": null}}"""));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"scalar\": {\"type\": \"int8\"}}",
                "{\"scalar\": {\"type\": \"int8\", \"quantile\": 0.5, \"always_ram\": false}}",
                "{\"product\": {\"compression\": \"x16\", \"always_ram\": true}}",
                "{\"product\": {\"compression\": \"x64\"}}",
                "{\"binary\": {\"always_ram\": true}}",
                "{\"binary\": {\"encoding\": \"two_bits\", \"query_encoding\": \"scalar8bits\"}}"})
        void eachQuantizationKindIsReportedAsGiven(String quantization) {
            String name = "create_quant_" + Integer.toHexString(quantization.hashCode());
            create(name, "{\"vectors\": {\"size\": 32, \"distance\": \"Dot\"}, \"quantization_config\": "
                    + quantization + "}");

            assertThat(config(name).get("quantization_config")).isEqualTo(json(quantization));
        }

        @ParameterizedTest
        @ValueSource(strings = {"float32", "float16", "uint8"})
        void theVectorDatatypeIsKept(String datatype) {
            create("create_datatype_" + datatype, "{\"vectors\": {\"size\": 4, \"distance\": \"Euclid\", \"datatype\": \""
                    + datatype + "\"}}");

            assertThat(config("create_datatype_" + datatype).at("/params/vectors/datatype").asText()).isEqualTo(datatype);
        }

        @Test
        void aPerVectorQuantizationConfigIsKept() {
            create("create_vector_quant", """
                    {"vectors": {"a": {"size": 4, "distance": "Dot",
                                       "quantization_config": {"binary": {"always_ram": true}}}}}""");

            assertThat(config("create_vector_quant").at("/params/vectors/a/quantization_config"))
                    .isEqualTo(json("{\"binary\": {\"always_ram\": true}}"));
        }

        @Test
        void theLargestAllowedVectorSizeIsAccepted() {
            create("create_size_max", """
                    {"vectors": {"size": 65536, "distance": "Cosine"}}""");

            assertThat(config("create_size_max").at("/params/vectors/size").asInt()).isEqualTo(65_536);
        }

        @Test
        void theTimeoutQueryParameterIsAccepted() {
            api().put("/collections/create_timeout").query("timeout", 30).json("""
                    {"vectors": {"size": 2, "distance": "Dot"}}""").send().expectTrue();

            assertThat(exists("create_timeout")).isTrue();
        }

        @Test
        void creatingAnExistingCollectionIsAConflictAndLeavesTheOriginal() {
            create("create_twice", """
                    {"vectors": {"size": 4, "distance": "Cosine"}}""");

            ApiResponse r = api().put("/collections/create_twice").json("""
                    {"vectors": {"size": 9, "distance": "Dot"}}""").send();

            assertThat(assertError(r, 409)).contains("already exists");
            assertThat(config("create_twice").at("/params/vectors/size").asInt()).isEqualTo(4);
        }
    }

    @Nested
    class RejectedCreate {

        @Test
        void sizeAboveTheLimitIsAValidationError() {
            ApiResponse r = api().put("/collections/bad_size_big").json("""
                    {"vectors": {"size": 65537, "distance": "Cosine"}}""").send();

            assertThat(assertError(r, 422))
                    .isEqualTo("Validation error in JSON body: [vectors.size: value 65537 invalid, must be from 1 to 65536]");
            assertThat(exists("bad_size_big")).isFalse();
        }

        @Test
        void sizeZeroIsAValidationError() {
            ApiResponse r = api().put("/collections/bad_size_zero").json("""
                    {"vectors": {"size": 0, "distance": "Cosine"}}""").violatingSpec().send();

            assertThat(assertError(r, 422))
                    .isEqualTo("Validation error in JSON body: [vectors.size: value 0 invalid, must be from 1 to 65536]");
            assertThat(exists("bad_size_zero")).isFalse();
        }

        @Test
        void sizeZeroOfANamedVectorIsAValidationError() {
            ApiResponse r = api().put("/collections/bad_size_named").json("""
                    {"vectors": {"ok": {"size": 4, "distance": "Dot"}, "bad": {"size": 0, "distance": "Dot"}}}""")
                    .violatingSpec().send();

            assertThat(assertError(r, 422)).startsWith("Validation error in JSON body: [").contains("size");
            assertThat(exists("bad_size_named")).isFalse();
        }

        @Test
        void anUnknownDistanceIsAFormatError() {
            ApiResponse r = api().put("/collections/bad_distance").json("""
                    {"vectors": {"size": 4, "distance": "Cosinus"}}""").violatingSpec().send();

            assertThat(assertError(r, 400)).startsWith("Format error in JSON body: ");
            assertThat(exists("bad_distance")).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"vectors\": {\"size\": 4, ", "not json", "{\"vectors\": }", "[1, 2"})
        void malformedJsonIsAFormatError(String body) {
            ApiResponse r = api().put("/collections/bad_json").json(body).violatingSpec().send();

            assertThat(assertError(r, 400)).startsWith("Format error in JSON body:");
            assertThat(exists("bad_json")).isFalse();
        }

        @Test
        void anEmptyBodyIsAFormatError() {
            // the document does not mark the body required, so this request conforms; Qdrant's JSON
            // extractor still rejects it
            ApiResponse r = api().put("/collections/bad_empty").json("").send();

            assertThat(assertError(r, 400)).startsWith("Format error in JSON body:");
            assertThat(exists("bad_empty")).isFalse();
        }

        @Test
        void aSizeOfTheWrongTypeIsAFormatError() {
            ApiResponse r = api().put("/collections/bad_type").json("""
                    {"vectors": {"size": "four", "distance": "Dot"}}""").violatingSpec().send();

            assertThat(assertError(r, 400)).startsWith("Format error in JSON body:");
            assertThat(exists("bad_type")).isFalse();
        }

        @Test
        void anOutOfRangeHnswSettingIsAValidationError() {
            ApiResponse r = api().put("/collections/bad_hnsw").json("""
                    {"vectors": {"size": 4, "distance": "Dot"}, "hnsw_config": {"ef_construct": 1}}""")
                    .violatingSpec().send();

            assertThat(assertError(r, 422)).startsWith("Validation error in JSON body: [").contains("ef_construct");
            assertThat(exists("bad_hnsw")).isFalse();
        }

        @Test
        void aNameWithASlashIsRejected() {
            ApiResponse r = api().put("/collections/" + ContractClient.segment("with/slash")).json("""
                    {"vectors": {"size": 4, "distance": "Dot"}}""").send();

            assertError(r, 422);
            assertThat(collectionNames()).noneMatch(n -> n.contains("slash"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"a:b", "a*b", "a|b", "a<b", "a>b", "a\\b", "a\"b", "a?b"})
        void aNameWithACharacterQdrantForbidsIsRejected(String name) {
            ApiResponse r = api().put("/collections/" + ContractClient.segment(name)).json("""
                    {"vectors": {"size": 4, "distance": "Dot"}}""").send();

            assertThat(assertError(r, 422)).startsWith("Validation error in path parameters: [collection_name: ")
                    .contains("collection name cannot contain");
            assertThat(collectionNames()).doesNotContain(name);
        }

        @Test
        void aNameLongerThan255CharactersIsRejected() {
            String name = "n".repeat(256);
            ApiResponse r = api().put("/collections/" + name).json("""
                    {"vectors": {"size": 4, "distance": "Dot"}}""").send();

            assertThat(assertError(r, 422)).contains("255");
            assertThat(collectionNames()).doesNotContain(name);
        }

        @ParameterizedTest
        @ValueSource(strings = {"with space", "ünïcödé-名前", "a.b-c_d", "a%b", "a+b", "a#b", "UPPER"})
        void unusualButAllowedNamesWork(String name) {
            String path = "/collections/" + ContractClient.segment(name);
            api().put(path).json("{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}").send().expectTrue();

            assertThat(collectionNames()).contains(name);
            assertThat(assertOk(api().get(path + "/exists").send()).get("exists").asBoolean()).isTrue();
            assertOk(api().get(path).send());
            assertThat(assertOk(api().delete(path).send()).asBoolean()).isTrue();
            assertThat(collectionNames()).doesNotContain(name);
        }

        @Test
        void aNameOfExactly255CharactersIsAccepted() {
            String name = "m".repeat(255);
            create(name, """
                    {"vectors": {"size": 4, "distance": "Dot"}}""");

            assertThat(exists(name)).isTrue();
        }

        @Test
        void aBadTimeoutIsAQueryError() {
            ApiResponse r = api().put("/collections/bad_timeout").query("timeout", "soon").json("""
                    {"vectors": {"size": 4, "distance": "Dot"}}""").violatingSpec().send();

            assertError(r, 400);
            assertThat(exists("bad_timeout")).isFalse();
        }
    }

    @Nested
    class ListAndDescribe {

        @Test
        void listingNamesEveryCollection() {
            create("list_a", "{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}");
            create("list_b", "{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}");

            JsonNode result = assertOk(api().get("/collections").send());

            assertThat(fieldNames(result)).containsExactly("collections");
            assertThat(collectionNames()).contains("list_a", "list_b").doesNotHaveDuplicates();
            result.get("collections").forEach(c -> assertThat(fieldNames(c)).containsExactly("name"));
        }

        @Test
        void existsIsTrueForACollectionAndFalseOtherwise() {
            create("exists_yes", "{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}");

            assertThat(exists("exists_yes")).isTrue();
            assertThat(exists("exists_no")).isFalse();
        }

        @Test
        void describingAMissingCollectionIsNotFound() {
            ApiResponse r = api().get("/collections/x").send();

            assertThat(assertError(r, 404)).isEqualTo("Not found: Collection `x` doesn't exist!");
        }
    }

    @Nested
    class Update {

        @Test
        void metadataIsMergedAndANullValueRemovesAKey() {
            create("patch_metadata", """
                    {"vectors": {"size": 2, "distance": "Dot"}, "metadata": {"a": 1, "b": "x", "c": [1]}}""");

            api().patch("/collections/patch_metadata").json("""
                    {"metadata": {"b": null, "d": true, "a": 2}}""").send().expectTrue();

            assertThat(config("patch_metadata").get("metadata")).isEqualTo(json("""
                    {"a": 2, "c": [1], "d": true}"""));
        }

        @Test
        void metadataCanBeAddedToACollectionWithoutAny() {
            create("patch_metadata_new", "{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}");

            api().patch("/collections/patch_metadata_new").json("{\"metadata\": {\"k\": \"v\"}}").send().expectTrue();

            assertThat(config("patch_metadata_new").get("metadata")).isEqualTo(json("{\"k\": \"v\"}"));
        }

        @Test
        void hnswSettingsAreChangedOneByOne() {
            create("patch_hnsw", "{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}");

            api().patch("/collections/patch_hnsw").json("{\"hnsw_config\": {\"m\": 8}}").send().expectTrue();

            JsonNode hnsw = config("patch_hnsw").get("hnsw_config");
            assertThat(hnsw.get("m").asInt()).isEqualTo(8);
            assertThat(hnsw.get("ef_construct").asInt()).isEqualTo(100);
            assertThat(hnsw.get("full_scan_threshold").asInt()).isEqualTo(10_000);
        }

        @Test
        void optimizerSettingsAreChangedAndTheRestKept() {
            create("patch_optimizers", "{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}");

            api().patch("/collections/patch_optimizers").json("""
                    {"optimizers_config": {"indexing_threshold": 5000, "deleted_threshold": 0.5}}""")
                    .send().expectTrue();

            JsonNode optimizer = config("patch_optimizers").get("optimizer_config");
            assertThat(optimizer.get("indexing_threshold").asInt()).isEqualTo(5000);
            assertThat(optimizer.get("deleted_threshold").asDouble()).isEqualTo(0.5);
            assertThat(optimizer.get("vacuum_min_vector_number").asInt()).isEqualTo(1000);
            assertThat(optimizer.get("flush_interval_sec").asInt()).isEqualTo(5);
        }

        @Test
        void theUnnamedVectorIsUpdatedUnderTheEmptyName() {
            create("patch_vector", "{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}");

            api().patch("/collections/patch_vector").json("""
                    {"vectors": {"": {"hnsw_config": {"m": 4, "ef_construct": 64}}}}""").send().expectTrue();

            JsonNode vectors = config("patch_vector").at("/params/vectors");
            assertThat(vectors.get("size").asInt()).isEqualTo(2);
            assertThat(vectors.get("hnsw_config")).isEqualTo(json("{\"m\": 4, \"ef_construct\": 64}"));
        }

        @Test
        void aNamedVectorIsUpdatedByItsName() {
            create("patch_named_vector", """
                    {"vectors": {"a": {"size": 2, "distance": "Dot"}, "b": {"size": 3, "distance": "Dot"}}}""");

            api().patch("/collections/patch_named_vector").json("""
                    {"vectors": {"b": {"hnsw_config": {"m": 6}, "quantization_config": {"product": {"compression": "x8"}}}}}""")
                    .send().expectTrue();

            JsonNode vectors = config("patch_named_vector").at("/params/vectors");
            assertThat(vectors.get("a")).isEqualTo(json("{\"size\": 2, \"distance\": \"Dot\"}"));
            assertThat(vectors.at("/b/hnsw_config/m").asInt()).isEqualTo(6);
            assertThat(vectors.at("/b/quantization_config")).isEqualTo(json("{\"product\": {\"compression\": \"x8\"}}"));
        }

        @Test
        void quantizationIsSwitchedOffWithDisabled() {
            create("patch_quant_off", """
                    {"vectors": {"size": 8, "distance": "Dot"}, "quantization_config": {"scalar": {"type": "int8"}}}""");

            api().patch("/collections/patch_quant_off").json("{\"quantization_config\": \"Disabled\"}").send().expectTrue();

            assertThat(config("patch_quant_off").get("quantization_config").isNull()).isTrue();
        }

        @Test
        void quantizationIsSwitchedOnByPatch() {
            create("patch_quant_on", "{\"vectors\": {\"size\": 8, \"distance\": \"Dot\"}}");

            api().patch("/collections/patch_quant_on").json("""
                    {"quantization_config": {"binary": {"always_ram": true}}}""").send().expectTrue();

            assertThat(config("patch_quant_on").get("quantization_config"))
                    .isEqualTo(json("{\"binary\": {\"always_ram\": true}}"));
        }

        @Test
        void anEmptyPatchChangesNothing() {
            create("patch_empty", "{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}, \"metadata\": {\"a\": 1}}");
            JsonNode before = config("patch_empty");

            api().patch("/collections/patch_empty").json("{}").send().expectTrue();

            assertThat(config("patch_empty")).isEqualTo(before);
        }

        @Test
        void patchingAMissingCollectionIsNotFound() {
            ApiResponse r = api().patch("/collections/patch_missing").json("{\"metadata\": {\"a\": 1}}").send();

            assertThat(assertError(r, 404)).isEqualTo("Not found: Collection `patch_missing` doesn't exist!");
            assertThat(exists("patch_missing")).isFalse();
        }

        @Test
        void anInvalidPatchChangesNothing() {
            create("patch_invalid", "{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}");
            JsonNode before = config("patch_invalid");

            ApiResponse r = api().patch("/collections/patch_invalid").json("""
                    {"metadata": {"a": 1}, "hnsw_config": {"ef_construct": 2}}""").violatingSpec().send();

            assertError(r, 422);
            assertThat(config("patch_invalid")).isEqualTo(before);
        }
    }

    @Nested
    class Delete {

        @Test
        void deletingACollectionAnswersTrueAndRemovesIt() {
            create("delete_me", "{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}");

            ApiResponse r = api().delete("/collections/delete_me").send();

            assertThat(assertOk(r).asBoolean()).isTrue();
            assertThat(exists("delete_me")).isFalse();
            assertThat(collectionNames()).doesNotContain("delete_me");
            assertError(api().get("/collections/delete_me").send(), 404);
        }

        @Test
        void deletingAMissingCollectionAnswersFalseNotAnError() {
            ApiResponse r = api().delete("/collections/delete_never_existed").send();

            assertThat(r.status()).isEqualTo(200);
            assertThat(assertOk(r).asBoolean()).isFalse();
        }

        @Test
        void aDeletedNameCanBeCreatedAgainWithANewConfiguration() {
            create("delete_recreate", "{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}");
            api().delete("/collections/delete_recreate").query("timeout", 10).send().expectTrue();

            create("delete_recreate", "{\"vectors\": {\"size\": 5, \"distance\": \"Euclid\"}}");

            assertThat(config("delete_recreate").at("/params/vectors")).isEqualTo(json("""
                    {"size": 5, "distance": "Euclid"}"""));
        }
    }
}
