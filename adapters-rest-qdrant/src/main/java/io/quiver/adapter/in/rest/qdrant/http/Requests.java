package io.quiver.adapter.in.rest.qdrant.http;

import io.quiver.adapter.in.rest.qdrant.error.InvalidQueryParameterException;
import io.quiver.adapter.in.rest.qdrant.mapping.JsonTrees;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.TreeReader;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/** Reads the parts of a request a route needs: path parameters, query flags and the JSON body. */
public final class Requests {

    private Requests() {
    }

    public static String path(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }

    /** The body as a document; an absent or non-JSON body is a format error, as in Qdrant. */
    public static ObjectValue jsonObject(ServerRequest req) {
        PayloadValue value = JsonTrees.parse(bytes(req));
        if (value instanceof ObjectValue o) {
            return o;
        }
        throw TreeReader.mismatch("", value, "a map");
    }

    public static byte[] bytes(ServerRequest req) {
        return req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
    }

    /** A boolean query flag; clients send {@code true}/{@code false} as text. */
    public static Optional<Boolean> flag(ServerRequest req, String name) {
        Optional<String> raw = req.query().first(name).asOptional();
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        return switch (raw.get()) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw new InvalidQueryParameterException(
                    name + ": provided string was not `true` or `false`");
        };
    }

    /** An unsigned integer query parameter such as {@code timeout}. */
    public static Optional<Long> unsigned(ServerRequest req, String name) {
        Optional<String> raw = req.query().first(name).asOptional();
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            long v = Long.parseLong(raw.get());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return Optional.of(v);
        } catch (NumberFormatException e) {
            throw new InvalidQueryParameterException(name + ": invalid digit found in string");
        }
    }
}
