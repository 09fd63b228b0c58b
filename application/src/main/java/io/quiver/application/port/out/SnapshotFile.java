package io.quiver.application.port.out;

import io.quiver.domain.snapshot.SnapshotDescription;
import java.io.OutputStream;

/**
 * A snapshot file being written. It stays invisible until {@link #commit}, which stores its checksum and
 * moves it into place; {@link #abort} throws it away.
 */
public interface SnapshotFile {

    OutputStream out();

    SnapshotDescription commit();

    void abort();
}
