package io.quiver.domain.error;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects broken rules while a command or config is being built, so that one error lists all of them,
 * worded as Qdrant words its range and length checks.
 */
public final class Validations {

    private final List<ValidationException.Violation> violations = new ArrayList<>();

    public Validations range(String path, Number value, Number min, Number max) {
        if (value == null) {
            return this;
        }
        double v = value.doubleValue();
        boolean low = min != null && v < min.doubleValue();
        boolean high = max != null && v > max.doubleValue();
        if (low || high) {
            violations.add(new ValidationException.Violation(path, rangeMessage(value, min, max)));
        }
        return this;
    }

    public Validations check(boolean ok, String path, String message) {
        if (!ok) {
            violations.add(new ValidationException.Violation(path, message));
        }
        return this;
    }

    public Validations nested(String prefix, Runnable validation) {
        try {
            validation.run();
        } catch (ValidationException e) {
            violations.addAll(e.under(prefix).violations());
        }
        return this;
    }

    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    static String rangeMessage(Number value, Number min, Number max) {
        if (min != null && max != null) {
            return "value " + value + " invalid, must be from " + min + " to " + max;
        }
        if (min != null) {
            return "value " + value + " invalid, must be " + min + " or larger";
        }
        return "value " + value + " invalid, must be " + max + " or smaller";
    }
}
