package io.quiver.adapter.in.rest.qdrant.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import io.quiver.domain.collection.CollectionConfigWriter;
import io.quiver.domain.collection.CollectionInfo;
import io.quiver.domain.collection.PayloadIndexInfo;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/** Writes collection answers in the shape of Qdrant's {@code CollectionInfo}. */
public final class CollectionMapper {

    private CollectionMapper() {
    }

    public static void writeInfo(JsonGenerator g, CollectionInfo info) throws IOException {
        g.writeStartObject();
        g.writeStringField("status", info.status().name().toLowerCase(Locale.ROOT));
        if (info.optimizerError() == null) {
            g.writeStringField("optimizer_status", "ok");
        } else {
            g.writeObjectFieldStart("optimizer_status");
            g.writeStringField("error", info.optimizerError());
            g.writeEndObject();
        }
        g.writeNumberField("indexed_vectors_count", info.indexedVectorsCount());
        g.writeNumberField("points_count", info.pointsCount());
        g.writeNumberField("segments_count", info.segmentsCount());
        g.writeFieldName("config");
        JsonTrees.write(g, CollectionConfigWriter.write(info.config()));
        g.writeObjectFieldStart("payload_schema");
        for (Map.Entry<String, PayloadIndexInfo> e : info.payloadSchema().entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            g.writeStringField("data_type", e.getValue().dataType());
            if (e.getValue().params() != null) {
                g.writeFieldName("params");
                JsonTrees.write(g, e.getValue().params());
            }
            g.writeNumberField("points", e.getValue().points());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
