package io.quiver.adapter.out.storage.payloadindex;

import io.quiver.application.port.out.PayloadIndex;
import io.quiver.application.port.out.PayloadIndexPort;
import io.quiver.domain.index.PayloadFieldSchema;
import java.util.Objects;

/**
 * Payload indexes held in memory, one structure per {@link io.quiver.domain.index.PayloadSchemaType}.
 * Each index answers only the conditions it can answer exactly as the domain evaluator would (text
 * conditions excepted: a text index answers them by tokens, as Qdrant does); everything else is left
 * to the evaluator by returning an empty answer.
 */
public final class InMemoryPayloadIndexPort implements PayloadIndexPort {

    @Override
    public PayloadIndex create(PayloadFieldSchema schema) {
        Objects.requireNonNull(schema, "schema");
        return switch (schema.type()) {
            case KEYWORD -> new KeywordIndex(schema);
            case INTEGER -> new IntegerIndex(schema);
            case FLOAT -> new FloatIndex(schema);
            case GEO -> new GeoIndex(schema);
            case TEXT -> new TextIndex(schema);
            case BOOL -> new BoolIndex(schema);
            case DATETIME -> new DatetimeIndex(schema);
            case UUID -> new UuidIndex(schema);
        };
    }
}
