package io.quiver.domain.error;

/**
 * The one family of failures the core raises. Each kind carries a plain description and no transport
 * vocabulary; the inbound adapter decides how a kind is shown to a client.
 */
public abstract sealed class QuiverException extends RuntimeException
        permits MalformedInputException, NotFoundException, AlreadyExistsException, BadInputException, BadRequestException,
                ValidationException, ForbiddenException, UnauthorizedException, TimeoutException,
                PreconditionFailedException, StandaloneModeException, ChecksumMismatchException, InternalException {

    private final String description;

    protected QuiverException(String description) {
        super(description);
        this.description = description;
    }

    protected QuiverException(String description, Throwable cause) {
        super(description, cause);
        this.description = description;
    }

    public String description() {
        return description;
    }
}
