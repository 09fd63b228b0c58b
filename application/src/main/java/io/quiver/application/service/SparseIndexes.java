package io.quiver.application.service;

import io.quiver.application.port.out.PointStore;
import io.quiver.application.port.out.SparseIndex;
import io.quiver.application.port.out.SparseIndexPort;
import io.quiver.domain.collection.CollectionConfig;
import io.quiver.domain.point.VectorData;
import java.util.LinkedHashMap;
import java.util.Map;

/** Opens, fills and drops the inverted indexes of a collection's sparse vector spaces. */
final class SparseIndexes {

    private final SparseIndexPort port;

    SparseIndexes(SparseIndexPort port) {
        this.port = port;
    }

    /** Opens every sparse space's index and fills it from the stored points, in one scan. */
    Map<String, SparseIndex> openAll(String collection, CollectionConfig config, PointStore store) {
        Map<String, SparseIndex> indexes = new LinkedHashMap<>();
        config.params().sparseVectorsOrEmpty().keySet().forEach(name -> indexes.put(name, port.open(collection, name)));
        if (indexes.isEmpty()) {
            return indexes;
        }
        store.scan(null, p -> {
            indexes.forEach((name, index) -> {
                if (p.vectors().get(name) instanceof VectorData.Sparse s) {
                    index.upsert(p.id(), s);
                }
            });
            return true;
        });
        return indexes;
    }

    /** The (empty) index of a sparse space that no stored point holds yet. */
    SparseIndex open(String collection, String name) {
        return port.open(collection, name);
    }

    void dropAll(String collection, CollectionConfig config) {
        config.params().sparseVectorsOrEmpty().keySet().forEach(name -> port.drop(collection, name));
    }

    void drop(String collection, String name) {
        port.drop(collection, name);
    }
}
