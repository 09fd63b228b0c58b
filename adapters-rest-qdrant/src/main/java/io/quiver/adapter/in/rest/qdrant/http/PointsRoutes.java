package io.quiver.adapter.in.rest.qdrant.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quiver.adapter.in.rest.qdrant.mapping.PointsMapper;
import io.quiver.application.port.in.CountPointsUseCase;
import io.quiver.application.port.in.RetrievePointsUseCase;
import io.quiver.application.port.in.RetrievePointsUseCase.RetrievePointsQuery;
import io.quiver.application.port.in.ScrollPointsUseCase;
import io.quiver.application.port.in.ScrollPointsUseCase.ScrollQuery;
import io.quiver.application.port.in.UpdatePointsUseCase;
import io.quiver.application.port.in.UpdatePointsUseCase.UpdatePointsCommand;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.IntegerValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.TreeReader;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.WithPayload;
import io.quiver.domain.point.WithVector;
import io.quiver.domain.update.UpdateOperation;
import io.quiver.domain.update.UpdateResult;
import java.util.List;

/** {@code /collections/{name}/points…}: writes, retrieval, scroll and count. */
public final class PointsRoutes implements HttpService {

    private static final String BASE = "/collections/{collection_name}/points";

    private final UpdatePointsUseCase updatePoints;
    private final RetrievePointsUseCase retrievePoints;
    private final ScrollPointsUseCase scrollPoints;
    private final CountPointsUseCase countPoints;

    public PointsRoutes(UpdatePointsUseCase updatePoints, RetrievePointsUseCase retrievePoints,
                        ScrollPointsUseCase scrollPoints, CountPointsUseCase countPoints) {
        this.updatePoints = updatePoints;
        this.retrievePoints = retrievePoints;
        this.scrollPoints = scrollPoints;
        this.countPoints = countPoints;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put(BASE, (req, res) -> single(req, res, PointsMapper.upsert(Requests.jsonObject(req), "")))
                .post(BASE + "/delete", (req, res) -> single(req, res, new UpdateOperation.Delete(
                        PointsMapper.selector(TreeReader.of(Requests.jsonObject(req), "")))))
                .post(BASE + "/payload", (req, res) -> single(req, res, PointsMapper.setPayload(Requests.jsonObject(req), "")))
                .put(BASE + "/payload", (req, res) -> single(req, res, PointsMapper.overwritePayload(Requests.jsonObject(req), "")))
                .post(BASE + "/payload/delete", (req, res) -> single(req, res, PointsMapper.deletePayload(Requests.jsonObject(req), "")))
                .post(BASE + "/payload/clear", (req, res) -> single(req, res, new UpdateOperation.ClearPayload(
                        PointsMapper.selector(TreeReader.of(Requests.jsonObject(req), "")))))
                .put(BASE + "/vectors", (req, res) -> single(req, res, PointsMapper.updateVectors(Requests.jsonObject(req), "")))
                .post(BASE + "/vectors/delete", (req, res) -> single(req, res, PointsMapper.deleteVectors(Requests.jsonObject(req), "")))
                .post(BASE + "/batch", this::batch)
                .post(BASE + "/scroll", this::scroll)
                .post(BASE + "/count", this::count)
                .get(BASE + "/{id}", this::getOne)
                .post(BASE, this::retrieve);
    }

    private List<UpdateResult> apply(ServerRequest req, List<UpdateOperation> operations) {
        boolean wait = Requests.flag(req, "wait").orElse(false);
        Requests.unsigned(req, "timeout");
        String ordering = req.query().first("ordering").orElse("weak");
        if (!List.of("weak", "medium", "strong").contains(ordering)) {
            throw new io.quiver.adapter.in.rest.qdrant.error.InvalidQueryParameterException(
                    "ordering: unknown variant `" + ordering + "`, expected one of `weak`, `medium`, `strong`");
        }
        return updatePoints.update(new UpdatePointsCommand(Requests.path(req, "collection_name"), operations, wait));
    }

    private void single(ServerRequest req, ServerResponse res, UpdateOperation operation) {
        UpdateResult result = apply(req, List.of(operation)).getFirst();
        Envelope.ok(req, res, g -> PointsMapper.writeUpdateResult(g, result));
    }

    private void batch(ServerRequest req, ServerResponse res) {
        List<UpdateResult> results = apply(req, PointsMapper.batch(Requests.jsonObject(req)));
        Envelope.ok(req, res, g -> {
            g.writeStartArray();
            for (UpdateResult r : results) {
                PointsMapper.writeUpdateResult(g, r);
            }
            g.writeEndArray();
        });
    }

    private void getOne(ServerRequest req, ServerResponse res) {
        String raw = Requests.path(req, "id");
        PointId id;
        try {
            id = PointId.parse(raw);
        } catch (RuntimeException e) {
            throw new BadRequestException("Unable to parse point id \"" + raw + "\": expected an unsigned integer or a UUID");
        }
        var record = retrievePoints.retrieveOne(Requests.path(req, "collection_name"), id);
        Envelope.ok(req, res, g -> PointsMapper.writeRecord(g, record));
    }

    private void retrieve(ServerRequest req, ServerResponse res) {
        TreeReader r = TreeReader.of(Requests.jsonObject(req), "");
        List<PayloadValue> ids = r.optArray("ids");
        if (ids == null) {
            throw r.missing("ids");
        }
        var records = retrievePoints.retrieve(new RetrievePointsQuery(Requests.path(req, "collection_name"),
                PointsMapper.pointIds(ids, "ids"),
                PointsMapper.withPayload(r.raw("with_payload"), "with_payload", WithPayload.ALL),
                PointsMapper.withVector(r.raw("with_vector"), "with_vector", WithVector.NONE)));
        Envelope.ok(req, res, g -> {
            g.writeStartArray();
            for (var record : records) {
                PointsMapper.writeRecord(g, record);
            }
            g.writeEndArray();
        });
    }

    private void scroll(ServerRequest req, ServerResponse res) {
        ObjectValue body = bodyOrEmpty(req);
        TreeReader r = TreeReader.of(body, "");
        PointId offset = r.has("offset") ? PointsMapper.pointId(r.raw("offset"), "offset") : null;
        int limit = limit(r);
        var page = scrollPoints.scroll(new ScrollQuery(Requests.path(req, "collection_name"), offset, limit,
                PointsMapper.filter(r, "filter"),
                PointsMapper.withPayload(r.raw("with_payload"), "with_payload", WithPayload.ALL),
                PointsMapper.withVector(r.raw("with_vector"), "with_vector", WithVector.NONE),
                r.has("order_by") ? PointsMapper.orderBy(r.raw("order_by"), "order_by") : null));
        Envelope.ok(req, res, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("points");
            for (var record : page.points()) {
                PointsMapper.writeRecord(g, record);
            }
            g.writeEndArray();
            g.writeFieldName("next_page_offset");
            if (page.nextPageOffset() == null) {
                g.writeNull();
            } else {
                PointsMapper.writeId(g, page.nextPageOffset());
            }
            g.writeEndObject();
        });
    }

    private static int limit(TreeReader r) {
        PayloadValue v = r.raw("limit");
        if (v == null) {
            return 10;
        }
        if (v instanceof IntegerValue i && i.value() >= 0) {
            return (int) Math.min(i.value(), Integer.MAX_VALUE);
        }
        throw TreeReader.mismatch("limit", v, "usize");
    }

    private void count(ServerRequest req, ServerResponse res) {
        TreeReader r = TreeReader.of(bodyOrEmpty(req), "");
        boolean exact = r.optBool("exact") == null || r.optBool("exact");
        long n = countPoints.count(Requests.path(req, "collection_name"), PointsMapper.filter(r, "filter"), exact);
        Envelope.ok(req, res, g -> {
            g.writeStartObject();
            g.writeNumberField("count", n);
            g.writeEndObject();
        });
    }

    /** Scroll and count accept an empty body, meaning all defaults. */
    private static ObjectValue bodyOrEmpty(ServerRequest req) {
        byte[] bytes = Requests.bytes(req);
        if (bytes.length == 0) {
            return ObjectValue.EMPTY;
        }
        PayloadValue v = io.quiver.adapter.in.rest.qdrant.mapping.JsonTrees.parse(bytes);
        if (v instanceof ObjectValue o) {
            return o;
        }
        throw new MalformedInputException("invalid type: expected a map");
    }
}
