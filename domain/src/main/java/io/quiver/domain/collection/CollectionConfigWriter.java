package io.quiver.domain.collection;

import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a collection's configuration as the document Qdrant reports (field names and nesting of its
 * {@code CollectionConfig}). The same document is what the catalog persists, so there is one shape only.
 */
public final class CollectionConfigWriter {

    private CollectionConfigWriter() {
    }

    public static ObjectValue write(CollectionConfig c) {
        Doc d = new Doc();
        d.put("params", params(c.params()));
        d.put("hnsw_config", hnsw(c.hnswConfig()));
        d.put("optimizer_config", optimizers(c.optimizerConfig()));
        d.put("wal_config", wal(c.walConfig()));
        d.putAlways("quantization_config", c.quantizationConfig() == null ? PayloadValue.NULL : quantization(c.quantizationConfig()));
        d.put("strict_mode_config", c.strictModeConfig().settings());
        d.put("metadata", c.metadata());
        return d.build();
    }

    static ObjectValue params(CollectionParams p) {
        Doc d = new Doc();
        d.put("vectors", vectors(p.vectors()));
        d.put("shard_number", p.shardNumber());
        d.put("sharding_method", p.shardingMethod());
        d.put("replication_factor", p.replicationFactor());
        d.put("write_consistency_factor", p.writeConsistencyFactor());
        d.put("read_fan_out_factor", p.readFanOutFactor());
        d.put("read_fan_out_delay_ms", p.readFanOutDelayMs());
        d.put("on_disk_payload", p.onDiskPayload());
        if (p.payloadMemory() != null) {
            d.put("payload", new ObjectValue(Map.of("memory", PayloadValue.of(p.payloadMemory().label()))));
        }
        if (p.sparseVectors() != null) {
            Map<String, PayloadValue> sparse = new LinkedHashMap<>();
            p.sparseVectors().forEach((name, s) -> sparse.put(name, sparse(s)));
            d.put("sparse_vectors", new ObjectValue(sparse));
        }
        return d.build();
    }

    public static PayloadValue vectors(VectorsConfig v) {
        return switch (v) {
            case VectorsConfig.Single s -> vectorParams(s.params());
            case VectorsConfig.Named n -> {
                Map<String, PayloadValue> m = new LinkedHashMap<>();
                n.vectors().forEach((name, params) -> m.put(name, vectorParams(params)));
                yield new ObjectValue(m);
            }
        };
    }

    public static ObjectValue vectorParams(VectorParams v) {
        Doc d = new Doc();
        d.put("size", v.size());
        d.put("distance", v.distance().label());
        if (v.hnswConfig() != null) {
            d.put("hnsw_config", hnswDiff(v.hnswConfig()));
        }
        if (v.quantizationConfig() != null) {
            d.put("quantization_config", quantization(v.quantizationConfig()));
        }
        d.put("on_disk", v.onDisk());
        d.put("memory", v.memory() == null ? null : v.memory().label());
        d.put("datatype", v.datatype() == null ? null : v.datatype().label());
        if (v.multivector() != null) {
            d.put("multivector_config", new ObjectValue(Map.of("comparator", PayloadValue.of("max_sim"))));
        }
        return d.build();
    }

    public static ObjectValue sparse(SparseVectorParams s) {
        Doc d = new Doc();
        if (s.index() != null) {
            Doc i = new Doc();
            i.put("full_scan_threshold", s.index().fullScanThreshold());
            i.put("on_disk", s.index().onDisk());
            i.put("memory", s.index().memory() == null ? null : s.index().memory().label());
            i.put("datatype", s.index().datatype() == null ? null : s.index().datatype().label());
            d.put("index", i.build());
        }
        d.put("modifier", s.modifier() == null ? null : s.modifier().label());
        return d.build();
    }

    static ObjectValue hnsw(HnswConfig h) {
        Doc d = new Doc();
        d.put("m", h.m());
        d.put("ef_construct", h.efConstruct());
        d.put("full_scan_threshold", h.fullScanThreshold());
        d.put("max_indexing_threads", h.maxIndexingThreads());
        d.put("on_disk", h.onDisk());
        d.put("memory", h.memory() == null ? null : h.memory().label());
        d.put("payload_m", h.payloadM());
        d.put("inline_storage", h.inlineStorage());
        return d.build();
    }

    static ObjectValue hnswDiff(HnswConfigDiff h) {
        Doc d = new Doc();
        d.put("m", h.m());
        d.put("ef_construct", h.efConstruct());
        d.put("full_scan_threshold", h.fullScanThreshold());
        d.put("max_indexing_threads", h.maxIndexingThreads());
        d.put("on_disk", h.onDisk());
        d.put("memory", h.memory() == null ? null : h.memory().label());
        d.put("payload_m", h.payloadM());
        d.put("inline_storage", h.inlineStorage());
        return d.build();
    }

    static ObjectValue optimizers(OptimizersConfig o) {
        Doc d = new Doc();
        d.put("deleted_threshold", o.deletedThreshold());
        d.put("vacuum_min_vector_number", o.vacuumMinVectorNumber());
        d.put("default_segment_number", o.defaultSegmentNumber());
        d.putAlways("max_segment_size", nullable(o.maxSegmentSize()));
        d.putAlways("memmap_threshold", nullable(o.memmapThreshold()));
        d.putAlways("indexing_threshold", nullable(o.indexingThreshold()));
        d.put("flush_interval_sec", o.flushIntervalSec());
        d.putAlways("max_optimization_threads", nullable(o.maxOptimizationThreads()));
        d.put("prevent_unoptimized", o.preventUnoptimized());
        return d.build();
    }

    static ObjectValue wal(WalConfig w) {
        Doc d = new Doc();
        d.put("wal_capacity_mb", w.walCapacityMb());
        d.put("wal_segments_ahead", w.walSegmentsAhead());
        d.put("wal_retain_closed", w.walRetainClosed());
        return d.build();
    }

    public static ObjectValue quantization(QuantizationConfig q) {
        return new ObjectValue(Map.of(q.kind().label(), q.params()));
    }

    private static PayloadValue nullable(Long v) {
        return v == null ? PayloadValue.NULL : PayloadValue.of(v);
    }

    /** An ordered document builder that leaves out unset (null) fields. */
    private static final class Doc {
        private final Map<String, PayloadValue> fields = new LinkedHashMap<>();

        void put(String key, Object value) {
            if (value == null) {
                return;
            }
            fields.put(key, switch (value) {
                case PayloadValue p -> p;
                case String s -> PayloadValue.of(s);
                case Boolean b -> PayloadValue.of(b);
                case Integer i -> PayloadValue.of(i.longValue());
                case Long l -> PayloadValue.of(l);
                case Double x -> PayloadValue.of(x);
                default -> throw new IllegalArgumentException("unsupported value " + value.getClass());
            });
        }

        void putAlways(String key, PayloadValue value) {
            fields.put(key, value);
        }

        ObjectValue build() {
            return new ObjectValue(fields);
        }
    }
}
