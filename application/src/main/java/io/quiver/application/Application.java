package io.quiver.application;

import io.quiver.application.port.in.CreateCollectionUseCase;
import io.quiver.application.port.in.DeleteCollectionUseCase;
import io.quiver.application.port.in.GetCollectionInfoUseCase;
import io.quiver.application.port.in.ListAliasesUseCase;
import io.quiver.application.port.in.ListCollectionsUseCase;
import io.quiver.application.port.in.UpdateAliasesUseCase;
import io.quiver.application.port.in.UpdateCollectionUseCase;
import io.quiver.application.port.out.CollectionCatalogPort;

/**
 * The application core as a set of use cases, built over the outbound ports the caller supplies.
 * The composition root builds it with {@code UseCaseFactory}; adapters receive the use cases they need.
 */
public record Application(CreateCollectionUseCase createCollection,
                          GetCollectionInfoUseCase getCollectionInfo,
                          ListCollectionsUseCase listCollections,
                          UpdateCollectionUseCase updateCollection,
                          DeleteCollectionUseCase deleteCollection,
                          UpdateAliasesUseCase updateAliases,
                          ListAliasesUseCase listAliases) {

    /** The outbound ports the core needs. */
    public record Ports(CollectionCatalogPort catalog) {
    }
}
