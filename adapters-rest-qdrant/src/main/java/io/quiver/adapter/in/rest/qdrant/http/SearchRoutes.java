package io.quiver.adapter.in.rest.qdrant.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.quiver.adapter.in.rest.qdrant.mapping.LegacyMapper;
import io.quiver.adapter.in.rest.qdrant.mapping.PointsMapper;
import io.quiver.application.port.in.QueryPointsUseCase;
import io.quiver.application.port.in.SearchPointsUseCase;
import io.quiver.adapter.in.rest.qdrant.mapping.QueryMapper;
import io.quiver.application.port.in.SearchPointsUseCase.SearchQuery;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.IntegerValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.TreeReader;
import io.quiver.domain.point.ScoredPoint;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.point.WithPayload;
import io.quiver.domain.point.WithVector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The universal {@code /points/query} (+batch) and the legacy {@code /points/search} (+batch): dense
 * searches go to the search use case, {@code NamedSparseVector} searches through the query engine.
 */
public final class SearchRoutes implements HttpService {

    private static final String BASE = "/collections/{collection_name}/points";

    private final SearchPointsUseCase search;
    private final QueryPointsUseCase query;

    public SearchRoutes(SearchPointsUseCase search, QueryPointsUseCase query) {
        this.search = search;
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
        if (LegacyMapper.isSparseSearch(body)) {
            return query.query(Requests.path(req, "collection_name"), LegacyMapper.search(body, path));
        }
        return search.search(legacy(req, TreeReader.of(body, path)));
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

    /** {@code SearchRequest}: {@code vector} is a bare vector or {@code {name, vector}}. */
    private static SearchQuery legacy(ServerRequest req, TreeReader r) {
        PayloadValue v = r.raw("vector");
        if (v == null) {
            throw r.missing("vector");
        }
        String using = "";
        PayloadValue raw = v;
        if (v instanceof ObjectValue named) {
            TreeReader n = TreeReader.of(named, r.pathOf("vector"));
            using = n.reqString("name");
            raw = n.raw("vector");
            if (raw == null) {
                throw n.missing("vector");
            }
        }
        return new SearchQuery(Requests.path(req, "collection_name"), using, dense(raw, r.pathOf("vector")),
                PointsMapper.filter(r, "filter"), required(r, "limit"), optional(r, "offset", 0), threshold(r),
                PointsMapper.withPayload(r.raw("with_payload"), r.pathOf("with_payload"), WithPayload.NONE),
                PointsMapper.withVector(r.raw("with_vector"), r.pathOf("with_vector"), WithVector.NONE),
                PointsMapper.searchParams(r));
    }

    private static float[] dense(PayloadValue v, String path) {
        if (!(v instanceof ArrayValue)) {
            throw new BadRequestException("only dense vector queries are supported yet by this server (at " + path + ")");
        }
        Map<String, VectorData> parsed = PointsMapper.vectorStruct(v, path);
        if (parsed.get("") instanceof VectorData.Dense d) {
            return d.values();
        }
        throw new BadRequestException("only dense vector queries are supported yet by this server (at " + path + ")");
    }

    private static int required(TreeReader r, String key) {
        if (!r.has(key)) {
            throw r.missing(key);
        }
        return optional(r, key, 0);
    }

    private static int optional(TreeReader r, String key, int fallback) {
        PayloadValue v = r.raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof IntegerValue i && i.value() >= 0) {
            return (int) Math.min(i.value(), Integer.MAX_VALUE);
        }
        throw TreeReader.mismatch(r.pathOf(key), v, "usize");
    }

    private static Float threshold(TreeReader r) {
        Double d = r.optDouble("score_threshold");
        return d == null ? null : d.floatValue();
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
