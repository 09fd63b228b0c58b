package io.quiver.domain.update;

/** The outcome of one write: its operation id and whether the caller waited for it to be applied. */
public record UpdateResult(long operationId, Status status) {

    public enum Status {
        ACKNOWLEDGED("acknowledged"), COMPLETED("completed"), WAIT_TIMEOUT("wait_timeout");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
