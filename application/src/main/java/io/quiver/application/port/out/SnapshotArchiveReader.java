package io.quiver.application.port.out;

import io.quiver.application.port.out.SnapshotArchivePort.CollectionSection;
import io.quiver.application.port.out.SnapshotArchivePort.Header;
import io.quiver.domain.point.Point;

/**
 * Reads one archive front to back. Every method fails with a bad-request error when the archive is
 * damaged: truncated, altered, or not an archive of this format.
 */
public interface SnapshotArchiveReader {

    Header header();

    /** The next collection (skipping what is left of the current one), or null after the last. */
    CollectionSection nextCollection();

    /**
     * The next point of the current collection in id order, or null after its last; the reader checks
     * that ids ascend and that the count matches the section's.
     */
    Point nextPoint();
}
