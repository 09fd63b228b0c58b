package io.quiver.domain.error;

/** A cluster operation was asked of a single, standalone node. */
public final class StandaloneModeException extends QuiverException {
    public StandaloneModeException(String description) {
        super(description);
    }
}
