package io.quiver.domain.error;

/**
 * The input does not have the shape its format requires (a string where a number belongs, a missing
 * required field, an unknown enum value) — as opposed to a well-shaped value that breaks a rule.
 */
public final class MalformedInputException extends QuiverException {
    public MalformedInputException(String description) {
        super(description);
    }
}
