package io.quiver.domain.error;

/** The caller presented no valid credentials. */
public final class UnauthorizedException extends QuiverException {
    public UnauthorizedException(String description) {
        super(description);
    }
}
