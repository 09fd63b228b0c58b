package io.quiver.adapter.in.rest.qdrant;

import io.helidon.http.HttpException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.quiver.adapter.in.rest.qdrant.error.ApiError;
import io.quiver.adapter.in.rest.qdrant.error.QdrantErrorMapper;
import io.quiver.adapter.in.rest.qdrant.http.AliasesRoutes;
import io.quiver.adapter.in.rest.qdrant.http.ClusterRoutes;
import io.quiver.adapter.in.rest.qdrant.http.CollectionsRoutes;
import io.quiver.adapter.in.rest.qdrant.http.Envelope;
import io.quiver.adapter.in.rest.qdrant.http.RequestTiming;
import io.quiver.adapter.in.rest.qdrant.http.ServerIdentity;
import io.quiver.adapter.in.rest.qdrant.http.ServiceRoutes;
import io.quiver.adapter.in.rest.qdrant.http.TrailingSlashFilter;
import io.quiver.adapter.in.rest.qdrant.http.ApiKeyFilter;
import io.quiver.adapter.in.rest.qdrant.http.CorsFilter;
import io.quiver.adapter.in.rest.qdrant.http.OptimizationsRoutes;
import io.quiver.adapter.in.rest.qdrant.observe.ObserveRoutes;
import io.quiver.adapter.in.rest.qdrant.observe.RequestMetrics;
import io.quiver.adapter.in.rest.qdrant.observe.RequestStatistics;
import io.quiver.application.port.in.CreateCollectionUseCase;
import io.quiver.application.port.in.DeleteCollectionUseCase;
import io.quiver.application.port.in.GetCollectionInfoUseCase;
import io.quiver.application.port.in.ListAliasesUseCase;
import io.quiver.application.port.in.ListCollectionsUseCase;
import io.quiver.application.port.in.UpdateAliasesUseCase;
import io.quiver.application.port.in.UpdateCollectionUseCase;
import io.quiver.application.port.in.UpdatePointsUseCase;
import io.quiver.application.port.in.RetrievePointsUseCase;
import io.quiver.application.port.in.ScrollPointsUseCase;
import io.quiver.application.port.in.CountPointsUseCase;
import io.quiver.application.port.in.QueryPointsUseCase;
import io.quiver.application.port.in.GroupPointsUseCase;
import io.quiver.application.port.in.SearchMatrixUseCase;
import io.quiver.application.port.in.ManagePayloadIndexesUseCase;
import io.quiver.application.port.in.FacetUseCase;
import io.quiver.application.port.in.ManageVectorNamesUseCase;
import io.quiver.adapter.in.rest.qdrant.http.VectorNameRoutes;
import io.quiver.adapter.in.rest.qdrant.http.IndexRoutes;
import io.quiver.adapter.in.rest.qdrant.http.SearchRoutes;
import io.quiver.adapter.in.rest.qdrant.http.RecommendRoutes;
import io.quiver.adapter.in.rest.qdrant.http.GroupsRoutes;
import io.quiver.adapter.in.rest.qdrant.http.MatrixRoutes;
import io.quiver.adapter.in.rest.qdrant.http.PointsRoutes;
import io.quiver.adapter.in.rest.qdrant.http.SnapshotsRoutes;
import io.quiver.application.port.in.CreateSnapshotUseCase;
import io.quiver.application.port.in.DeleteSnapshotUseCase;
import io.quiver.application.port.in.DownloadSnapshotUseCase;
import io.quiver.application.port.in.ListSnapshotsUseCase;
import io.quiver.application.port.in.RecoverSnapshotUseCase;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Qdrant's REST API over the application's use cases: every route, the request timer and the error
 * handlers, registered on a Helidon routing.
 */
public final class QdrantRestApi {

    private static final Logger LOG = Logger.getLogger(QdrantRestApi.class.getName());

    /** The use cases the REST API drives. */
    public record UseCases(CreateCollectionUseCase createCollection,
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
                           RecoverSnapshotUseCase recoverSnapshot) {
    }

    private final UseCases useCases;
    private final ServerIdentity identity;
    private final RestSettings settings;
    private final RequestStatistics statistics = new RequestStatistics();

    public QdrantRestApi(UseCases useCases, ServerIdentity identity) {
        this(useCases, identity, RestSettings.defaults());
    }

    /** With HTTP-level settings: API keys, CORS, the slow-request threshold (see {@link QdrantTransport}). */
    public QdrantRestApi(UseCases useCases, ServerIdentity identity, RestSettings settings) {
        this.useCases = useCases;
        this.identity = identity;
        this.settings = settings;
    }

    public void register(HttpRouting.Builder routing) {
        routing.addFilter(new RequestTiming());
        routing.addFilter(new RequestMetrics(statistics, settings.slowRequestThreshold()));
        if (settings.enableCors()) {
            routing.addFilter(new CorsFilter());
        }
        routing.addFilter(new TrailingSlashFilter());
        if (settings.authEnabled()) {
            routing.addFilter(new ApiKeyFilter(settings.apiKey(), settings.readOnlyApiKey()));
        }
        for (HttpService service : services()) {
            routing.register(service);
        }
        routing.any((req, res) -> Envelope.error(req, res, new ApiError(404,
                "Not found: no route for " + req.prologue().method().text() + " " + req.path().path())));
        routing.error(HttpException.class, (req, res, e) ->
                Envelope.error(req, res, new ApiError(e.status().code(), e.getMessage())));
        routing.error(Throwable.class, (req, res, e) -> {
            ApiError error = QdrantErrorMapper.map(e);
            if (error.status() >= 500) {
                LOG.log(Level.SEVERE, "request " + req.path().path() + " failed", e);
            }
            Envelope.error(req, res, error);
        });
    }

    private List<HttpService> services() {
        return List.of(
                new ServiceRoutes(identity),
                new ObserveRoutes(useCases.listCollections(), useCases.getCollectionInfo(), statistics, identity,
                        settings.startup(), settings.storagePath()),
                new OptimizationsRoutes(useCases.getCollectionInfo()),
                new AliasesRoutes(useCases.updateAliases(), useCases.listAliases()),
                new CollectionsRoutes(useCases.createCollection(), useCases.getCollectionInfo(),
                        useCases.listCollections(), useCases.updateCollection(), useCases.deleteCollection()),
                new ClusterRoutes(useCases.getCollectionInfo(), identity),
                new PointsRoutes(useCases.updatePoints(), useCases.retrievePoints(), useCases.scrollPoints(),
                        useCases.countPoints()),
                new SearchRoutes(useCases.queryPoints()),
                new RecommendRoutes(useCases.queryPoints()),
                new GroupsRoutes(useCases.groupPoints()),
                new MatrixRoutes(useCases.searchMatrix()),
                new IndexRoutes(useCases.payloadIndexes(), useCases.facet()),
                new VectorNameRoutes(useCases.vectorNames()),
                new SnapshotsRoutes(useCases.createSnapshot(), useCases.listSnapshots(), useCases.downloadSnapshot(),
                        useCases.deleteSnapshot(), useCases.recoverSnapshot(), useCases.listCollections()));
    }
}
