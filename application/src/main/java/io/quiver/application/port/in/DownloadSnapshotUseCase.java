package io.quiver.application.port.in;

import java.io.InputStream;
import java.util.Objects;

/** Opens a stored snapshot file for reading, to stream it to a client. Unknown names are not found. */
public interface DownloadSnapshotUseCase {

    /** An open snapshot file: the caller reads {@code content} to the end and closes it. */
    record SnapshotDownload(String name, long size, InputStream content) implements AutoCloseable {
        public SnapshotDownload {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public void close() {
            try {
                content.close();
            } catch (java.io.IOException e) {
                // a file opened for reading: nothing was written, nothing to lose
            }
        }
    }

    SnapshotDownload open(String collectionOrAlias, String snapshotName);

    SnapshotDownload openFull(String snapshotName);
}
