package io.quiver.domain.query;

import io.quiver.domain.error.Validations;
import io.quiver.domain.point.OrderBy;
import java.util.List;
import java.util.Objects;

/** What a universal query asks for; Qdrant's {@code Query} variants. */
public sealed interface Query {

    /** Nearest neighbours, optionally re-ranked for diversity (MMR). */
    record Nearest(QueryVector vector, Mmr mmr) implements Query {
        public Nearest {
            Objects.requireNonNull(vector, "vector");
        }
    }

    /** Maximal marginal relevance: {@code diversity} 0 = pure relevance, 1 = pure diversity. */
    record Mmr(Float diversity, Integer candidatesLimit) {
        public Mmr {
            new Validations().range("diversity", diversity, 0, 1).range("candidates_limit", candidatesLimit, 0, 16384)
                    .throwIfAny();
        }
    }

    enum RecommendStrategy {
        AVERAGE_VECTOR("average_vector"), BEST_SCORE("best_score"), SUM_SCORES("sum_scores");

        private final String label;

        RecommendStrategy(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    record Recommend(List<QueryVector> positive, List<QueryVector> negative, RecommendStrategy strategy)
            implements Query {
        public Recommend {
            positive = positive == null ? List.of() : List.copyOf(positive);
            negative = negative == null ? List.of() : List.copyOf(negative);
            strategy = strategy == null ? RecommendStrategy.AVERAGE_VECTOR : strategy;
        }
    }

    record Discover(QueryVector target, List<ContextPair> context) implements Query {
        public Discover {
            Objects.requireNonNull(target, "target");
            context = context == null ? List.of() : List.copyOf(context);
        }
    }

    record Context(List<ContextPair> pairs) implements Query {
        public Context {
            pairs = pairs == null ? List.of() : List.copyOf(pairs);
        }
    }

    /** Points in the order of a payload key's range index, as a scroll with {@code order_by}. */
    record OrderByQuery(OrderBy orderBy) implements Query {
        public OrderByQuery {
            Objects.requireNonNull(orderBy, "orderBy");
        }
    }

    /** Score boosting: the prefetched points re-scored by a {@link Formula}, higher is better. */
    record FormulaQuery(Formula formula) implements Query {
        public FormulaQuery {
            Objects.requireNonNull(formula, "formula");
        }
    }

    enum FusionMethod { RRF, DBSF }

    record Fusion(FusionMethod method) implements Query {
    }

    /** Reciprocal rank fusion with an explicit {@code k} and per-prefetch weights (nulls: Qdrant's defaults). */
    record Rrf(Integer k, List<Float> weights) implements Query {
        public Rrf {
            new Validations().range("k", k, 1, null).throwIfAny();
            weights = weights == null ? null : List.copyOf(weights);
        }
    }

    record Sample() implements Query {
    }
}
