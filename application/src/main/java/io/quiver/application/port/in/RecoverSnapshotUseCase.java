package io.quiver.application.port.in;

import io.quiver.domain.collection.CollectionName;
import io.quiver.domain.snapshot.SnapshotPriority;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Recovers a collection from a snapshot: a collection snapshot, or one collection of a full-storage
 * snapshot (whose aliases are restored with it). The collection is built apart from the live one and
 * swapped in only when complete: a bad archive, a checksum mismatch or any other failure changes nothing.
 * The vector, sparse and payload indexes are rebuilt from the recovered points.
 *
 * <p>{@link #recover} checks the command and takes in an uploaded file at once (an upload can only be
 * read while its request lasts); the returned work fetches, verifies and recovers, now or in the background.
 */
public interface RecoverSnapshotUseCase {

    /** Where the snapshot comes from. */
    sealed interface Source {
        /** {@code file://} inside the snapshots folder, or an {@code http(s)} URL ({@code apiKey} sent as {@code api-key}). */
        record Location(String uri, String apiKey) implements Source {
            public Location {
                Objects.requireNonNull(uri, "uri");
            }
        }

        /** A file the client uploads; read to the end by {@link #recover}. */
        record Upload(InputStream content) implements Source {
            public Upload {
                Objects.requireNonNull(content, "content");
            }
        }
    }

    /**
     * @param collection the collection to recover into (an alias recovers its collection); created if missing
     * @param checksum   the SHA-256 the snapshot file must have (hex), or null not to check
     * @param priority   accepted as Qdrant does; a single node recovers the same way for each
     */
    record RecoverSnapshotCommand(CollectionName collection, Source source, String checksum, SnapshotPriority priority) {
        public RecoverSnapshotCommand {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(source, "source");
        }
    }

    Supplier<Boolean> recover(RecoverSnapshotCommand command);
}
