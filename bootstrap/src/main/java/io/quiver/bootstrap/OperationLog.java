package io.quiver.bootstrap;

import io.quiver.application.port.in.CreateCollectionUseCase;
import io.quiver.application.port.in.DeleteCollectionUseCase;
import io.quiver.application.port.in.ManagePayloadIndexesUseCase;
import io.quiver.domain.update.UpdateResult;
import java.util.logging.Logger;

/**
 * One structured line ({@code event=… key=value …}) for each change to the shape of the data: a
 * collection created or deleted, a payload index created or deleted. The core does no logging, so the
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

    /** A value as a double-quoted string, so names with spaces or quotes stay one field. */
    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
