package io.quiver.adapter.in.rest.qdrant.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.quiver.adapter.in.rest.qdrant.mapping.LegacyMapper;
import io.quiver.adapter.in.rest.qdrant.mapping.PointsMapper;
import io.quiver.application.port.in.QueryPointsUseCase;
import io.quiver.adapter.in.rest.qdrant.mapping.QueryMapper;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.TreeReader;
import io.quiver.domain.point.ScoredPoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The universal {@code /points/query} (+batch) and the legacy {@code /points/search} (+batch), which is a
 * nearest query (dense {@code NamedVector} or {@code NamedSparseVector}) run by the same query engine.
 */
public final class SearchRoutes implements HttpService {

    private static final String BASE = "/collections/{collection_name}/points";

    private final QueryPointsUseCase query;

    public SearchRoutes(QueryPointsUseCase query) {
        this.query = query;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(BASE + "/search", (req, res) -> {
            List<ScoredPoint> hits = searchOne(req, Requests.jsonObject(req), "");
            Envelope.ok(req, res, g -> writeHits(g, hits));
        }).post(BASE + "/search/batch", (req, res) -> {
            List<List<ScoredPoint>> all = new ArrayList<>();
            for (TreeReader one : list(TreeReader.of(Requests.jsonObject(req), ""), "searches")) {
                all.add(searchOne(req, one.object(), one.path()));
            }
            Envelope.ok(req, res, g -> {
                g.writeStartArray();
                for (List<ScoredPoint> hits : all) {
                    writeHits(g, hits);
                }
                g.writeEndArray();
            });
        }).post(BASE + "/query", (req, res) -> {
            List<ScoredPoint> hits = query.query(Requests.path(req, "collection_name"),
                    QueryMapper.request(Requests.jsonObject(req), ""));
            Envelope.ok(req, res, g -> writeQueryResponse(g, hits));
        }).post(BASE + "/query/batch", (req, res) -> {
            List<List<ScoredPoint>> all = new ArrayList<>();
            for (var one : QueryMapper.batch(Requests.jsonObject(req))) {
                all.add(query.query(Requests.path(req, "collection_name"), one));
            }
            Envelope.ok(req, res, g -> {
                g.writeStartArray();
                for (List<ScoredPoint> hits : all) {
                    writeQueryResponse(g, hits);
                }
                g.writeEndArray();
            });
        });
    }

    private List<ScoredPoint> searchOne(ServerRequest req, ObjectValue body, String path) {
        return query.query(Requests.path(req, "collection_name"), LegacyMapper.search(body, path));
    }

    private static List<TreeReader> list(TreeReader body, String key) {
        List<PayloadValue> items = body.optArray(key);
        if (items == null) {
            throw body.missing(key);
        }
        List<TreeReader> readers = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            readers.add(TreeReader.of(items.get(i), key + "[" + i + "]"));
        }
        return readers;
    }

    private static void writeHits(JsonGenerator g, List<ScoredPoint> hits) throws IOException {
        PointsMapper.writeScoredPoints(g, hits);
    }

    private static void writeQueryResponse(JsonGenerator g, List<ScoredPoint> hits) throws IOException {
        g.writeStartObject();
        g.writeFieldName("points");
        writeHits(g, hits);
        g.writeEndObject();
    }
}
