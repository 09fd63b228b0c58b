package io.quiver.application.port.in;

import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.update.UpdateResult;
import java.util.Objects;

/**
 * Creates and drops payload indexes. A new index is built over every stored point before the call
 * returns, and is kept current by every later write.
 */
public interface ManagePayloadIndexesUseCase {

    record CreateFieldIndexCommand(String collection, PayloadFieldSchema schema, boolean waitForResult) {
        public CreateFieldIndexCommand {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(schema, "schema");
        }
    }

    UpdateResult createIndex(CreateFieldIndexCommand command);

    UpdateResult deleteIndex(String collection, String fieldName, boolean waitForResult);
}
