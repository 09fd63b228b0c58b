package io.quiver.application.port.out;

import io.quiver.application.port.out.SnapshotArchivePort.CollectionSection;
import io.quiver.domain.point.Point;

/**
 * Writes one archive: for each collection {@link #beginCollection} and then exactly
 * {@link CollectionSection#pointsCount()} points in id order; {@link #finish} completes the archive.
 */
public interface SnapshotArchiveWriter {

    void beginCollection(CollectionSection section);

    void point(Point point);

    /** Ends the archive; the stream it was written to is flushed, not closed. */
    void finish();
}
