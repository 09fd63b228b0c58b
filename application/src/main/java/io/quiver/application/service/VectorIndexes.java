package io.quiver.application.service;

import io.quiver.application.port.out.PointStore;
import io.quiver.application.port.out.VectorIndex;
import io.quiver.application.port.out.VectorIndexPort;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec;
import io.quiver.application.port.out.VectorIndexPort.VectorIndexSpec.Quantization;
import io.quiver.domain.collection.CollectionConfig;
import io.quiver.domain.collection.HnswConfig;
import io.quiver.domain.collection.QuantizationConfig;
import io.quiver.domain.collection.VectorParams;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Opens, reconciles and drops the vector indexes of a collection's dense (single-vector) spaces. */
final class VectorIndexes {

    /**
     * The quantile scalar quantization keeps when the config names none: Qdrant then uses "the whole range
     * of values" (its {@code ScalarQuantizationConfig.quantile} docs), which is quantile 1.
     */
    static final float DEFAULT_QUANTILE = 1f;

    private final VectorIndexPort port;

    VectorIndexes(VectorIndexPort port) {
        this.port = port;
    }

    static boolean indexable(VectorParams params) {
        return params.multivector() == null;
    }

    static VectorIndexSpec spec(VectorParams params, HnswConfig collectionHnsw,
                                QuantizationConfig collectionQuantization) {
        HnswConfig hnsw = params.hnswConfig() == null ? collectionHnsw : collectionHnsw.with(params.hnswConfig());
        // a vector's own quantization config overrides the collection's, as in Qdrant
        QuantizationConfig quantization = params.quantizationConfig() != null ? params.quantizationConfig()
                : collectionQuantization;
        return new VectorIndexSpec((int) params.size(), params.distance(), hnsw.m(), hnsw.efConstruct(),
                quantization(quantization));
    }

    /** Scalar int8 as configured; the other kinds are kept in the config but not applied (exact vectors). */
    static Quantization quantization(QuantizationConfig config) {
        if (config == null || config.kind() != QuantizationConfig.Kind.SCALAR) {
            return Quantization.NONE;
        }
        PayloadValue quantile = config.params().get("quantile");
        Double q = quantile == null || quantile.isNull() ? null : quantile.asNumber();
        return Quantization.scalarInt8(q == null ? DEFAULT_QUANTILE : q.floatValue());
    }

    /** Opens every index and brings it in line with the stored points (replaying what changed). */
    Map<String, VectorIndex> openAll(String collection, CollectionConfig config, PointStore store) {
        Map<String, VectorIndex> indexes = new LinkedHashMap<>();
        config.params().vectors().byName().forEach((name, params) -> {
            if (indexable(params)) {
                indexes.put(name, port.open(collection, name,
                        spec(params, config.hnswConfig(), config.quantizationConfig())));
            }
        });
        if (indexes.isEmpty()) {
            return indexes;
        }
        Map<String, Map<PointId, Long>> versions = new HashMap<>();
        indexes.keySet().forEach(name -> versions.put(name, new HashMap<>()));
        store.scan(null, p -> {
            for (String name : indexes.keySet()) {
                if (p.vectors().get(name) instanceof VectorData.Dense) {
                    versions.get(name).put(p.id(), p.version());
                }
            }
            return true;
        });
        indexes.forEach((name, index) -> index.sync(versions.get(name), id -> store.get(id)
                .map(p -> p.vectors().get(name) instanceof VectorData.Dense d ? d.values() : null)
                .orElse(null)));
        return indexes;
    }

    VectorIndex open(String collection, String name, VectorParams params, HnswConfig hnsw,
                     QuantizationConfig quantization) {
        return port.open(collection, name, spec(params, hnsw, quantization));
    }

    void dropAll(String collection, CollectionConfig config) {
        config.params().vectors().byName().keySet().forEach(name -> port.drop(collection, name));
    }

    void drop(String collection, String name) {
        port.drop(collection, name);
    }
}
