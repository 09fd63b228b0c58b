package io.quiver.application.port.in;

import io.quiver.domain.error.Validations;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.point.PointId;
import java.util.List;

/**
 * The distance matrix of a random sample ({@code /points/search/matrix/pairs} and {@code /offsets}):
 * {@code sample} points drawn among those that pass the filter and carry the vector, and for each its
 * {@code limit} nearest among the other sampled points.
 */
public interface SearchMatrixUseCase {

    int DEFAULT_SAMPLE = 10;
    int DEFAULT_LIMIT = 3;

    record MatrixRequest(int sample, int limit, String using, Filter filter) {
        public MatrixRequest {
            new Validations().range("sample", sample, 2, null).range("limit", limit, 1, null).throwIfAny();
            using = using == null ? "" : using;
        }
    }

    /** A neighbour of a sampled point and its score (Qdrant's score for the vector's distance). */
    record Neighbour(PointId id, float score) {
    }

    /** The sampled ids in ascending order and, row by row, each one's neighbours best first. */
    record Matrix(List<PointId> ids, List<List<Neighbour>> nearest) {
        public static final Matrix EMPTY = new Matrix(List.of(), List.of());

        public Matrix {
            ids = List.copyOf(ids);
            nearest = nearest.stream().map(List::copyOf).toList();
        }
    }

    Matrix matrix(String collection, MatrixRequest request);
}
