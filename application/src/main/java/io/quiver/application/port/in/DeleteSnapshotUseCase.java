package io.quiver.application.port.in;

import java.util.function.Supplier;

/**
 * Deletes a stored snapshot (and its checksum file). The snapshot must exist: that is checked at once;
 * the returned work deletes it, now or in the background.
 */
public interface DeleteSnapshotUseCase {

    Supplier<Boolean> delete(String collectionOrAlias, String snapshotName);

    Supplier<Boolean> deleteFull(String snapshotName);
}
