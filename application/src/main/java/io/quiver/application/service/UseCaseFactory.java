package io.quiver.application.service;

import io.quiver.application.Application;

/** Builds the services over one shared registry; the only public door into this package. */
public final class UseCaseFactory {

    private UseCaseFactory() {
    }

    public static Application create(Application.Ports ports) {
        CollectionRegistry registry = new CollectionRegistry(ports.catalog());
        return new Application(
                new CreateCollectionService(registry),
                new GetCollectionInfoService(registry),
                new ListCollectionsService(registry),
                new UpdateCollectionService(registry),
                new DeleteCollectionService(registry),
                new UpdateAliasesService(registry),
                new ListAliasesService(registry));
    }
}
