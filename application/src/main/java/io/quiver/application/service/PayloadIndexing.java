package io.quiver.application.service;

import io.quiver.application.port.out.PayloadIndex;
import io.quiver.application.port.out.PayloadIndexPort;
import io.quiver.application.port.out.PointStore;
import io.quiver.domain.index.PayloadFieldSchema;

/** Builds a payload index over every stored point. */
final class PayloadIndexing {

    private PayloadIndexing() {
    }

    static PayloadIndex build(PayloadIndexPort port, PointStore store, PayloadFieldSchema schema) {
        PayloadIndex index = port.create(schema);
        store.scan(null, p -> {
            index.put(p.id(), p.payload());
            return true;
        });
        return index;
    }
}
