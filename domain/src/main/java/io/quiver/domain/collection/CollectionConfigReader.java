package io.quiver.domain.collection;

import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import io.quiver.domain.payload.TreeReader;
import io.quiver.domain.vector.Datatype;
import io.quiver.domain.vector.Distance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads collection documents (a create request, a PATCH, a stored configuration) into the domain model.
 * Shape errors name the field path; rule violations come from the records' own validation, re-rooted
 * under the field's path.
 */
public final class CollectionConfigReader {

    private CollectionConfigReader() {
    }

    /** A {@code CreateCollection} body. */
    public static NewCollection readCreate(ObjectValue body) {
        TreeReader r = TreeReader.of(body, "");
        VectorsConfig vectors = r.has("vectors") ? vectors(r.raw("vectors"), "vectors") : null;
        TreeReader payload = r.child("payload");
        return under("", () -> new NewCollection(vectors,
                r.optUnsignedInt("shard_number"),
                shardingMethod(r),
                r.optUnsignedInt("replication_factor"),
                r.optUnsignedInt("write_consistency_factor"),
                r.optBool("on_disk_payload"),
                payload == null ? null : payload.optEnum("memory", Memory.class, Memory::label),
                r.has("hnsw_config") ? hnswDiff(r.child("hnsw_config")) : null,
                r.has("wal_config") ? walDiff(r.child("wal_config")) : null,
                r.has("optimizers_config") ? optimizersDiff(r.child("optimizers_config")) : null,
                r.has("quantization_config") ? quantization(r.raw("quantization_config"), "quantization_config") : null,
                r.has("sparse_vectors") ? sparseVectors(r.child("sparse_vectors")) : null,
                r.has("strict_mode_config") ? strictMode(r.child("strict_mode_config")) : null,
                r.optObject("metadata")));
    }

    /** An {@code UpdateCollection} (PATCH) body. */
    public static CollectionUpdate readUpdate(ObjectValue body) {
        TreeReader r = TreeReader.of(body, "");
        Map<String, CollectionUpdate.VectorUpdate> vectors = null;
        if (r.has("vectors")) {
            vectors = new LinkedHashMap<>();
            TreeReader vr = r.child("vectors");
            for (String name : vr.fields().keySet()) {
                TreeReader one = vr.child(name);
                if (one == null) {
                    continue;
                }
                vectors.put(name, new CollectionUpdate.VectorUpdate(
                        one.has("hnsw_config") ? hnswDiff(one.child("hnsw_config")) : null,
                        one.has("quantization_config") ? quantizationUpdate(one.raw("quantization_config"), one.pathOf("quantization_config")) : null,
                        one.optBool("on_disk"),
                        one.optEnum("memory", Memory.class, Memory::label)));
            }
        }
        CollectionParamsDiff params = null;
        if (r.has("params")) {
            TreeReader p = r.child("params");
            TreeReader payload = p.child("payload");
            params = under("params", () -> new CollectionParamsDiff(
                    p.optUnsignedInt("replication_factor"),
                    p.optUnsignedInt("write_consistency_factor"),
                    p.optUnsigned("read_fan_out_factor"),
                    p.optUnsigned("read_fan_out_delay_ms"),
                    p.optBool("on_disk_payload"),
                    payload == null ? null : payload.optEnum("memory", Memory.class, Memory::label)));
        }
        Map<String, CollectionUpdate.VectorUpdate> finalVectors = vectors;
        CollectionParamsDiff finalParams = params;
        return new CollectionUpdate(finalVectors,
                r.has("optimizers_config") ? optimizersDiff(r.child("optimizers_config")) : null,
                finalParams,
                r.has("hnsw_config") ? hnswDiff(r.child("hnsw_config")) : null,
                r.has("quantization_config") ? quantizationUpdate(r.raw("quantization_config"), "quantization_config") : null,
                r.has("sparse_vectors") ? sparseVectors(r.child("sparse_vectors")) : null,
                r.has("strict_mode_config") ? strictMode(r.child("strict_mode_config")) : null,
                r.optObject("metadata"));
    }

    /** A stored configuration, as {@link CollectionConfigWriter#write} wrote it. */
    public static CollectionConfig readStored(ObjectValue doc) {
        TreeReader r = TreeReader.of(doc, "");
        TreeReader p = r.child("params");
        TreeReader payload = p.child("payload");
        CollectionParams params = new CollectionParams(
                p.has("vectors") ? vectors(p.raw("vectors"), "params.vectors") : VectorsConfig.NONE,
                p.optUnsignedInt("shard_number"),
                shardingMethod(p),
                p.optUnsignedInt("replication_factor"),
                p.optUnsignedInt("write_consistency_factor"),
                p.optUnsigned("read_fan_out_factor"),
                p.optUnsigned("read_fan_out_delay_ms"),
                p.optBool("on_disk_payload"),
                payload == null ? null : payload.optEnum("memory", Memory.class, Memory::label),
                p.has("sparse_vectors") ? sparseVectors(p.child("sparse_vectors")) : null);
        TreeReader h = r.child("hnsw_config");
        HnswConfig hnsw = new HnswConfig(h.optUnsignedInt("m"), h.optUnsignedInt("ef_construct"),
                h.optUnsignedInt("full_scan_threshold"), h.optUnsignedInt("max_indexing_threads"),
                h.optBool("on_disk"), h.optEnum("memory", Memory.class, Memory::label),
                h.optUnsignedInt("payload_m"), h.optBool("inline_storage"));
        OptimizersConfig optimizers = OptimizersConfig.DEFAULT.with(optimizersDiff(r.child("optimizer_config")));
        WalConfig wal = WalConfig.DEFAULT.with(walDiff(r.child("wal_config")));
        return new CollectionConfig(params, hnsw, optimizers, wal,
                r.has("quantization_config") ? quantization(r.raw("quantization_config"), "quantization_config") : null,
                r.has("strict_mode_config") ? new StrictModeConfig(r.optObject("strict_mode_config")) : StrictModeConfig.DEFAULT,
                r.optObject("metadata"));
    }

    /** Either one unnamed vector's params or a map of named ones. */
    public static VectorsConfig vectors(PayloadValue value, String path) {
        TreeReader r = TreeReader.of(value, path);
        PayloadValue size = r.object().get("size");
        PayloadValue distance = r.object().get("distance");
        // untagged like Qdrant's VectorsConfig: the single form has a scalar size or a string distance,
        // anything else is a map of named vectors (which may well be called "size" or "distance")
        boolean single = (size != null && !(size instanceof ObjectValue)) || distance instanceof StringValue
                || (distance != null && !(distance instanceof ObjectValue));
        if (single) {
            return new VectorsConfig.Single(vectorParams(r));
        }
        Map<String, VectorParams> named = new LinkedHashMap<>();
        for (String name : r.fields().keySet()) {
            TreeReader one = r.child(name);
            if (one == null) {
                throw TreeReader.mismatch(r.pathOf(name), PayloadValue.NULL, "struct VectorParams");
            }
            named.put(name, vectorParams(one));
        }
        return new VectorsConfig.Named(named);
    }

    public static VectorParams vectorParams(TreeReader r) {
        long size = r.reqUnsigned("size");
        Distance distance = r.optEnum("distance", Distance.class, Distance::label);
        if (distance == null) {
            throw r.missing("distance");
        }
        HnswConfigDiff hnsw = r.has("hnsw_config") ? hnswDiff(r.child("hnsw_config")) : null;
        QuantizationConfig quantization = r.has("quantization_config")
                ? quantization(r.raw("quantization_config"), r.pathOf("quantization_config")) : null;
        VectorParams.MultiVectorComparator multivector = null;
        TreeReader mv = r.child("multivector_config");
        if (mv != null) {
            String comparator = mv.reqString("comparator");
            if (!comparator.equals("max_sim")) {
                throw TreeReader.unknownVariant(mv.pathOf("comparator"), comparator, List.of("max_sim"));
            }
            multivector = VectorParams.MultiVectorComparator.MAX_SIM;
        }
        VectorParams.MultiVectorComparator comparator = multivector;
        return under(r.path(), () -> new VectorParams(size, distance, hnsw, quantization,
                r.optBool("on_disk"), r.optEnum("memory", Memory.class, Memory::label),
                r.optEnum("datatype", Datatype.class, Datatype::label), comparator));
    }

    static HnswConfigDiff hnswDiff(TreeReader r) {
        return under(r.path(), () -> new HnswConfigDiff(r.optUnsignedInt("m"), r.optUnsignedInt("ef_construct"),
                r.optUnsignedInt("full_scan_threshold"), r.optUnsignedInt("max_indexing_threads"),
                r.optBool("on_disk"), r.optEnum("memory", Memory.class, Memory::label),
                r.optUnsignedInt("payload_m"), r.optBool("inline_storage")));
    }

    static WalConfigDiff walDiff(TreeReader r) {
        return under(r.path(), () -> new WalConfigDiff(r.optUnsigned("wal_capacity_mb"),
                r.optUnsigned("wal_segments_ahead"), r.optUnsigned("wal_retain_closed")));
    }

    static OptimizersConfigDiff optimizersDiff(TreeReader r) {
        PayloadValue threads = r.object().get("max_optimization_threads");
        boolean threadsSet = threads != null;
        Long threadCount = null;
        if (threads instanceof StringValue s) {
            if (!s.value().equals("auto")) {
                throw TreeReader.unknownVariant(r.pathOf("max_optimization_threads"), s.value(), List.of("auto"));
            }
        } else {
            threadCount = r.optUnsigned("max_optimization_threads");
        }
        Long finalThreads = threadCount;
        return under(r.path(), () -> new OptimizersConfigDiff(r.optDouble("deleted_threshold"),
                r.optUnsigned("vacuum_min_vector_number"), r.optUnsigned("default_segment_number"),
                r.optUnsigned("max_segment_size"), r.optUnsigned("memmap_threshold"),
                r.optUnsigned("indexing_threshold"), r.optUnsigned("flush_interval_sec"),
                threadsSet, finalThreads, r.optBool("prevent_unoptimized")));
    }

    static Map<String, SparseVectorParams> sparseVectors(TreeReader r) {
        Map<String, SparseVectorParams> result = new LinkedHashMap<>();
        for (String name : r.fields().keySet()) {
            TreeReader one = r.child(name);
            result.put(name, one == null ? SparseVectorParams.DEFAULT : sparseParams(one));
        }
        return result;
    }

    public static SparseVectorParams sparseParams(TreeReader one) {
        SparseVectorParams.Index index = null;
        TreeReader i = one.child("index");
        if (i != null) {
            index = under(i.path(), () -> new SparseVectorParams.Index(i.optUnsigned("full_scan_threshold"),
                    i.optBool("on_disk"), i.optEnum("memory", Memory.class, Memory::label),
                    i.optEnum("datatype", Datatype.class, Datatype::label)));
        }
        return new SparseVectorParams(index,
                one.optEnum("modifier", SparseVectorParams.Modifier.class, SparseVectorParams.Modifier::label));
    }

    static StrictModeConfig strictMode(TreeReader r) {
        return under(r.path(), () -> new StrictModeConfig(r.object()));
    }

    /** A quantization config: exactly one of scalar, product, binary or turbo. */
    public static QuantizationConfig quantization(PayloadValue value, String path) {
        TreeReader r = TreeReader.of(value, path);
        if (r.fields().size() != 1) {
            throw new MalformedInputException(path + ": expected exactly one of `scalar`, `product`, `binary`, `turbo`");
        }
        String key = r.fields().keySet().iterator().next();
        QuantizationConfig.Kind kind = QuantizationConfig.Kind.fromLabel(key).orElseThrow(() ->
                TreeReader.unknownVariant(path, key, List.of("scalar", "product", "binary", "turbo")));
        ObjectValue params = r.optObject(key);
        ObjectValue finalParams = params == null ? ObjectValue.EMPTY : params;
        return under(path, () -> new QuantizationConfig(kind, finalParams));
    }

    static QuantizationUpdate quantizationUpdate(PayloadValue value, String path) {
        if (value instanceof StringValue s) {
            if (s.value().equals("Disabled")) {
                return QuantizationUpdate.DISABLED;
            }
            throw TreeReader.unknownVariant(path, s.value(), List.of("Disabled"));
        }
        return new QuantizationUpdate(quantization(value, path));
    }

    private static String shardingMethod(TreeReader r) {
        String method = r.optString("sharding_method");
        if (method != null && !method.equals("auto") && !method.equals("custom")) {
            throw TreeReader.unknownVariant(r.pathOf("sharding_method"), method, List.of("auto", "custom"));
        }
        return method;
    }

    private static <T> T under(String path, Supplier<T> build) {
        try {
            return build.get();
        } catch (ValidationException e) {
            throw path.isEmpty() ? e : e.under(path);
        }
    }
}
