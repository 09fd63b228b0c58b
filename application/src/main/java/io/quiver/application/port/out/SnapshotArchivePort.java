package io.quiver.application.port.out;

import io.quiver.domain.collection.CollectionConfig;
import io.quiver.domain.index.PayloadFieldSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The snapshot archive format: one self-contained stream holding a header and, per collection, its
 * configuration, payload index definitions, aliases and points (in id order). Writing and reading are
 * both streaming, so neither holds a collection in memory. Nothing in an archive is ever used as a file
 * path; a damaged or hostile archive makes the reader fail with a bad-request error, never more.
 */
public interface SnapshotArchivePort {

    /** What kind of snapshot an archive holds. */
    enum Kind { COLLECTION, FULL }

    /** The archive as a whole: its kind and when it was written. */
    record Header(Kind kind, Instant created) {
        public Header {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(created, "created");
        }
    }

    /**
     * One collection: name, configuration, declared payload indexes, the aliases that named it (full
     * snapshots), how many points follow, and the id of the last operation applied to it.
     */
    record CollectionSection(String name, CollectionConfig config, List<PayloadFieldSchema> payloadIndexes,
                             List<String> aliases, long pointsCount, long lastOperationId) {
        public CollectionSection {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(config, "config");
            payloadIndexes = List.copyOf(payloadIndexes);
            aliases = List.copyOf(aliases);
            if (pointsCount < 0 || lastOperationId < 0) {
                throw new IllegalArgumentException("negative count or operation id");
            }
        }
    }

    /** Starts an archive on {@code out} (left open: the caller owns it) with {@code header}. */
    SnapshotArchiveWriter writer(OutputStream out, Header header);

    /** Opens the archive {@code in} holds (left open: the caller owns it), reading its header. */
    SnapshotArchiveReader reader(InputStream in);
}
