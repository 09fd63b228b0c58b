package io.quiver.domain.collection;

import io.quiver.domain.payload.PayloadMother;

/** One valid quantization config per kind, with the parameters a client typically sends. */
public final class QuantizationConfigMother {

    private QuantizationConfigMother() {
    }

    public static QuantizationConfig scalar() {
        return new QuantizationConfig(QuantizationConfig.Kind.SCALAR,
                PayloadMother.json("{\"type\": \"int8\", \"quantile\": 0.99, \"always_ram\": true}"));
    }

    public static QuantizationConfig product() {
        return new QuantizationConfig(QuantizationConfig.Kind.PRODUCT,
                PayloadMother.json("{\"compression\": \"x16\", \"always_ram\": false}"));
    }

    public static QuantizationConfig binary() {
        return new QuantizationConfig(QuantizationConfig.Kind.BINARY,
                PayloadMother.json("{\"always_ram\": true, \"encoding\": \"two_bits\", \"query_encoding\": \"scalar8bits\"}"));
    }

    public static QuantizationConfig turbo() {
        return new QuantizationConfig(QuantizationConfig.Kind.TURBO, PayloadMother.json("{\"bits\": \"bits2\"}"));
    }

    public static QuantizationConfig of(QuantizationConfig.Kind kind) {
        return switch (kind) {
            case SCALAR -> scalar();
            case PRODUCT -> product();
            case BINARY -> binary();
            case TURBO -> turbo();
        };
    }
}
