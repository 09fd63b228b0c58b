package io.quiver.application.port.in;

import io.quiver.domain.collection.AliasOperation;
import java.util.List;
import java.util.Objects;

/** Applies a list of alias operations atomically: all of them or none. */
public interface UpdateAliasesUseCase {

    record UpdateAliasesCommand(List<AliasOperation> operations) {
        public UpdateAliasesCommand {
            operations = List.copyOf(Objects.requireNonNull(operations, "operations"));
        }
    }

    boolean apply(UpdateAliasesCommand command);
}
