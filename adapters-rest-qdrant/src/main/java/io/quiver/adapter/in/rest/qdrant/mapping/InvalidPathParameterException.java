package io.quiver.adapter.in.rest.qdrant.mapping;

import io.quiver.domain.error.ValidationException;

/** A path segment broke a rule; reported as Qdrant reports path validation, not body validation. */
public final class InvalidPathParameterException extends RuntimeException {

    private final transient ValidationException violation;

    public InvalidPathParameterException(ValidationException violation) {
        super(violation.getMessage());
        this.violation = violation;
    }

    public ValidationException violation() {
        return violation;
    }
}
