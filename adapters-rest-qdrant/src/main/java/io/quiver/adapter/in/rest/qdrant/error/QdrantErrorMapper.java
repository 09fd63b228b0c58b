package io.quiver.adapter.in.rest.qdrant.error;

import io.quiver.adapter.in.rest.qdrant.mapping.InvalidPathParameterException;
import io.quiver.adapter.in.rest.qdrant.mapping.MalformedJsonException;
import io.quiver.domain.error.AlreadyExistsException;
import io.quiver.domain.error.BadInputException;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.error.ChecksumMismatchException;
import io.quiver.domain.error.ForbiddenException;
import io.quiver.domain.error.InternalException;
import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.error.NotFoundException;
import io.quiver.domain.error.PreconditionFailedException;
import io.quiver.domain.error.QuiverException;
import io.quiver.domain.error.StandaloneModeException;
import io.quiver.domain.error.TimeoutException;
import io.quiver.domain.error.UnauthorizedException;
import io.quiver.domain.error.ValidationException;
import java.util.stream.Collectors;

/**
 * The one place where a failure becomes an HTTP status and Qdrant's error wording. Nothing else in
 * Quiver knows which status a kind of failure has.
 */
public final class QdrantErrorMapper {

    private QdrantErrorMapper() {
    }

    public static ApiError map(Throwable t) {
        return switch (t) {
            case QuiverException q -> domain(q);
            case MalformedJsonException m -> new ApiError(400, "Format error in JSON body: " + m.getMessage());
            case InvalidPathParameterException p ->
                    new ApiError(422, "Validation error in path parameters: " + list(p.violation()));
            case InvalidQueryParameterException q -> new ApiError(400, "Query deserialize error: " + q.getMessage());
            case PayloadTooLargeException p -> new ApiError(413, p.getMessage());
            default -> new ApiError(500, "Service internal error: " + describeUnexpected(t));
        };
    }

    private static ApiError domain(QuiverException q) {
        return switch (q) {
            case MalformedInputException m -> new ApiError(400, "Format error in JSON body: " + m.description());
            case ValidationException v -> new ApiError(422, "Validation error in JSON body: " + list(v));
            case NotFoundException n -> new ApiError(404, "Not found: " + n.description());
            case AlreadyExistsException a -> new ApiError(409, "Wrong input: " + a.description());
            case BadInputException b -> new ApiError(400, "Wrong input: " + b.description());
            case BadRequestException b -> new ApiError(400, "Bad request: " + b.description());
            case UnauthorizedException u -> new ApiError(401, u.description());
            case ForbiddenException f -> new ApiError(403, "Forbidden: " + f.description());
            case TimeoutException x -> new ApiError(408, "Timeout: " + x.description());
            case PreconditionFailedException p -> new ApiError(412, "Pre-condition failure: " + p.description());
            case StandaloneModeException s -> new ApiError(405, s.description());
            case ChecksumMismatchException c ->
                    new ApiError(400, "Checksum mismatch: expected " + c.expected() + ", actual " + c.actual());
            case InternalException i -> new ApiError(500, "Service internal error: " + i.description());
        };
    }

    private static String list(ValidationException v) {
        return v.violations().stream().map(ValidationException.Violation::toString)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String describeUnexpected(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
