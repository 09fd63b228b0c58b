package io.quiver.adapter.in.rest.qdrant.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.quiver.adapter.in.rest.qdrant.mapping.MatrixMapper;
import io.quiver.application.port.in.SearchMatrixUseCase;
import io.quiver.application.port.in.SearchMatrixUseCase.Matrix;

/** The distance matrix: {@code /points/search/matrix/pairs} and {@code /points/search/matrix/offsets}. */
public final class MatrixRoutes implements HttpService {

    private static final String BASE = "/collections/{collection_name}/points/search/matrix";

    private final SearchMatrixUseCase matrix;

    public MatrixRoutes(SearchMatrixUseCase matrix) {
        this.matrix = matrix;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(BASE + "/pairs", (req, res) -> {
            Matrix result = matrix.matrix(Requests.path(req, "collection_name"),
                    MatrixMapper.request(Requests.jsonObject(req)));
            Envelope.ok(req, res, g -> MatrixMapper.writePairs(g, result));
        }).post(BASE + "/offsets", (req, res) -> {
            Matrix result = matrix.matrix(Requests.path(req, "collection_name"),
                    MatrixMapper.request(Requests.jsonObject(req)));
            Envelope.ok(req, res, g -> MatrixMapper.writeOffsets(g, result));
        });
    }
}
