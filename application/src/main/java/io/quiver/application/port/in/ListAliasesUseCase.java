package io.quiver.application.port.in;

import io.quiver.domain.collection.Alias;
import java.util.List;

/** Lists aliases, all of them or those of one collection. */
public interface ListAliasesUseCase {
    List<Alias> listAll();

    /** The aliases pointing at exactly this collection name (none for unknown names). */
    List<Alias> listFor(String collectionName);
}
