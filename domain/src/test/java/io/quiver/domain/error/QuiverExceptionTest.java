package io.quiver.domain.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class QuiverExceptionTest {

    static Stream<Function<String, QuiverException>> kinds() {
        return Stream.of(MalformedInputException::new, NotFoundException::new, AlreadyExistsException::new,
                BadInputException::new, BadRequestException::new, ForbiddenException::new,
                UnauthorizedException::new, TimeoutException::new, PreconditionFailedException::new,
                StandaloneModeException::new, InternalException::new);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyKindCarriesItsDescriptionAsMessageAndIsUnchecked(Function<String, QuiverException> kind) {
        QuiverException e = kind.apply("Collection `x` doesn't exist!");

        assertThat(e.description()).isEqualTo("Collection `x` doesn't exist!");
        assertThat(e.getMessage()).isEqualTo("Collection `x` doesn't exist!");
        assertThat(e).isInstanceOf(RuntimeException.class);
    }

    @Test
    void theFamilyIsClosed() {
        assertThat(QuiverException.class.isSealed()).isTrue();
        assertThat(Stream.of(QuiverException.class.getPermittedSubclasses()).map(Class::getSimpleName))
                .containsExactlyInAnyOrder("MalformedInputException", "NotFoundException", "AlreadyExistsException",
                        "BadInputException", "BadRequestException", "ValidationException", "ForbiddenException",
                        "UnauthorizedException", "TimeoutException", "PreconditionFailedException",
                        "StandaloneModeException", "ChecksumMismatchException", "InternalException");
    }

    @Test
    void aChecksumMismatchNamesBothSums() {
        ChecksumMismatchException e = new ChecksumMismatchException("aa", "bb");

        assertThat(e.expected()).isEqualTo("aa");
        assertThat(e.actual()).isEqualTo("bb");
        assertThat(e.description()).isEqualTo("expected aa, actual bb");
    }

    @Test
    void internalKeepsItsCause() {
        IOException cause = new IOException("disk full");

        InternalException e = new InternalException("cannot write", cause);

        assertThat(e.getCause()).isSameAs(cause);
        assertThat(e.description()).isEqualTo("cannot write");
    }

    @Test
    void validationOfOneViolation() {
        ValidationException e = ValidationException.of("limit", "value 0 invalid, must be 1 or larger");

        assertThat(e.description()).isEqualTo("limit: value 0 invalid, must be 1 or larger");
        assertThat(e.violations()).isEqualTo(List.of(
                new ValidationException.Violation("limit", "value 0 invalid, must be 1 or larger")));
    }
}
