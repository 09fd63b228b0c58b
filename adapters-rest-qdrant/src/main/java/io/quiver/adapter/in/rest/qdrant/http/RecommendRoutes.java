package io.quiver.adapter.in.rest.qdrant.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.quiver.adapter.in.rest.qdrant.mapping.LegacyMapper;
import io.quiver.adapter.in.rest.qdrant.mapping.PointsMapper;
import io.quiver.application.port.in.QueryPointsUseCase;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.point.ScoredPoint;
import io.quiver.domain.query.QueryRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The legacy {@code /points/recommend} and {@code /points/discover} (+batch) of the 1.18 document, answered
 * by the query engine. Results are bare arrays of scored points, as in Qdrant.
 */
public final class RecommendRoutes implements HttpService {

    private static final String BASE = "/collections/{collection_name}/points";

    private final QueryPointsUseCase query;

    public RecommendRoutes(QueryPointsUseCase query) {
        this.query = query;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(BASE + "/recommend", (req, res) -> one(req, res, LegacyMapper::recommend))
                .post(BASE + "/recommend/batch", (req, res) -> batch(req, res, LegacyMapper::recommend))
                .post(BASE + "/discover", (req, res) -> one(req, res, LegacyMapper::discover))
                .post(BASE + "/discover/batch", (req, res) -> batch(req, res, LegacyMapper::discover));
    }

    private void one(ServerRequest req, ServerResponse res, BiFunction<ObjectValue, String, QueryRequest> reader) {
        QueryRequest request = reader.apply(Requests.jsonObject(req), "");
        List<ScoredPoint> hits = query.query(Requests.path(req, "collection_name"), request);
        Envelope.ok(req, res, g -> PointsMapper.writeScoredPoints(g, hits));
    }

    private void batch(ServerRequest req, ServerResponse res, BiFunction<ObjectValue, String, QueryRequest> reader) {
        List<QueryRequest> requests = LegacyMapper.batch(Requests.jsonObject(req), reader);
        List<List<ScoredPoint>> all = new ArrayList<>();
        for (QueryRequest request : requests) {
            all.add(query.query(Requests.path(req, "collection_name"), request));
        }
        Envelope.ok(req, res, g -> writeAll(g, all));
    }

    private static void writeAll(JsonGenerator g, List<List<ScoredPoint>> all) throws IOException {
        g.writeStartArray();
        for (List<ScoredPoint> hits : all) {
            PointsMapper.writeScoredPoints(g, hits);
        }
        g.writeEndArray();
    }
}
