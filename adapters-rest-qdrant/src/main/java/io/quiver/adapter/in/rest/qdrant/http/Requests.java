package io.quiver.adapter.in.rest.qdrant.http;

import io.quiver.adapter.in.rest.qdrant.error.InvalidQueryParameterException;
import io.quiver.adapter.in.rest.qdrant.mapping.JsonTrees;
import io.quiver.adapter.in.rest.qdrant.mapping.MalformedJsonException;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
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

    /**
     * The raw body of a JSON request. A body declared as something else than JSON ({@code text/plain},
     * a form, XML…) is refused as Qdrant refuses it, before it is read; a body without a
     * {@code Content-Type} is taken as JSON.
     */
    public static byte[] bytes(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        req.headers().first(HeaderNames.CONTENT_TYPE).ifPresent(type -> {
            if (!isJson(type)) {
                throw new MalformedJsonException("Content type error");
            }
        });
        try {
            return req.content().as(byte[].class);
        } catch (DataReader.InsufficientDataAvailableException | java.io.UncheckedIOException e) {
            // the client stopped sending before the end of the body it announced
            throw new MalformedJsonException("EOF while parsing a value: the request body ended early");
        }
    }

    /** {@code application/json}, {@code text/json} or any {@code …/…+json}, parameters aside. */
    static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        int slash = type.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String subtype = type.substring(slash + 1);
        return subtype.equals("json") || subtype.endsWith("+json");
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
