package io.quiver.adapter.in.rest.qdrant.error;

/** A request body exceeded {@code service.max_request_size_mb}. */
public final class PayloadTooLargeException extends RuntimeException {

    private final int limitMb;

    public PayloadTooLargeException(int limitMb) {
        super("Payload too large: the request body exceeds the limit of " + limitMb + " MB ("
                + (long) limitMb * 1024 * 1024 + " bytes); raise service.max_request_size_mb"
                + " (QDRANT__SERVICE__MAX_REQUEST_SIZE_MB) to accept larger requests");
        this.limitMb = limitMb;
    }

    public int limitMb() {
        return limitMb;
    }
}
