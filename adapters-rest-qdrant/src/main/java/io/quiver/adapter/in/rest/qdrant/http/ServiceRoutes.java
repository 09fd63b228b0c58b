package io.quiver.adapter.in.rest.qdrant.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quiver.adapter.in.rest.qdrant.mapping.JsonTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The service root and the health probes Kubernetes and clients call. */
public final class ServiceRoutes implements HttpService {

    private final ServerIdentity identity;

    public ServiceRoutes(ServerIdentity identity) {
        this.identity = identity;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::root)
                .get("/healthz", (req, res) -> Envelope.text(res, "healthz check passed"))
                .get("/livez", (req, res) -> Envelope.text(res, "healthz check passed"))
                .get("/readyz", (req, res) -> Envelope.text(res, "all shards are ready"));
    }

    /** The bare version object (no envelope): clients read {@code version} for their compatibility check. */
    private void root(ServerRequest req, ServerResponse res) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var g = JsonTrees.generator(out)) {
            g.writeStartObject();
            g.writeStringField("title", ServerIdentity.TITLE);
            g.writeStringField("version", identity.version());
            g.writeStringField("commit", identity.commit());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(out.toByteArray());
    }
}
