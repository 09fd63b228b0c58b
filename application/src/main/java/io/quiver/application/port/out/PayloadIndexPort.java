package io.quiver.application.port.out;

import io.quiver.domain.index.PayloadFieldSchema;

/** Builds payload indexes: structures that answer field conditions without reading every point. */
public interface PayloadIndexPort {

    /** An empty index for {@code schema}; the caller fills it with {@link PayloadIndex#put}. */
    PayloadIndex create(PayloadFieldSchema schema);
}
