package io.quiver.adapter.in.rest.qdrant.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quiver.adapter.in.rest.qdrant.mapping.JsonTrees;
import io.quiver.adapter.in.rest.qdrant.mapping.PointsMapper;
import io.quiver.application.port.in.FacetUseCase;
import io.quiver.application.port.in.FacetUseCase.FacetQuery;
import io.quiver.application.port.in.ManagePayloadIndexesUseCase;
import io.quiver.application.port.in.ManagePayloadIndexesUseCase.CreateFieldIndexCommand;
import io.quiver.domain.index.PayloadFieldSchemaReader;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.IntegerValue;
import io.quiver.domain.payload.TreeReader;
import io.quiver.domain.update.UpdateResult;

/** Payload index management ({@code /collections/{name}/index}) and facet counts. */
public final class IndexRoutes implements HttpService {

    private final ManagePayloadIndexesUseCase indexes;
    private final FacetUseCase facet;

    public IndexRoutes(ManagePayloadIndexesUseCase indexes, FacetUseCase facet) {
        this.indexes = indexes;
        this.facet = facet;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put("/collections/{collection_name}/index", this::create)
                .delete("/collections/{collection_name}/index/{field_name}", this::delete)
                .post("/collections/{collection_name}/facet", this::facet);
    }

    private void create(ServerRequest req, ServerResponse res) {
        boolean wait = Requests.flag(req, "wait").orElse(false);
        Requests.unsigned(req, "timeout");
        TreeReader r = TreeReader.of(Requests.jsonObject(req), "");
        String field = r.reqString("field_name");
        PayloadValue schema = r.raw("field_schema");
        if (schema == null) {
            throw new io.quiver.domain.error.BadRequestException("field_schema is required: name the index type, e.g."
                    + " \"keyword\", or give its parameters");
        }
        UpdateResult result = indexes.createIndex(new CreateFieldIndexCommand(Requests.path(req, "collection_name"),
                PayloadFieldSchemaReader.read(field, schema, "field_schema"), wait));
        Envelope.ok(req, res, g -> PointsMapper.writeUpdateResult(g, result));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        boolean wait = Requests.flag(req, "wait").orElse(false);
        Requests.unsigned(req, "timeout");
        UpdateResult result = indexes.deleteIndex(Requests.path(req, "collection_name"),
                Requests.path(req, "field_name"), wait);
        Envelope.ok(req, res, g -> PointsMapper.writeUpdateResult(g, result));
    }

    private void facet(ServerRequest req, ServerResponse res) {
        TreeReader r = TreeReader.of(Requests.jsonObject(req), "");
        PayloadValue limit = r.raw("limit");
        int n = 10;
        if (limit != null) {
            if (!(limit instanceof IntegerValue i) || i.value() < 0) {
                throw TreeReader.mismatch("limit", limit, "usize");
            }
            n = (int) Math.min(i.value(), Integer.MAX_VALUE);
        }
        Boolean exact = r.optBool("exact");
        var hits = facet.facet(new FacetQuery(Requests.path(req, "collection_name"), r.reqString("key"), n,
                PointsMapper.filter(r, "filter"), exact != null && exact));
        Envelope.ok(req, res, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("hits");
            for (var hit : hits) {
                g.writeStartObject();
                g.writeFieldName("value");
                JsonTrees.write(g, hit.value());
                g.writeNumberField("count", hit.count());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
