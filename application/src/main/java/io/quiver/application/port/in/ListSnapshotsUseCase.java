package io.quiver.application.port.in;

import io.quiver.domain.snapshot.SnapshotDescription;
import java.util.List;

/** Lists the snapshots kept in the snapshots folder, in name order. */
public interface ListSnapshotsUseCase {

    /** The snapshots of a collection (which must exist; an alias names its collection). */
    List<SnapshotDescription> list(String collectionOrAlias);

    /** The full-storage snapshots. */
    List<SnapshotDescription> listFull();
}
