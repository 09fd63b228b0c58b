package io.quiver.domain.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quiver.domain.error.ValidationException.Violation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationsTest {

    @Test
    void rangeWordingFollowsQdrantForBothBoundsAndForOne() {
        assertThat(Validations.rangeMessage(0, 1, 10)).isEqualTo("value 0 invalid, must be from 1 to 10");
        assertThat(Validations.rangeMessage(0, 1, null)).isEqualTo("value 0 invalid, must be 1 or larger");
        assertThat(Validations.rangeMessage(11, null, 10)).isEqualTo("value 11 invalid, must be 10 or smaller");
        assertThat(Validations.rangeMessage(0.25, 0.5, 1)).isEqualTo("value 0.25 invalid, must be from 0.5 to 1");
    }

    @Test
    void boundsAreInclusiveAndNullValuesAreSkipped() {
        assertThatCode(() -> new Validations()
                .range("a", 1, 1, 10)
                .range("b", 10, 1, 10)
                .range("c", null, 1, 10)
                .range("d", Long.MAX_VALUE, 0, null)
                .throwIfAny()).doesNotThrowAnyException();
    }

    @Test
    void collectsEveryViolationInOrder() {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> new Validations()
                .range("low", 0, 1, null)
                .check(true, "fine", "never reported")
                .check(false, "flag", "must be set")
                .range("high", 20, null, 10)
                .throwIfAny());

        assertThat(e.violations()).containsExactly(
                new Violation("low", "value 0 invalid, must be 1 or larger"),
                new Violation("flag", "must be set"),
                new Violation("high", "value 20 invalid, must be 10 or smaller"));
        assertThat(e.getMessage()).isEqualTo("""
                low: value 0 invalid, must be 1 or larger
                flag: must be set
                high: value 20 invalid, must be 10 or smaller""");
        assertThat(e.description()).isEqualTo(e.getMessage());
    }

    @Test
    void nestedValidationIsRootedUnderItsPrefix() {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> new Validations()
                .nested("hnsw_config", () -> {
                    throw new ValidationException(List.of(new Violation("m", "bad"), new Violation("", "whole")));
                })
                .nested("fine", () -> { })
                .throwIfAny());

        assertThat(e.violations()).containsExactly(
                new Violation("hnsw_config.m", "bad"), new Violation("hnsw_config", "whole"));
    }

    @Test
    void nestedLetsOtherExceptionsThrough() {
        assertThatThrownBy(() -> new Validations().nested("x", () -> {
            throw new BadInputException("not a validation");
        })).isInstanceOf(BadInputException.class).hasMessage("not a validation");
    }

    @Test
    void violationPrintsWithoutAPathWhenItHasNone() {
        assertThat(new Violation("", "broken")).hasToString("broken");
        assertThat(new Violation("a.b", "broken")).hasToString("a.b: broken");
    }

    @Test
    void underPrefixesEveryPathAndKeepsTheOriginal() {
        ValidationException original = new ValidationException(List.of(new Violation("size", "x"), new Violation("", "y")));

        ValidationException moved = original.under("vectors.text");

        assertThat(moved.violations()).containsExactly(
                new Violation("vectors.text.size", "x"), new Violation("vectors.text", "y"));
        assertThat(moved.getMessage()).isEqualTo("vectors.text.size: x\nvectors.text: y");
        assertThat(original.violations().getFirst().path()).isEqualTo("size");
    }

    @Test
    void violationsAreACopy() {
        List<Violation> list = new ArrayList<>(List.of(new Violation("a", "b")));
        ValidationException e = new ValidationException(list);
        list.clear();

        assertThat(e.violations()).hasSize(1);
        assertThatThrownBy(() -> e.violations().add(new Violation("c", "d")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
