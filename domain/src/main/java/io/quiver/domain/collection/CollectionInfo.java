package io.quiver.domain.collection;

import java.util.Map;

/** A collection's current state and configuration, as reported to clients. */
public record CollectionInfo(CollectionStatus status, String optimizerError, long segmentsCount,
                             long pointsCount, long indexedVectorsCount, CollectionConfig config,
                             Map<String, PayloadIndexInfo> payloadSchema) {
    public CollectionInfo {
        payloadSchema = Map.copyOf(payloadSchema);
    }
}
