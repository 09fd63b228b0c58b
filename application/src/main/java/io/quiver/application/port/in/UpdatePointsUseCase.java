package io.quiver.application.port.in;

import io.quiver.domain.update.UpdateOperation;
import io.quiver.domain.update.UpdateResult;
import java.util.List;
import java.util.Objects;

/**
 * Every change to points — upsert, delete, payload and vector edits — applied in order, each durable
 * before its result is returned. An operation that fails changes nothing; the ones before it stay applied.
 */
public interface UpdatePointsUseCase {

    record UpdatePointsCommand(String collection, List<UpdateOperation> operations, boolean waitForResult) {
        public UpdatePointsCommand {
            Objects.requireNonNull(collection, "collection");
            operations = List.copyOf(operations);
        }
    }

    List<UpdateResult> update(UpdatePointsCommand command);
}
