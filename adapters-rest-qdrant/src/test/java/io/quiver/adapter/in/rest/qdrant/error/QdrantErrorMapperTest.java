package io.quiver.adapter.in.rest.qdrant.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.quiver.adapter.in.rest.qdrant.mapping.InvalidPathParameterException;
import io.quiver.adapter.in.rest.qdrant.mapping.MalformedJsonException;
import io.quiver.domain.error.AlreadyExistsException;
import io.quiver.domain.error.BadInputException;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.error.ForbiddenException;
import io.quiver.domain.error.ChecksumMismatchException;
import io.quiver.domain.error.InternalException;
import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.error.NotFoundException;
import io.quiver.domain.error.PreconditionFailedException;
import io.quiver.domain.error.QuiverException;
import io.quiver.domain.error.StandaloneModeException;
import io.quiver.domain.error.TimeoutException;
import io.quiver.domain.error.UnauthorizedException;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.error.ValidationException.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QdrantErrorMapperTest {

    private static final String D = "Collection `books` doesn't exist!";

    /** Every kind of the domain's failure family, with the status and exact message a client must see. */
    static Stream<Arguments> domainKinds() {
        return Stream.of(
                arguments(new MalformedInputException("vectors.size: invalid type: string \"4\", expected u64"), 400,
                        "Format error in JSON body: vectors.size: invalid type: string \"4\", expected u64"),
                arguments(ValidationException.of("vectors.size", "value 0 invalid, must be from 1 to 65536"), 422,
                        "Validation error in JSON body: [vectors.size: value 0 invalid, must be from 1 to 65536]"),
                arguments(new NotFoundException(D), 404, "Not found: " + D),
                arguments(new AlreadyExistsException("Collection `books` already exists!"), 409,
                        "Wrong input: Collection `books` already exists!"),
                arguments(new BadInputException("Not existing vector name error: image"), 400,
                        "Wrong input: Not existing vector name error: image"),
                arguments(new BadRequestException("Index required but not found"), 400,
                        "Bad request: Index required but not found"),
                arguments(new UnauthorizedException("Must provide an API key or an Authorization bearer token"), 401,
                        "Must provide an API key or an Authorization bearer token"),
                arguments(new ForbiddenException("Read-only access"), 403, "Forbidden: Read-only access"),
                arguments(new TimeoutException("Operation 'search' timed out after 1 seconds"), 408,
                        "Timeout: Operation 'search' timed out after 1 seconds"),
                arguments(new PreconditionFailedException("points are being updated"), 412,
                        "Pre-condition failure: points are being updated"),
                arguments(new StandaloneModeException("Distributed mode disabled"), 405, "Distributed mode disabled"),
                arguments(new ChecksumMismatchException("ab12", "cd34"), 400, "Checksum mismatch: expected ab12, actual cd34"),
                arguments(new InternalException("disk full", new IOException("ENOSPC")), 500,
                        "Service internal error: disk full"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("domainKinds")
    void mapsEveryDomainKindToItsStatusAndWording(QuiverException failure, int status, String message) {
        assertThat(QdrantErrorMapper.map(failure)).isEqualTo(new ApiError(status, message));
    }

    @Test
    void theCasesAboveCoverEveryKindOfTheSealedFamily() {
        Set<Class<?>> covered = domainKinds().map(a -> a.get()[0].getClass()).collect(Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrder(QuiverException.class.getPermittedSubclasses());
    }

    @Test
    void allViolationsAreListedInBracketsSeparatedByCommas() {
        ValidationException e = new ValidationException(List.of(
                new Violation("optimizers_config.deleted_threshold", "value 1.5 invalid, must be from 0 to 1"),
                new Violation("", "a rule about the whole body"),
                new Violation("shard_number", "value 0 invalid, must be 1 or larger")));

        assertThat(QdrantErrorMapper.map(e)).isEqualTo(new ApiError(422, "Validation error in JSON body: ["
                + "optimizers_config.deleted_threshold: value 1.5 invalid, must be from 0 to 1, "
                + "a rule about the whole body, shard_number: value 0 invalid, must be 1 or larger]"));
    }

    @Test
    void malformedJsonIsAFormatError() {
        ApiError error = QdrantErrorMapper.map(new MalformedJsonException("EOF while parsing a value at line 1 column 0"));

        assertThat(error).isEqualTo(new ApiError(400, "Format error in JSON body: EOF while parsing a value at line 1 column 0"));
    }

    @Test
    void anInvalidPathParameterIsAPathValidationError() {
        InvalidPathParameterException e = new InvalidPathParameterException(
                ValidationException.of("collection_name", "collection name cannot contain \"/\" char"));

        assertThat(QdrantErrorMapper.map(e)).isEqualTo(new ApiError(422,
                "Validation error in path parameters: [collection_name: collection name cannot contain \"/\" char]"));
    }

    @Test
    void anInvalidQueryParameterIsAQueryDeserializeError() {
        assertThat(QdrantErrorMapper.map(new InvalidQueryParameterException("wait: provided string was not `true` or `false`")))
                .isEqualTo(new ApiError(400, "Query deserialize error: wait: provided string was not `true` or `false`"));
    }

    @Test
    void anythingElseIsAnInternalErrorWithItsMessage() {
        assertThat(QdrantErrorMapper.map(new IllegalStateException("store is closed")))
                .isEqualTo(new ApiError(500, "Service internal error: store is closed"));
        assertThat(QdrantErrorMapper.map(new UncheckedIOException("read failed", new IOException("eof"))))
                .isEqualTo(new ApiError(500, "Service internal error: read failed"));
        assertThat(QdrantErrorMapper.map(new StackOverflowError()))
                .isEqualTo(new ApiError(500, "Service internal error: StackOverflowError"));
    }

    @Test
    void anUnexpectedFailureWithoutAMessageIsNamedByItsClass() {
        assertThat(QdrantErrorMapper.map(new NullPointerException()).message())
                .startsWith("Service internal error: ");
        assertThat(QdrantErrorMapper.map(new IllegalArgumentException("  ")))
                .isEqualTo(new ApiError(500, "Service internal error: IllegalArgumentException"));
        assertThat(QdrantErrorMapper.map(new RuntimeException((String) null)))
                .isEqualTo(new ApiError(500, "Service internal error: RuntimeException"));
    }

    @Test
    void onlyInternalFailuresAreServerErrors() {
        domainKinds().forEach(a -> {
            QuiverException e = (QuiverException) a.get()[0];
            int status = QdrantErrorMapper.map(e).status();
            if (e instanceof InternalException) {
                assertThat(status).isEqualTo(500);
            } else {
                assertThat(status).as(e.getClass().getSimpleName()).isBetween(400, 499);
            }
        });
    }
}
