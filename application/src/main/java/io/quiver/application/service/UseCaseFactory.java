package io.quiver.application.service;

import io.quiver.application.Application;
import io.quiver.domain.query.Similarity;
import io.quiver.domain.update.PointPreparation;
import io.quiver.domain.vector.Scoring;

/** Builds the services over one shared registry; the only public door into this package. */
public final class UseCaseFactory {

    private UseCaseFactory() {
    }

    public static Application create(Application.Ports ports) {
        CollectionRegistry registry = new CollectionRegistry(ports.catalog(), ports.pointStores(),
                ports.payloadIndexes(), new VectorIndexes(ports.vectorIndexes()),
                new SparseIndexes(ports.sparseIndexes()));
        Scoring scoring = new Scoring(ports.vectorMath());
        Snapshots snapshots = new Snapshots(ports.snapshotArchives(), ports.snapshotStorage());
        OperationPlanner planner = new OperationPlanner(new PointPreparation(scoring));
        QueryEngine engine = new QueryEngine(new QueryVectors(registry), new Similarity(ports.vectorMath()));
        return new Application(
                new CreateCollectionService(registry),
                new GetCollectionInfoService(registry),
                new ListCollectionsService(registry),
                new UpdateCollectionService(registry),
                new DeleteCollectionService(registry),
                new UpdateAliasesService(registry),
                new ListAliasesService(registry),
                new UpdatePointsService(registry, planner),
                new RetrievePointsService(registry),
                new ScrollPointsService(registry),
                new CountPointsService(registry),
                new PayloadIndexService(registry),
                new FacetService(registry),
                new VectorNameService(registry),
                new QueryPointsService(registry, engine),
                new GroupPointsService(registry, engine),
                new SearchMatrixService(registry, engine),
                new CreateSnapshotService(registry, snapshots),
                new ListSnapshotsService(registry, snapshots),
                new DownloadSnapshotService(registry, snapshots),
                new DeleteSnapshotService(registry, snapshots),
                new RecoverSnapshotService(registry, snapshots),
                registry::close);
    }
}
