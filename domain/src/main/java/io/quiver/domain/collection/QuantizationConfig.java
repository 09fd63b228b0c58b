package io.quiver.domain.collection;

import io.quiver.domain.error.Validations;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * A quantization method and its parameters, kept as the client gave them so that they are returned
 * faithfully; the kind is what index adapters act on.
 */
public record QuantizationConfig(Kind kind, ObjectValue params) {

    public enum Kind {
        SCALAR("scalar"), PRODUCT("product"), BINARY("binary"), TURBO("turbo");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Optional<Kind> fromLabel(String label) {
            return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
        }
    }

    private static final Set<String> MEMORY = Set.of("cold", "cached", "pinned");

    public QuantizationConfig {
        Validations v = new Validations();
        String p = kind.label();
        switch (kind) {
            case SCALAR -> {
                v.check(oneOf(params, "type", Set.of("int8"), true), p + ".type", "must be \"int8\"");
                PayloadValue quantile = params.get("quantile");
                if (quantile != null && !quantile.isNull()) {
                    Double q = quantile.asNumber();
                    v.check(q != null, p + ".quantile", "must be a number");
                    v.range(p + ".quantile", q, 0.5, 1);
                }
            }
            case PRODUCT -> v.check(oneOf(params, "compression", Set.of("x4", "x8", "x16", "x32", "x64"), true),
                    p + ".compression", "must be one of x4, x8, x16, x32, x64");
            case BINARY -> {
                v.check(oneOf(params, "encoding", Set.of("one_bit", "two_bits", "one_and_half_bits"), false),
                        p + ".encoding", "must be one of one_bit, two_bits, one_and_half_bits");
                v.check(oneOf(params, "query_encoding", Set.of("default", "binary", "scalar4bits", "scalar8bits"), false),
                        p + ".query_encoding", "must be one of default, binary, scalar4bits, scalar8bits");
            }
            case TURBO -> v.check(oneOf(params, "bits", Set.of("bits1", "bits1_5", "bits2", "bits4"), false),
                    p + ".bits", "must be one of bits1, bits1_5, bits2, bits4");
        }
        v.check(oneOf(params, "memory", MEMORY, false), p + ".memory", "must be one of cold, cached, pinned");
        v.throwIfAny();
    }

    private static boolean oneOf(ObjectValue params, String key, Set<String> allowed, boolean required) {
        PayloadValue value = params.get(key);
        if (value == null || value.isNull()) {
            return !required;
        }
        return value instanceof StringValue s && allowed.contains(s.value());
    }
}
