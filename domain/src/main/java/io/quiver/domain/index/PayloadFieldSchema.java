package io.quiver.domain.index;

import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.Objects;

/**
 * An indexed payload field: its key as the client wrote it, the parsed path, the index kind and the
 * kind's parameters as given (null when the client used the plain type name). For {@code integer},
 * {@code lookup} and {@code range} default to true; for {@code text}, the tokenizer settings apply.
 */
public record PayloadFieldSchema(String fieldName, JsonPath path, PayloadSchemaType type, ObjectValue params) {

    public PayloadFieldSchema {
        Objects.requireNonNull(fieldName, "fieldName");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
    }

    public static PayloadFieldSchema of(String fieldName, PayloadSchemaType type) {
        return new PayloadFieldSchema(fieldName, JsonPath.parse(fieldName), type, null);
    }

    public boolean flag(String name, boolean fallback) {
        if (params == null || !(params.get(name) instanceof io.quiver.domain.payload.PayloadValue.BoolValue b)) {
            return fallback;
        }
        return b.value();
    }
}
