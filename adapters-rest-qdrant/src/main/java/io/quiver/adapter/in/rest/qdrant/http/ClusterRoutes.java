package io.quiver.adapter.in.rest.qdrant.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quiver.application.port.in.GetCollectionInfoUseCase;
import io.quiver.domain.collection.CollectionInfo;
import io.quiver.domain.error.StandaloneModeException;

/** Cluster endpoints as a standalone (single-node) Qdrant answers them. */
public final class ClusterRoutes implements HttpService {

    private static final String STANDALONE =
            "Cluster operations are not available: this node runs in standalone mode (distributed mode is disabled)";

    private final GetCollectionInfoUseCase getCollectionInfo;
    private final ServerIdentity identity;

    public ClusterRoutes(GetCollectionInfoUseCase getCollectionInfo, ServerIdentity identity) {
        this.getCollectionInfo = getCollectionInfo;
        this.identity = identity;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/cluster", (req, res) -> Envelope.ok(req, res, g -> {
                    g.writeStartObject();
                    g.writeStringField("status", "disabled");
                    g.writeEndObject();
                }))
                .post("/cluster/recover", this::standalone)
                .delete("/cluster/peer/{peer_id}", this::standalone)
                .get("/cluster/telemetry", this::standalone)
                .get("/collections/{collection_name}/cluster", this::collectionCluster)
                .post("/collections/{collection_name}/cluster", this::standalone);
    }

    private void standalone(ServerRequest req, ServerResponse res) {
        throw new StandaloneModeException(STANDALONE);
    }

    /** One local shard holding every point, as a single-node Qdrant reports it. */
    private void collectionCluster(ServerRequest req, ServerResponse res) {
        CollectionInfo info = getCollectionInfo.get(Requests.path(req, "collection_name"));
        Envelope.ok(req, res, g -> {
            g.writeStartObject();
            g.writeNumberField("peer_id", identity.peerId());
            g.writeNumberField("shard_count", 1);
            g.writeArrayFieldStart("local_shards");
            g.writeStartObject();
            g.writeNumberField("shard_id", 0);
            g.writeNumberField("points_count", info.pointsCount());
            g.writeStringField("state", "Active");
            g.writeEndObject();
            g.writeEndArray();
            g.writeArrayFieldStart("remote_shards");
            g.writeEndArray();
            g.writeArrayFieldStart("shard_transfers");
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
