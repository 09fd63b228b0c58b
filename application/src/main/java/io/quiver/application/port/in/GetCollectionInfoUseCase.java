package io.quiver.application.port.in;

import io.quiver.domain.collection.CollectionInfo;

/** Describes a collection (addressed by name or alias): status, counts, configuration, payload schema. */
public interface GetCollectionInfoUseCase {
    CollectionInfo get(String collectionOrAlias);
}
