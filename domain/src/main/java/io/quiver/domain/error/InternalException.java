package io.quiver.domain.error;

/** Something failed that the caller could not have prevented (I/O, a broken invariant). */
public final class InternalException extends QuiverException {
    public InternalException(String description) {
        super(description);
    }

    public InternalException(String description, Throwable cause) {
        super(description, cause);
    }
}
