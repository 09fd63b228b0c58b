package io.quiver.application.port.in;

import java.util.List;

/** Names every collection, and answers whether one exists (by name or alias). */
public interface ListCollectionsUseCase {
    List<String> list();

    boolean exists(String collectionOrAlias);
}
