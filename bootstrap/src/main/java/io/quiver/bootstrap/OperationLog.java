package io.quiver.bootstrap;

import io.quiver.application.port.in.CreateCollectionUseCase;
import io.quiver.application.port.in.CreateSnapshotUseCase;
import io.quiver.application.port.in.DeleteSnapshotUseCase;
import io.quiver.application.port.in.RecoverSnapshotUseCase;
import io.quiver.domain.snapshot.SnapshotDescription;
import java.io.OutputStream;
import java.util.function.Consumer;
import java.util.function.Supplier;
import io.quiver.application.port.in.DeleteCollectionUseCase;
import io.quiver.application.port.in.ManagePayloadIndexesUseCase;
import io.quiver.domain.update.UpdateResult;
import java.util.logging.Logger;

/**
 * One structured line ({@code event=… key=value …}) for each change to the shape of the data: a
 * collection created or deleted, a payload index created or deleted, a snapshot created, deleted or
 * recovered from. The core does no logging, so the
 * composition root wraps the use cases that make these changes.
 */
final class OperationLog {

    private static final Logger LOG = Logger.getLogger("io.quiver.operations");

    private OperationLog() {
    }

    static CreateCollectionUseCase logged(CreateCollectionUseCase inner) {
        return command -> {
            boolean created = inner.create(command);
            if (created) {
                LOG.info(() -> "event=collection_created collection=" + quote(command.name().value()));
            }
            return created;
        };
    }

    static DeleteCollectionUseCase logged(DeleteCollectionUseCase inner) {
        return name -> {
            boolean deleted = inner.delete(name);
            if (deleted) {
                LOG.info(() -> "event=collection_deleted collection=" + quote(name));
            }
            return deleted;
        };
    }

    static ManagePayloadIndexesUseCase logged(ManagePayloadIndexesUseCase inner) {
        return new ManagePayloadIndexesUseCase() {
            @Override
            public UpdateResult createIndex(CreateFieldIndexCommand command) {
                UpdateResult result = inner.createIndex(command);
                LOG.info(() -> "event=index_created collection=" + quote(command.collection()) + " field="
                        + quote(command.schema().fieldName()) + " type=" + command.schema().type().label()
                        + " status=" + result.status().label());
                return result;
            }

            @Override
            public UpdateResult deleteIndex(String collection, String fieldName, boolean waitForResult) {
                UpdateResult result = inner.deleteIndex(collection, fieldName, waitForResult);
                LOG.info(() -> "event=index_deleted collection=" + quote(collection) + " field=" + quote(fieldName)
                        + " status=" + result.status().label());
                return result;
            }
        };
    }

    static CreateSnapshotUseCase logged(CreateSnapshotUseCase inner) {
        return new CreateSnapshotUseCase() {
            @Override
            public Supplier<SnapshotDescription> create(String collectionOrAlias) {
                return created(inner.create(collectionOrAlias), "collection=" + quote(collectionOrAlias));
            }

            @Override
            public Supplier<SnapshotDescription> createFull() {
                return created(inner.createFull(), "kind=full");
            }

            @Override
            public Consumer<OutputStream> stream(String collectionOrAlias) {
                return inner.stream(collectionOrAlias);
            }
        };
    }

    private static Supplier<SnapshotDescription> created(Supplier<SnapshotDescription> job, String what) {
        return () -> {
            SnapshotDescription d = job.get();
            LOG.info(() -> "event=snapshot_created " + what + " snapshot=" + quote(d.name()) + " bytes=" + d.size());
            return d;
        };
    }

    static DeleteSnapshotUseCase logged(DeleteSnapshotUseCase inner) {
        return new DeleteSnapshotUseCase() {
            @Override
            public Supplier<Boolean> delete(String collectionOrAlias, String snapshotName) {
                return deleted(inner.delete(collectionOrAlias, snapshotName),
                        "collection=" + quote(collectionOrAlias) + " snapshot=" + quote(snapshotName));
            }

            @Override
            public Supplier<Boolean> deleteFull(String snapshotName) {
                return deleted(inner.deleteFull(snapshotName), "kind=full snapshot=" + quote(snapshotName));
            }
        };
    }

    private static Supplier<Boolean> deleted(Supplier<Boolean> job, String what) {
        return () -> {
            boolean deleted = job.get();
            LOG.info(() -> "event=snapshot_deleted " + what);
            return deleted;
        };
    }

    static RecoverSnapshotUseCase logged(RecoverSnapshotUseCase inner) {
        return command -> {
            Supplier<Boolean> job = inner.recover(command);
            String source = switch (command.source()) {
                case RecoverSnapshotUseCase.Source.Upload u -> "upload";
                case RecoverSnapshotUseCase.Source.Location l -> l.uri().regionMatches(true, 0, "file:", 0, 5)
                        ? "file" : "url";
            };
            return () -> {
                boolean recovered = job.get();
                LOG.info(() -> "event=snapshot_recovered collection=" + quote(command.collection().value())
                        + " source=" + source);
                return recovered;
            };
        };
    }

    /** A value as a double-quoted string, so names with spaces or quotes stay one field. */
    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
