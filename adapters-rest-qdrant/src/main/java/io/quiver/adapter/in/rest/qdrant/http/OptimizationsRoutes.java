package io.quiver.adapter.in.rest.qdrant.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quiver.application.port.in.GetCollectionInfoUseCase;
import io.quiver.domain.collection.CollectionInfo;
import io.quiver.domain.collection.CollectionStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code GET /collections/{c}/optimizations} as Qdrant's {@code OptimizationsResponse}. A Quiver
 * collection is one segment. Its only background work is its vector indexes catching up with recent
 * writes (the collection is {@code yellow} meanwhile): that is reported as one running "indexing"
 * optimization over the segment, with the vectors indexed so far as its progress. Otherwise nothing runs,
 * nothing is queued and the segment is idle. Nothing is remembered about finished work, so
 * {@code completed} is empty.
 */
public final class OptimizationsRoutes implements HttpService {

    private static final String INDEXING = "indexing";

    private final GetCollectionInfoUseCase getCollectionInfo;

    public OptimizationsRoutes(GetCollectionInfoUseCase getCollectionInfo) {
        this.getCollectionInfo = getCollectionInfo;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/collections/{collection_name}/optimizations", this::optimizations);
    }

    private void optimizations(ServerRequest req, ServerResponse res) {
        String collection = Requests.path(req, "collection_name");
        Set<String> with = req.query().first("with").asOptional()
                .map(w -> Arrays.stream(w.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
        Requests.unsigned(req, "completed_limit");
        CollectionInfo info = getCollectionInfo.get(collection);
        boolean indexing = info.status() == CollectionStatus.YELLOW;
        String segment = uuid("segment", collection);
        Envelope.ok(req, res, g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("queued_optimizations", 0);
            g.writeNumberField("queued_segments", 0);
            g.writeNumberField("queued_points", 0);
            g.writeNumberField("idle_segments", indexing ? 0 : 1);
            g.writeEndObject();
            g.writeArrayFieldStart("running");
            if (indexing) {
                g.writeStartObject();
                g.writeStringField("uuid", uuid("indexing", collection));
                g.writeStringField("optimizer", INDEXING);
                g.writeStringField("status", "optimizing");
                g.writeArrayFieldStart("segments");
                writeSegment(g, segment, info.pointsCount());
                g.writeEndArray();
                g.writeObjectFieldStart("progress");
                g.writeStringField("name", INDEXING);
                g.writeNumberField("done", info.indexedVectorsCount());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            if (with.contains("queued")) {
                g.writeArrayFieldStart("queued");
                g.writeEndArray();
            }
            if (with.contains("completed")) {
                g.writeArrayFieldStart("completed");
                g.writeEndArray();
            }
            if (with.contains("idle_segments")) {
                g.writeArrayFieldStart("idle_segments");
                if (!indexing) {
                    writeSegment(g, segment, info.pointsCount());
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    private static void writeSegment(JsonGenerator g, String uuid, long points) throws IOException {
        g.writeStartObject();
        g.writeStringField("uuid", uuid);
        g.writeNumberField("points_count", points);
        g.writeEndObject();
    }

    /** A stable id derived from the collection name, so repeated calls name the same segment. */
    private static String uuid(String kind, String collection) {
        return UUID.nameUUIDFromBytes((kind + "/" + collection).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
