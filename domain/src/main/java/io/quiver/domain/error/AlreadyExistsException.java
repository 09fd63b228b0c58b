package io.quiver.domain.error;

/** Creating something whose name is taken. */
public final class AlreadyExistsException extends QuiverException {
    public AlreadyExistsException(String description) {
        super(description);
    }
}
