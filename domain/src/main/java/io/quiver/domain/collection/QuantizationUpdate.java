package io.quiver.domain.collection;

/** A change of quantization: a new configuration, or {@code null} config meaning "Disabled". */
public record QuantizationUpdate(QuantizationConfig config) {
    public static final QuantizationUpdate DISABLED = new QuantizationUpdate(null);
}
