package io.quiver.adapter.in.rest.qdrant.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import io.quiver.application.port.in.RecoverSnapshotUseCase.Source;
import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.TreeReader;
import io.quiver.domain.snapshot.SnapshotDescription;
import io.quiver.domain.snapshot.SnapshotPriority;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Writes {@code SnapshotDescription}s and reads {@code SnapshotRecover} bodies. */
public final class SnapshotMapper {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private SnapshotMapper() {
    }

    /** What a {@code SnapshotRecover} body asks for. */
    public record Recover(Source.Location location, SnapshotPriority priority, String checksum) {
    }

    public static Recover readRecover(ObjectValue body) {
        TreeReader r = TreeReader.of(body, "");
        String location = r.reqString("location");
        try {
            URI uri = new URI(location);
            if (uri.getScheme() == null) {
                throw new MalformedInputException("location: relative URL without a base");
            }
        } catch (URISyntaxException e) {
            throw new MalformedInputException("location: invalid URL: " + e.getReason());
        }
        String priority = r.optString("priority");
        return new Recover(new Source.Location(location, r.optString("api_key")),
                priority == null ? null : SnapshotPriority.of(priority, "priority"), r.optString("checksum"));
    }

    public static void writeDescription(JsonGenerator g, SnapshotDescription d) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", d.name());
        if (d.creationTime() == null) {
            g.writeNullField("creation_time");
        } else {
            g.writeStringField("creation_time", d.creationTime().format(TIME));
        }
        g.writeNumberField("size", d.size());
        if (d.checksum() == null) {
            g.writeNullField("checksum");
        } else {
            g.writeStringField("checksum", d.checksum());
        }
        g.writeEndObject();
    }

    public static void writeDescriptions(JsonGenerator g, List<SnapshotDescription> all) throws IOException {
        g.writeStartArray();
        for (SnapshotDescription d : all) {
            writeDescription(g, d);
        }
        g.writeEndArray();
    }
}
