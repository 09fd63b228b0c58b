package io.quiver.adapter.in.rest.qdrant.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import io.quiver.application.port.in.SearchMatrixUseCase;
import io.quiver.application.port.in.SearchMatrixUseCase.Matrix;
import io.quiver.application.port.in.SearchMatrixUseCase.MatrixRequest;
import io.quiver.application.port.in.SearchMatrixUseCase.Neighbour;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.TreeReader;
import io.quiver.domain.point.PointId;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code SearchMatrixRequest} and writes the pairs and offsets forms of the distance matrix. */
public final class MatrixMapper {

    private MatrixMapper() {
    }

    /** {@code {sample (default 10), limit (default 3), using, filter}}. */
    public static MatrixRequest request(ObjectValue body) {
        TreeReader r = TreeReader.of(body, "");
        return new MatrixRequest(LegacyMapper.count(r, "sample", SearchMatrixUseCase.DEFAULT_SAMPLE),
                LegacyMapper.count(r, "limit", SearchMatrixUseCase.DEFAULT_LIMIT), r.optString("using"),
                PointsMapper.filter(r, "filter"));
    }

    /** {@code {"pairs": [{"a", "b", "score"}]}}, row by row. */
    public static void writePairs(JsonGenerator g, Matrix matrix) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("pairs");
        for (int row = 0; row < matrix.ids().size(); row++) {
            for (Neighbour n : matrix.nearest().get(row)) {
                g.writeStartObject();
                g.writeFieldName("a");
                PointsMapper.writeId(g, matrix.ids().get(row));
                g.writeFieldName("b");
                PointsMapper.writeId(g, n.id());
                g.writeNumberField("score", n.score());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** {@code {"offsets_row", "offsets_col", "scores", "ids"}}: coordinates into {@code ids}. */
    public static void writeOffsets(JsonGenerator g, Matrix matrix) throws IOException {
        Map<PointId, Integer> offsets = new HashMap<>();
        for (int i = 0; i < matrix.ids().size(); i++) {
            offsets.put(matrix.ids().get(i), i);
        }
        List<List<Neighbour>> rows = matrix.nearest();
        g.writeStartObject();
        g.writeArrayFieldStart("offsets_row");
        for (int row = 0; row < rows.size(); row++) {
            for (int k = 0; k < rows.get(row).size(); k++) {
                g.writeNumber(row);
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("offsets_col");
        for (List<Neighbour> row : rows) {
            for (Neighbour n : row) {
                g.writeNumber(offsets.get(n.id()));
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("scores");
        for (List<Neighbour> row : rows) {
            for (Neighbour n : row) {
                g.writeNumber(n.score());
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("ids");
        for (PointId id : matrix.ids()) {
            PointsMapper.writeId(g, id);
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
