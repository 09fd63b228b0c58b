package io.quiver.adapter.in.rest.qdrant.error;

/** What a client is told about a failure: the HTTP status and the message of Qdrant's error envelope. */
public record ApiError(int status, String message) {
}
