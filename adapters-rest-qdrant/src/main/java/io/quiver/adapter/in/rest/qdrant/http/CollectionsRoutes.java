package io.quiver.adapter.in.rest.qdrant.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quiver.adapter.in.rest.qdrant.mapping.CollectionMapper;
import io.quiver.adapter.in.rest.qdrant.mapping.InvalidPathParameterException;
import io.quiver.application.port.in.CreateCollectionUseCase;
import io.quiver.application.port.in.CreateCollectionUseCase.CreateCollectionCommand;
import io.quiver.application.port.in.DeleteCollectionUseCase;
import io.quiver.application.port.in.GetCollectionInfoUseCase;
import io.quiver.application.port.in.ListCollectionsUseCase;
import io.quiver.application.port.in.UpdateCollectionUseCase;
import io.quiver.application.port.in.UpdateCollectionUseCase.UpdateCollectionCommand;
import io.quiver.domain.collection.CollectionConfigReader;
import io.quiver.domain.collection.CollectionName;
import io.quiver.domain.collection.NewCollection;
import io.quiver.domain.error.ValidationException;

/** {@code /collections}: list, create, describe, update, delete, exists. */
public final class CollectionsRoutes implements HttpService {

    private final CreateCollectionUseCase createCollection;
    private final GetCollectionInfoUseCase getCollectionInfo;
    private final ListCollectionsUseCase listCollections;
    private final UpdateCollectionUseCase updateCollection;
    private final DeleteCollectionUseCase deleteCollection;

    public CollectionsRoutes(CreateCollectionUseCase createCollection, GetCollectionInfoUseCase getCollectionInfo,
                             ListCollectionsUseCase listCollections, UpdateCollectionUseCase updateCollection,
                             DeleteCollectionUseCase deleteCollection) {
        this.createCollection = createCollection;
        this.getCollectionInfo = getCollectionInfo;
        this.listCollections = listCollections;
        this.updateCollection = updateCollection;
        this.deleteCollection = deleteCollection;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/collections", this::list)
                .get("/collections/{collection_name}", this::get)
                .put("/collections/{collection_name}", this::create)
                .patch("/collections/{collection_name}", this::update)
                .delete("/collections/{collection_name}", this::delete)
                .get("/collections/{collection_name}/exists", this::exists);
    }

    private void list(ServerRequest req, ServerResponse res) {
        var names = listCollections.list();
        Envelope.ok(req, res, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("collections");
            for (String name : names) {
                g.writeStartObject();
                g.writeStringField("name", name);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private void get(ServerRequest req, ServerResponse res) {
        var info = getCollectionInfo.get(Requests.path(req, "collection_name"));
        Envelope.ok(req, res, g -> CollectionMapper.writeInfo(g, info));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Requests.unsigned(req, "timeout");
        CollectionName name;
        try {
            name = new CollectionName(Requests.path(req, "collection_name"));
        } catch (ValidationException e) {
            throw new InvalidPathParameterException(e);
        }
        NewCollection spec = CollectionConfigReader.readCreate(Requests.jsonObject(req));
        Envelope.okBoolean(req, res, createCollection.create(new CreateCollectionCommand(name, spec)));
    }

    private void update(ServerRequest req, ServerResponse res) {
        Requests.unsigned(req, "timeout");
        var update = CollectionConfigReader.readUpdate(Requests.jsonObject(req));
        Envelope.okBoolean(req, res, updateCollection.update(
                new UpdateCollectionCommand(Requests.path(req, "collection_name"), update)));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Requests.unsigned(req, "timeout");
        Envelope.okBoolean(req, res, deleteCollection.delete(Requests.path(req, "collection_name")));
    }

    private void exists(ServerRequest req, ServerResponse res) {
        boolean exists = listCollections.exists(Requests.path(req, "collection_name"));
        Envelope.ok(req, res, g -> {
            g.writeStartObject();
            g.writeBooleanField("exists", exists);
            g.writeEndObject();
        });
    }
}
