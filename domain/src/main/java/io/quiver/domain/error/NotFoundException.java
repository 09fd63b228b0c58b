package io.quiver.domain.error;

/** A named thing (collection, point, alias, snapshot) does not exist. */
public final class NotFoundException extends QuiverException {
    public NotFoundException(String description) {
        super(description);
    }
}
