package io.quiver.adapter.in.rest.qdrant.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.quiver.adapter.in.rest.qdrant.error.ApiError;
import io.quiver.adapter.in.rest.qdrant.mapping.JsonTrees;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes Qdrant's response envelopes: {@code {"result":…,"status":"ok","time":s}} on success and
 * {@code {"status":{"error":…},"time":s,"result":null}} on failure, with the time measured from when the
 * request arrived.
 */
public final class Envelope {

    /** Writes the {@code result} value into an open generator. */
    @FunctionalInterface
    public interface ResultWriter {
        void write(JsonGenerator g) throws IOException;
    }

    private static final String START_KEY = "io.quiver.request-start";

    private Envelope() {
    }

    static void markStart(ServerRequest req) {
        req.context().register(START_KEY, System.nanoTime());
    }

    static double elapsedSeconds(ServerRequest req) {
        long start = req.context().get(START_KEY, Long.class).orElseGet(System::nanoTime);
        return (System.nanoTime() - start) / 1e9;
    }

    public static void ok(ServerRequest req, ServerResponse res, ResultWriter result) {
        send(res, Status.OK_200, json(g -> {
            g.writeStartObject();
            g.writeFieldName("result");
            result.write(g);
            g.writeStringField("status", "ok");
            g.writeNumberField("time", elapsedSeconds(req));
            g.writeEndObject();
        }));
    }

    public static void okBoolean(ServerRequest req, ServerResponse res, boolean value) {
        ok(req, res, g -> g.writeBoolean(value));
    }

    /** Qdrant's answer to an operation accepted for background execution ({@code wait=false}). */
    public static void accepted(ServerRequest req, ServerResponse res) {
        send(res, Status.ACCEPTED_202, json(g -> {
            g.writeStartObject();
            g.writeNullField("result");
            g.writeStringField("status", "accepted");
            g.writeNumberField("time", elapsedSeconds(req));
            g.writeEndObject();
        }));
    }

    public static void error(ServerRequest req, ServerResponse res, ApiError error) {
        send(res, Status.create(error.status()), json(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("status");
            g.writeStringField("error", error.message());
            g.writeEndObject();
            g.writeNumberField("time", elapsedSeconds(req));
            g.writeNullField("result");
            g.writeEndObject();
        }));
    }

    public static void text(ServerResponse res, String body) {
        res.header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN);
        res.send(body);
    }

    private static void send(ServerResponse res, Status status, byte[] body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body);
    }

    private static byte[] json(ResultWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JsonTrees.generator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
