package io.quiver.domain.error;

/** The system is not in a state to perform the operation. */
public final class PreconditionFailedException extends QuiverException {
    public PreconditionFailedException(String description) {
        super(description);
    }
}
