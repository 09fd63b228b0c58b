package io.quiver.domain.error;

/** The caller's credentials do not allow the operation. */
public final class ForbiddenException extends QuiverException {
    public ForbiddenException(String description) {
        super(description);
    }
}
