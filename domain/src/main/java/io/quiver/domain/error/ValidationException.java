package io.quiver.domain.error;

import java.util.List;
import java.util.stream.Collectors;

/** A value breaks a declared rule (a range, a length, a required field). Lists every broken rule found. */
public final class ValidationException extends QuiverException {

    /** One broken rule: where (a dotted field path, as the client wrote it) and what. */
    public record Violation(String path, String message) {
        @Override
        public String toString() {
            return path.isEmpty() ? message : path + ": " + message;
        }
    }

    private final List<Violation> violations;

    public ValidationException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("\n")));
        this.violations = List.copyOf(violations);
    }

    public static ValidationException of(String path, String message) {
        return new ValidationException(List.of(new Violation(path, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The same violations with {@code prefix} put in front of each path, for nested validation. */
    public ValidationException under(String prefix) {
        return new ValidationException(violations.stream()
                .map(v -> new Violation(v.path().isEmpty() ? prefix : prefix + "." + v.path(), v.message()))
                .toList());
    }
}
