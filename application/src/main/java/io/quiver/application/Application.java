package io.quiver.application;

import io.quiver.application.port.in.CountPointsUseCase;
import io.quiver.application.port.in.CreateCollectionUseCase;
import io.quiver.application.port.in.CreateSnapshotUseCase;
import io.quiver.application.port.in.DeleteSnapshotUseCase;
import io.quiver.application.port.in.DownloadSnapshotUseCase;
import io.quiver.application.port.in.ListSnapshotsUseCase;
import io.quiver.application.port.in.RecoverSnapshotUseCase;
import io.quiver.application.port.in.DeleteCollectionUseCase;
import io.quiver.application.port.in.GetCollectionInfoUseCase;
import io.quiver.application.port.in.GroupPointsUseCase;
import io.quiver.application.port.in.ListAliasesUseCase;
import io.quiver.application.port.in.ListCollectionsUseCase;
import io.quiver.application.port.in.RetrievePointsUseCase;
import io.quiver.application.port.in.FacetUseCase;
import io.quiver.application.port.in.ManagePayloadIndexesUseCase;
import io.quiver.application.port.in.ManageVectorNamesUseCase;
import io.quiver.application.port.in.QueryPointsUseCase;
import io.quiver.application.port.in.ScrollPointsUseCase;
import io.quiver.application.port.in.SearchMatrixUseCase;
import io.quiver.application.port.in.UpdateAliasesUseCase;
import io.quiver.application.port.in.UpdateCollectionUseCase;
import io.quiver.application.port.in.UpdatePointsUseCase;
import io.quiver.application.port.out.CollectionCatalogPort;
import io.quiver.application.port.out.PayloadIndexPort;
import io.quiver.application.port.out.PointStorePort;
import io.quiver.application.port.out.SnapshotArchivePort;
import io.quiver.application.port.out.SnapshotStoragePort;
import io.quiver.application.port.out.SparseIndexPort;
import io.quiver.application.port.out.VectorIndexPort;
import io.quiver.domain.vector.VectorMath;

/**
 * The application core as a set of use cases, built over the outbound ports the caller supplies.
 * The composition root builds it with {@code UseCaseFactory}; adapters receive the use cases they need.
 * {@link #close()} releases what the core holds open (point stores) once no request is running.
 */
public record Application(CreateCollectionUseCase createCollection,
                          GetCollectionInfoUseCase getCollectionInfo,
                          ListCollectionsUseCase listCollections,
                          UpdateCollectionUseCase updateCollection,
                          DeleteCollectionUseCase deleteCollection,
                          UpdateAliasesUseCase updateAliases,
                          ListAliasesUseCase listAliases,
                          UpdatePointsUseCase updatePoints,
                          RetrievePointsUseCase retrievePoints,
                          ScrollPointsUseCase scrollPoints,
                          CountPointsUseCase countPoints,
                          ManagePayloadIndexesUseCase payloadIndexes,
                          FacetUseCase facet,
                          ManageVectorNamesUseCase vectorNames,
                          QueryPointsUseCase queryPoints,
                          GroupPointsUseCase groupPoints,
                          SearchMatrixUseCase searchMatrix,
                          CreateSnapshotUseCase createSnapshot,
                          ListSnapshotsUseCase listSnapshots,
                          DownloadSnapshotUseCase downloadSnapshot,
                          DeleteSnapshotUseCase deleteSnapshot,
                          RecoverSnapshotUseCase recoverSnapshot,
                          Runnable shutdown) implements AutoCloseable {

    /**
     * The outbound ports, and the vector kernels the core should score with (the fastest the host offers).
     * {@code sparseIndexes} holds the inverted indexes of sparse vector spaces; {@code snapshotArchives} and
     * {@code snapshotStorage} are the snapshot format and the snapshots folder.
     */
    public record Ports(CollectionCatalogPort catalog, PointStorePort pointStores, PayloadIndexPort payloadIndexes,
                        VectorIndexPort vectorIndexes, VectorMath vectorMath, SparseIndexPort sparseIndexes,
                        SnapshotArchivePort snapshotArchives, SnapshotStoragePort snapshotStorage) {

        /** Without snapshot support: the snapshot use cases then refuse every call. */
        public Ports(CollectionCatalogPort catalog, PointStorePort pointStores, PayloadIndexPort payloadIndexes,
                     VectorIndexPort vectorIndexes, VectorMath vectorMath, SparseIndexPort sparseIndexes) {
            this(catalog, pointStores, payloadIndexes, vectorIndexes, vectorMath, sparseIndexes, null, null);
        }
    }

    @Override
    public void close() {
        shutdown.run();
    }
}
