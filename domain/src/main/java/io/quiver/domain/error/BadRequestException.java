package io.quiver.domain.error;

/** The request asks for something the current state or configuration cannot serve. */
public final class BadRequestException extends QuiverException {
    public BadRequestException(String description) {
        super(description);
    }
}
