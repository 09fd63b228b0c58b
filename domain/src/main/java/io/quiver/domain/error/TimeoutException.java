package io.quiver.domain.error;

/** The operation did not finish within the time the caller allowed. */
public final class TimeoutException extends QuiverException {
    public TimeoutException(String description) {
        super(description);
    }
}
