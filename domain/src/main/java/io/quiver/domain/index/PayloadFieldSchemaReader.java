package io.quiver.domain.index;

import io.quiver.domain.error.ValidationException;
import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import io.quiver.domain.payload.TreeReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code field_schema}: a plain type name ({@code "keyword"}) or a parameter object
 * ({@code {"type":"text","tokenizer":"word",…}}), checking each kind's parameters as Qdrant does.
 */
public final class PayloadFieldSchemaReader {

    private static final Set<String> COMMON = Set.of("type", "on_disk", "memory", "enable_hnsw");
    private static final Map<PayloadSchemaType, Set<String>> PARAMS = Map.of(
            PayloadSchemaType.KEYWORD, Set.of("is_tenant", "prefix"),
            PayloadSchemaType.INTEGER, Set.of("lookup", "range", "is_principal"),
            PayloadSchemaType.FLOAT, Set.of("is_principal"),
            PayloadSchemaType.DATETIME, Set.of("is_principal"),
            PayloadSchemaType.UUID, Set.of("is_tenant"),
            PayloadSchemaType.BOOL, Set.of(),
            PayloadSchemaType.GEO, Set.of(),
            PayloadSchemaType.TEXT, Set.of("tokenizer", "min_token_len", "max_token_len", "lowercase", "ascii_folding",
                    "phrase_matching", "stopwords", "stemmer"));

    private PayloadFieldSchemaReader() {
    }

    public static PayloadFieldSchema read(String fieldName, PayloadValue schema, String path) {
        JsonPath key;
        try {
            key = JsonPath.parse(fieldName);
        } catch (RuntimeException e) {
            throw ValidationException.of("field_name", "invalid key \"" + fieldName + "\": " + e.getMessage());
        }
        if (schema instanceof StringValue s) {
            return new PayloadFieldSchema(fieldName, key, type(s.value(), path), null);
        }
        TreeReader r = TreeReader.of(schema, path);
        String typeName = r.reqString("type");
        PayloadSchemaType type = type(typeName, r.pathOf("type"));
        for (String k : r.fields().keySet()) {
            if (!COMMON.contains(k) && !PARAMS.get(type).contains(k)) {
                throw new io.quiver.domain.error.MalformedInputException(r.pathOf(k) + ": unknown field `" + k
                        + "` for a " + type.label() + " index");
            }
        }
        for (String flag : List.of("is_tenant", "prefix", "lookup", "range", "is_principal", "on_disk", "lowercase",
                "ascii_folding", "phrase_matching", "enable_hnsw")) {
            r.optBool(flag);
        }
        if (type == PayloadSchemaType.TEXT) {
            String tokenizer = r.optString("tokenizer");
            if (tokenizer != null && !List.of("prefix", "whitespace", "word", "multilingual").contains(tokenizer)) {
                throw TreeReader.unknownVariant(r.pathOf("tokenizer"), tokenizer,
                        List.of("prefix", "whitespace", "word", "multilingual"));
            }
            Long min = r.optUnsigned("min_token_len");
            Long max = r.optUnsigned("max_token_len");
            if (min != null && max != null && min > max) {
                throw ValidationException.of(r.pathOf("min_token_len"), "must not be greater than max_token_len");
            }
        }
        if (type == PayloadSchemaType.INTEGER && Boolean.FALSE.equals(r.optBool("lookup"))
                && Boolean.FALSE.equals(r.optBool("range"))) {
            throw ValidationException.of(path, "the integer index needs at least one of lookup or range enabled");
        }
        return new PayloadFieldSchema(fieldName, key, type, (ObjectValue) schema);
    }

    private static PayloadSchemaType type(String name, String path) {
        return PayloadSchemaType.fromLabel(name).orElseThrow(() -> TreeReader.unknownVariant(path, name,
                Arrays.stream(PayloadSchemaType.values()).map(PayloadSchemaType::label).toList()));
    }

    /** The stored document form: {@code {"field_name":…, "field_schema": <as given>}}. */
    public static ObjectValue toDocument(PayloadFieldSchema s) {
        PayloadValue schema = s.params() != null ? s.params() : PayloadValue.of(s.type().label());
        return new ObjectValue(Map.of("field_name", PayloadValue.of(s.fieldName()), "field_schema", schema));
    }

    public static PayloadFieldSchema fromDocument(ObjectValue doc) {
        TreeReader r = TreeReader.of(doc, "");
        return read(r.reqString("field_name"), r.raw("field_schema"), "field_schema");
    }
}
