package io.quiver.application.service;

import io.quiver.domain.collection.CollectionParams;
import io.quiver.domain.collection.VectorParams;
import io.quiver.domain.error.BadInputException;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.query.Similarity;
import io.quiver.domain.vector.Distance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One named vector space as the example-based queries (recommend, discover, context) and MMR see it:
 * which examples it accepts, the form they are scored in, and Qdrant's internal similarity — higher is
 * always better, never turned back into a distance — between a query-side vector and a stored one:
 * <ul>
 *   <li>dense: {@link Similarity#internal} — the dot product of (Cosine: normalised) vectors, the negated
 *       squared Euclidean distance, the negated Manhattan distance;</li>
 *   <li>sparse: the dot product over the shared indices, 0 when there are none, without IDF weights: Qdrant
 *       applies the IDF modifier only in the inverted index's nearest search, the custom query scorers
 *       (segment {@code sparse_custom_query_scorer.rs}) and MMR's volatile storage use the plain dot;</li>
 *   <li>multivector: max-sim over internal similarities (segment {@code score_multi}) — for each row of the
 *       query-side vector its best similarity to any row of the stored one, summed; not symmetric.</li>
 * </ul>
 */
sealed interface ExampleSpace {

    /** The space named {@code using}; {@link BadInputException} when the collection has none. */
    static ExampleSpace of(LiveCollection collection, String using, Similarity similarity) {
        CollectionParams config = collection.config().params();
        VectorParams dense = config.vectors().byName().get(using);
        if (dense != null) {
            return dense.multivector() == null ? new Dense(using, dense, similarity) : new Multi(using, dense, similarity);
        }
        if (config.sparseVectorsOrEmpty().containsKey(using)) {
            return new Sparse(using);
        }
        throw new BadInputException("Not existing vector name error: " + using);
    }

    /** The example checked against this space (kind, dimension), as given: not yet preprocessed. */
    VectorData check(VectorData example);

    /** The example checked and brought into the form stored vectors are scored in (Cosine: normalised). */
    VectorData prepare(VectorData example);

    /** Whether a stored vector is of this space's kind (points holding none are left out). */
    boolean holds(VectorData stored);

    /** The internal similarity of a prepared query-side vector to a stored one; higher is better. */
    float similarity(VectorData query, VectorData stored);

    /**
     * The query of the average_vector strategy from checked examples (Qdrant's
     * {@code avg_vector_for_recommendation}), searched as a plain nearest query; {@code positives} is not empty.
     */
    VectorData averageQuery(List<VectorData> positives, List<VectorData> negatives);

    /** Single dense vectors: the average, then {@code avg(pos) + (avg(pos) - avg(neg))}, element-wise. */
    record Dense(String using, VectorParams params, Similarity similarity) implements ExampleSpace {

        @Override
        public VectorData check(VectorData example) {
            if (!(example instanceof VectorData.Dense d)) {
                throw new BadInputException("Examples for vector `" + using + "` must be single dense vectors");
            }
            QueryEngine.checkDim(d.values().length, params.size());
            return d;
        }

        @Override
        public VectorData prepare(VectorData example) {
            float[] values = ((VectorData.Dense) check(example)).values();
            return new VectorData.Dense(similarity.scoring().preprocess(params.distance(), values));
        }

        @Override
        public boolean holds(VectorData stored) {
            return stored instanceof VectorData.Dense;
        }

        @Override
        public float similarity(VectorData query, VectorData stored) {
            return similarity.internal(params.distance(), ((VectorData.Dense) stored).values(),
                    ((VectorData.Dense) query).values());
        }

        @Override
        public VectorData averageQuery(List<VectorData> positives, List<VectorData> negatives) {
            float[] query = Recommendations.average(values(positives));
            if (!negatives.isEmpty()) {
                float[] negative = Recommendations.average(values(negatives));
                for (int i = 0; i < query.length; i++) {
                    query[i] = query[i] + (query[i] - negative[i]);
                }
            }
            return new VectorData.Dense(query);
        }

        private static List<float[]> values(List<VectorData> vectors) {
            return vectors.stream().map(v -> ((VectorData.Dense) v).values()).toList();
        }
    }

    /**
     * Sparse vectors: the average sums the examples over the union of their indices (a missing index counts
     * 0) and divides by their number, then {@code avg(pos) + (avg(pos) - avg(neg))} over the union again
     * (Qdrant's {@code combine_aggregate}); the nearest search it feeds weighs with IDF as any sparse search.
     */
    record Sparse(String using) implements ExampleSpace {

        @Override
        public VectorData check(VectorData example) {
            if (!(example instanceof VectorData.Sparse s)) {
                throw new BadInputException("Examples for vector `" + using + "` must be sparse vectors");
            }
            return s;
        }

        @Override
        public VectorData prepare(VectorData example) {
            return check(example); // sorted by index on construction, as Qdrant sorts the examples
        }

        @Override
        public boolean holds(VectorData stored) {
            return stored instanceof VectorData.Sparse;
        }

        @Override
        public float similarity(VectorData query, VectorData stored) {
            return Similarity.sparseDot((VectorData.Sparse) query, (VectorData.Sparse) stored, null);
        }

        @Override
        public VectorData averageQuery(List<VectorData> positives, List<VectorData> negatives) {
            VectorData.Sparse query = average(positives);
            if (!negatives.isEmpty()) {
                query = combine(query, average(negatives), 2f, -1f);
            }
            return query;
        }

        /** The average of sparse vectors over the union of their indices. */
        static VectorData.Sparse average(List<VectorData> vectors) {
            VectorData.Sparse sum = new VectorData.Sparse(new int[0], new float[0]);
            for (VectorData v : vectors) {
                sum = combine(sum, (VectorData.Sparse) v, 1f, 1f);
            }
            float[] values = sum.values();
            for (int i = 0; i < values.length; i++) {
                values[i] /= vectors.size();
            }
            return sum;
        }

        /** {@code x * a + y * b} over the union of the indices, a missing index counting 0. */
        static VectorData.Sparse combine(VectorData.Sparse a, VectorData.Sparse b, float x, float y) {
            int[] ai = a.indices();
            int[] bi = b.indices();
            int[] indices = new int[ai.length + bi.length];
            float[] values = new float[ai.length + bi.length];
            int i = 0;
            int j = 0;
            int n = 0;
            while (i < ai.length || j < bi.length) {
                int c = i == ai.length ? 1 : j == bi.length ? -1 : Integer.compareUnsigned(ai[i], bi[j]);
                if (c == 0) {
                    indices[n] = ai[i];
                    values[n++] = x * a.values()[i++] + y * b.values()[j++];
                } else if (c < 0) {
                    indices[n] = ai[i];
                    values[n++] = x * a.values()[i++];
                } else {
                    indices[n] = bi[j];
                    values[n++] = y * b.values()[j++];
                }
            }
            return new VectorData.Sparse(Arrays.copyOf(indices, n), Arrays.copyOf(values, n));
        }
    }

    /**
     * Multivectors (a single dense example counts as a one-row multivector, as in nearest queries). Qdrant's
     * "average" of multivectors is no average: the rows of all positives, then those of all negatives negated,
     * concatenated into one multivector, searched by max-sim.
     */
    record Multi(String using, VectorParams params, Similarity similarity) implements ExampleSpace {

        @Override
        public VectorData check(VectorData example) {
            VectorData.Multi multi = switch (example) {
                case VectorData.Multi m -> m;
                case VectorData.Dense d -> new VectorData.Multi(new float[][] {d.values()});
                case VectorData.Sparse s -> throw new BadInputException(
                        "Examples for vector `" + using + "` must be multivectors, not sparse vectors");
            };
            for (float[] row : multi.vectors()) {
                QueryEngine.checkDim(row.length, params.size());
            }
            return multi;
        }

        @Override
        public VectorData prepare(VectorData example) {
            float[][] rows = ((VectorData.Multi) check(example)).vectors();
            float[][] prepared = new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                prepared[i] = similarity.scoring().preprocess(params.distance(), rows[i]);
            }
            return new VectorData.Multi(prepared);
        }

        @Override
        public boolean holds(VectorData stored) {
            return stored instanceof VectorData.Multi;
        }

        @Override
        public float similarity(VectorData query, VectorData stored) {
            Distance distance = params.distance();
            float[][] against = ((VectorData.Multi) stored).vectors();
            float sum = 0;
            for (float[] q : ((VectorData.Multi) query).vectors()) {
                float best = Float.NEGATIVE_INFINITY;
                for (float[] s : against) {
                    best = Math.max(best, similarity.internal(distance, s, q));
                }
                sum += best;
            }
            return sum;
        }

        @Override
        public VectorData averageQuery(List<VectorData> positives, List<VectorData> negatives) {
            List<float[]> rows = new ArrayList<>();
            for (VectorData v : positives) {
                rows.addAll(Arrays.asList(((VectorData.Multi) v).vectors()));
            }
            for (VectorData v : negatives) {
                for (float[] row : ((VectorData.Multi) v).vectors()) {
                    float[] negated = new float[row.length];
                    for (int i = 0; i < row.length; i++) {
                        negated[i] = -row[i];
                    }
                    rows.add(negated);
                }
            }
            return new VectorData.Multi(rows.toArray(float[][]::new));
        }
    }
}
