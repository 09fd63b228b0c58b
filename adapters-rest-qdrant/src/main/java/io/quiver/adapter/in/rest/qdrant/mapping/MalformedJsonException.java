package io.quiver.adapter.in.rest.qdrant.mapping;

/** The request body is not JSON at all (as opposed to JSON of the wrong shape). */
public final class MalformedJsonException extends RuntimeException {
    public MalformedJsonException(String message) {
        super(message);
    }
}
