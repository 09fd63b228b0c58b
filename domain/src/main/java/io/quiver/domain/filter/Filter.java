package io.quiver.domain.filter;

import java.util.List;

/**
 * A Qdrant filter. Each clause is null when absent, which is different from empty:
 * <ul>
 *   <li>{@code must}: all conditions match (an empty list is vacuously true);</li>
 *   <li>{@code should}: at least one condition matches, so an empty list matches nothing (Qdrant
 *       keeps this deliberately, qdrant#554);</li>
 *   <li>{@code mustNot}: no condition matches (an empty list is vacuously true);</li>
 *   <li>{@code minShould}: at least {@code minCount} of its conditions match.</li>
 * </ul>
 * All present clauses must hold. A filter with every clause absent matches every point.
 */
public record Filter(List<Condition> must, List<Condition> should, List<Condition> mustNot, MinShould minShould) {

    public static final Filter MATCH_ALL = new Filter(null, null, null, null);

    public Filter {
        must = must == null ? null : List.copyOf(must);
        should = should == null ? null : List.copyOf(should);
        mustNot = mustNot == null ? null : List.copyOf(mustNot);
    }

    public static Filter must(Condition... conditions) {
        return new Filter(List.of(conditions), null, null, null);
    }

    public static Filter should(Condition... conditions) {
        return new Filter(null, List.of(conditions), null, null);
    }

    public static Filter mustNot(Condition... conditions) {
        return new Filter(null, null, List.of(conditions), null);
    }

    public static Filter minShould(int minCount, Condition... conditions) {
        return new Filter(null, null, null, new MinShould(List.of(conditions), minCount));
    }

    public boolean matches(PointView point) {
        return FilterEvaluator.matches(this, point);
    }
}
