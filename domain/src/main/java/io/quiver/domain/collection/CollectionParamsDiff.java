package io.quiver.domain.collection;

import io.quiver.domain.error.Validations;

/** The collection parameters PATCH may change. */
public record CollectionParamsDiff(Integer replicationFactor, Integer writeConsistencyFactor,
                                   Long readFanOutFactor, Long readFanOutDelayMs,
                                   Boolean onDiskPayload, Memory payloadMemory) {
    public CollectionParamsDiff {
        new Validations()
                .range("replication_factor", replicationFactor, 1, null)
                .range("write_consistency_factor", writeConsistencyFactor, 1, null)
                .range("read_fan_out_factor", readFanOutFactor, 0, null)
                .range("read_fan_out_delay_ms", readFanOutDelayMs, 0, null)
                .throwIfAny();
    }
}
