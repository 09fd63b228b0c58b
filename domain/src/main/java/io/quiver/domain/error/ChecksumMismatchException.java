package io.quiver.domain.error;

/** Data did not have the checksum the caller said it must have (a snapshot being recovered, say). */
public final class ChecksumMismatchException extends QuiverException {

    private final String expected;
    private final String actual;

    public ChecksumMismatchException(String expected, String actual) {
        super("expected " + expected + ", actual " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
