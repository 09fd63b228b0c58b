package io.quiver.adapter.in.rest.qdrant.error;

/** A query-string parameter could not be read (e.g. {@code wait=maybe}). */
public final class InvalidQueryParameterException extends RuntimeException {
    public InvalidQueryParameterException(String message) {
        super(message);
    }
}
