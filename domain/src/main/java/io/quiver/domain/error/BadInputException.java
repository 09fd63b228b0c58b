package io.quiver.domain.error;

/** The request is well-formed but does not fit the data (wrong dimension, unknown vector name). */
public final class BadInputException extends QuiverException {
    public BadInputException(String description) {
        super(description);
    }
}
