package io.quiver.benchmarks.recall;

import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * The filtered-search variants. Every point carries the payload {@code {"label": "<digit>", "bucket":
 * id % 10}} ({@code label} from the dataset's labels, as a keyword; {@code bucket} an integer derived from
 * the point id, independent of label and vector because the base rows are shuffled/unordered).
 *
 * <p>Query {@code i} filters on label {@code L = i % 10} and, for the 1 % case, also on bucket
 * {@code B = (i / 10) % 10}, so the 1,000 queries cycle evenly through all 100 (L, B) combinations. The
 * filter value does not depend on the query's own digit: for ~90 % of queries the wanted label differs
 * from the query's class, which is the hard case for a graph (the unfiltered neighbourhood is mostly
 * filtered out). This mirrors qdrant's ann-filtering benchmarks, whose conditions are random per query.
 */
enum FilterCase {

    NONE("none", "no filter"),
    LABEL("label", "label == i % 10 (keyword; ~10 % of points)"),
    LABEL_BUCKET("label-bucket", "label == i % 10 AND bucket == (i / 10) % 10, bucket = id % 10 (integer; ~1 % of points)");

    private final String key;
    private final String description;

    FilterCase(String key, String description) {
        this.key = key;
        this.description = description;
    }

    String key() {
        return key;
    }

    String description() {
        return description;
    }

    boolean needsLabels() {
        return this != NONE;
    }

    static FilterCase parse(String text) {
        for (FilterCase f : values()) {
            if (f.key.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown filter '" + text + "' (none, label, label-bucket)");
    }

    static int bucketOf(int id) {
        return id % 10;
    }

    static int labelFor(int query) {
        return query % 10;
    }

    static int bucketFor(int query) {
        return (query / 10) % 10;
    }

    /** Which base rows pass this filter for query {@code query}; null for no filter. */
    IntPredicate basePredicate(int[] baseLabels, int query) {
        return switch (this) {
            case NONE -> null;
            case LABEL -> {
                int label = labelFor(query);
                yield id -> baseLabels[id] == label;
            }
            case LABEL_BUCKET -> {
                int label = labelFor(query);
                int bucket = bucketFor(query);
                yield id -> baseLabels[id] == label && bucketOf(id) == bucket;
            }
        };
    }

    /** Qdrant's filter JSON for query {@code query}; null for no filter. */
    String json(int query) {
        return switch (this) {
            case NONE -> null;
            case LABEL -> "{\"must\":[{\"key\":\"label\",\"match\":{\"value\":\"" + labelFor(query) + "\"}}]}";
            case LABEL_BUCKET -> "{\"must\":[{\"key\":\"label\",\"match\":{\"value\":\"" + labelFor(query)
                    + "\"}},{\"key\":\"bucket\",\"match\":{\"value\":" + bucketFor(query) + "}}]}";
        };
    }
}
