package io.quiver.application.port.out;

import java.io.InputStream;

/** A snapshot ready to be recovered from; {@link #close} deletes whatever was downloaded or received for it. */
public interface StagedSnapshot extends AutoCloseable {

    /** The SHA-256 of the whole file, in lower-case hex. */
    String sha256();

    /** The file's content from the start; the caller closes it. */
    InputStream open();

    @Override
    void close();
}
