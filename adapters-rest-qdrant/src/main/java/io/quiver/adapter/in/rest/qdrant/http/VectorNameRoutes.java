package io.quiver.adapter.in.rest.qdrant.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quiver.adapter.in.rest.qdrant.mapping.PointsMapper;
import io.quiver.application.port.in.ManageVectorNamesUseCase;
import io.quiver.application.port.in.ManageVectorNamesUseCase.VectorSpace;
import io.quiver.domain.collection.CollectionConfigReader;
import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.payload.TreeReader;
import io.quiver.domain.update.UpdateResult;

/** {@code /collections/{name}/vectors/{vector_name}}: add or remove a named vector space at runtime. */
public final class VectorNameRoutes implements HttpService {

    private final ManageVectorNamesUseCase vectorNames;

    public VectorNameRoutes(ManageVectorNamesUseCase vectorNames) {
        this.vectorNames = vectorNames;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put("/collections/{collection_name}/vectors/{vector_name}", this::create)
                .delete("/collections/{collection_name}/vectors/{vector_name}", this::delete);
    }

    private void create(ServerRequest req, ServerResponse res) {
        boolean wait = Requests.flag(req, "wait").orElse(false);
        TreeReader r = TreeReader.of(Requests.jsonObject(req), "");
        VectorSpace space;
        if (r.has("dense")) {
            space = new VectorSpace(CollectionConfigReader.vectorParams(r.child("dense")), null);
        } else if (r.has("sparse")) {
            space = new VectorSpace(null, CollectionConfigReader.sparseParams(r.child("sparse")));
        } else {
            throw new MalformedInputException("expected `dense` or `sparse`");
        }
        UpdateResult result = vectorNames.createVectorName(Requests.path(req, "collection_name"),
                Requests.path(req, "vector_name"), space, wait);
        Envelope.ok(req, res, g -> PointsMapper.writeUpdateResult(g, result));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        boolean wait = Requests.flag(req, "wait").orElse(false);
        UpdateResult result = vectorNames.deleteVectorName(Requests.path(req, "collection_name"),
                Requests.path(req, "vector_name"), wait);
        Envelope.ok(req, res, g -> PointsMapper.writeUpdateResult(g, result));
    }
}
