package io.quiver.domain.update;

/** How an upsert treats ids: insert or replace; only insert new ids; only replace existing ones. */
public enum UpdateMode {
    UPSERT("upsert"), INSERT_ONLY("insert_only"), UPDATE_ONLY("update_only");

    private final String label;

    UpdateMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
