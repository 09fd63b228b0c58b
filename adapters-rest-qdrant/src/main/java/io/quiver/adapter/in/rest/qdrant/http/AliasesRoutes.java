package io.quiver.adapter.in.rest.qdrant.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quiver.adapter.in.rest.qdrant.mapping.AliasMapper;
import io.quiver.application.port.in.ListAliasesUseCase;
import io.quiver.application.port.in.UpdateAliasesUseCase;
import io.quiver.application.port.in.UpdateAliasesUseCase.UpdateAliasesCommand;

/** Alias changes (atomic lists of create/delete/rename) and alias listings. */
public final class AliasesRoutes implements HttpService {

    private final UpdateAliasesUseCase updateAliases;
    private final ListAliasesUseCase listAliases;

    public AliasesRoutes(UpdateAliasesUseCase updateAliases, ListAliasesUseCase listAliases) {
        this.updateAliases = updateAliases;
        this.listAliases = listAliases;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/collections/aliases", this::update)
                .get("/aliases", (req, res) -> {
                    var all = listAliases.listAll();
                    Envelope.ok(req, res, g -> AliasMapper.writeAliases(g, all));
                })
                .get("/collections/{collection_name}/aliases", (req, res) -> {
                    var of = listAliases.listFor(Requests.path(req, "collection_name"));
                    Envelope.ok(req, res, g -> AliasMapper.writeAliases(g, of));
                });
    }

    private void update(ServerRequest req, ServerResponse res) {
        Requests.unsigned(req, "timeout");
        var actions = AliasMapper.readActions(Requests.jsonObject(req));
        Envelope.okBoolean(req, res, updateAliases.apply(new UpdateAliasesCommand(actions)));
    }
}
