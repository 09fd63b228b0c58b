package io.quiver.adapter.in.rest.qdrant.mapping;

import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.IntegerValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.TreeReader;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.point.WithPayload;
import io.quiver.domain.point.WithVector;
import io.quiver.domain.query.ContextPair;
import io.quiver.domain.query.LookupFrom;
import io.quiver.domain.query.Query;
import io.quiver.domain.query.QueryRequest;
import io.quiver.domain.query.QueryVector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads the legacy (1.18 document) search, recommend and discover requests into universal queries, so
 * that the query engine answers them: {@code RecommendRequest} becomes a recommend query,
 * {@code DiscoverRequest} a discover query (a context query without a target), a {@code SearchRequest}
 * a nearest query.
 */
public final class LegacyMapper {

    private LegacyMapper() {
    }

    /** {@code RecommendRequest}; {@code limit} is required. */
    public static QueryRequest recommend(ObjectValue body, String path) {
        TreeReader r = TreeReader.of(body, path);
        return request(r, path, recommendQuery(r), required(r, "limit"), count(r, "offset", 0), true);
    }

    /** {@code DiscoverRequest}; {@code limit} is required. Discover requests have no score threshold. */
    public static QueryRequest discover(ObjectValue body, String path) {
        TreeReader r = TreeReader.of(body, path);
        return request(r, path, discoverQuery(r), required(r, "limit"), count(r, "offset", 0), false);
    }

    /** {@code {"searches": [...]}} of requests read by {@code one}. */
    public static List<QueryRequest> batch(ObjectValue body, BiFunction<ObjectValue, String, QueryRequest> one) {
        TreeReader r = TreeReader.of(body, "");
        List<PayloadValue> searches = r.optArray("searches");
        if (searches == null) {
            throw r.missing("searches");
        }
        List<QueryRequest> out = new ArrayList<>();
        for (int i = 0; i < searches.size(); i++) {
            String path = "searches[" + i + "]";
            if (!(searches.get(i) instanceof ObjectValue o)) {
                throw TreeReader.mismatch(path, searches.get(i), "a map");
            }
            out.add(one.apply(o, path));
        }
        return out;
    }

    /** Whether a {@code SearchRequest}'s vector is a {@code NamedSparseVector}. */
    public static boolean isSparseSearch(ObjectValue body) {
        return body.get("vector") instanceof ObjectValue named && named.get("vector") instanceof ObjectValue;
    }

    /** {@code SearchRequest} as a nearest query; {@code limit} is required. */
    public static QueryRequest search(ObjectValue body, String path) {
        TreeReader r = TreeReader.of(body, path);
        NamedQuery named = namedVector(r);
        return request(r, path, new Query.Nearest(named.vector(), null), named.using(), required(r, "limit"),
                count(r, "offset", 0), true, null);
    }

    /** A {@code NamedVectorStruct}: a bare dense vector, {@code {name, vector: [..]}} or {@code {name, vector: {indices, values}}}. */
    public record NamedQuery(String using, QueryVector vector) {
    }

    public static NamedQuery namedVector(TreeReader r) {
        PayloadValue v = r.raw("vector");
        if (v == null || v.isNull()) {
            throw r.missing("vector");
        }
        String path = r.pathOf("vector");
        if (v instanceof ArrayValue a) {
            return new NamedQuery("", new QueryVector.Literal(dense(a, path)));
        }
        if (!(v instanceof ObjectValue o)) {
            throw TreeReader.mismatch(path, v, "a vector, a named vector or a named sparse vector");
        }
        TreeReader n = TreeReader.of(o, path);
        String name = n.reqString("name");
        PayloadValue raw = n.raw("vector");
        if (raw instanceof ArrayValue a) {
            return new NamedQuery(name, new QueryVector.Literal(dense(a, n.pathOf("vector"))));
        }
        if (raw instanceof ObjectValue sparse) {
            return new NamedQuery(name, new QueryVector.Literal(PointsMapper.sparse(sparse, n.pathOf("vector"))));
        }
        throw raw == null || raw.isNull() ? n.missing("vector")
                : TreeReader.mismatch(n.pathOf("vector"), raw, "a vector or a sparse vector");
    }

    private static VectorData dense(ArrayValue a, String path) {
        VectorData data = PointsMapper.vectorStruct(a, path).get("");
        if (!(data instanceof VectorData.Dense)) {
            throw TreeReader.mismatch(path, a, "a vector");
        }
        return data;
    }

    /**
     * The recommend part of {@code RecommendRequest} and {@code RecommendGroupsRequest}, with Qdrant's
     * check on the number of examples for the strategy.
     */
    public static Query.Recommend recommendQuery(TreeReader r) {
        Query.RecommendStrategy strategy = QueryMapper.strategy(r.optString("strategy"), r.pathOf("strategy"));
        Query.Recommend query = new Query.Recommend(examples(r, "positive"), examples(r, "negative"), strategy);
        if (query.strategy() == Query.RecommendStrategy.AVERAGE_VECTOR && query.positive().isEmpty()) {
            throw new BadRequestException("At least one positive vector ID required with this strategy");
        }
        if (query.positive().isEmpty() && query.negative().isEmpty()) {
            throw new BadRequestException("At least one positive or negative vector ID required with this strategy");
        }
        return query;
    }

    /** With a target a discover query, with context pairs only a context query, as Qdrant's legacy discover. */
    private static Query discoverQuery(TreeReader r) {
        PayloadValue target = r.raw("target");
        List<ContextPair> pairs = new ArrayList<>();
        PayloadValue context = r.raw("context");
        if (context != null && !context.isNull()) {
            if (!(context instanceof ArrayValue a)) {
                throw TreeReader.mismatch(r.pathOf("context"), context, "a list of context pairs");
            }
            for (int i = 0; i < a.values().size(); i++) {
                TreeReader pair = TreeReader.of(a.values().get(i), r.pathOf("context") + "[" + i + "]");
                if (!pair.has("positive")) {
                    throw pair.missing("positive");
                }
                if (!pair.has("negative")) {
                    throw pair.missing("negative");
                }
                pairs.add(new ContextPair(QueryMapper.vector(pair.raw("positive"), pair.pathOf("positive")),
                        QueryMapper.vector(pair.raw("negative"), pair.pathOf("negative"))));
            }
        }
        boolean noTarget = target == null || target.isNull();
        if (noTarget && pairs.isEmpty()) {
            throw new BadRequestException("target and/or context_pairs must be specified");
        }
        return noTarget ? new Query.Context(pairs)
                : new Query.Discover(QueryMapper.vector(target, r.pathOf("target")), pairs);
    }

    private static List<QueryVector> examples(TreeReader r, String key) {
        PayloadValue raw = r.raw(key);
        if (raw == null || raw.isNull()) {
            return List.of();
        }
        if (!(raw instanceof ArrayValue a)) {
            throw TreeReader.mismatch(r.pathOf(key), raw, "a list of point ids or vectors");
        }
        List<QueryVector> out = new ArrayList<>();
        for (int i = 0; i < a.values().size(); i++) {
            out.add(QueryMapper.vector(a.values().get(i), r.pathOf(key) + "[" + i + "]"));
        }
        return out;
    }

    private static QueryRequest request(TreeReader r, String path, Query query, int limit, int offset,
                                        boolean withThreshold) {
        return request(r, path, query, r.optString("using"), limit, offset, withThreshold, lookupFrom(r));
    }

    /** The fields every legacy request shares; validation errors are reported under {@code path}. */
    public static QueryRequest request(TreeReader r, String path, Query query, String using, int limit, int offset,
                                       boolean withThreshold, LookupFrom lookupFrom) {
        PayloadValue withVector = r.has("with_vector") ? r.raw("with_vector") : r.raw("with_vectors");
        try {
            return new QueryRequest(List.of(), query, using, PointsMapper.filter(r, "filter"),
                    PointsMapper.searchParams(r), withThreshold ? threshold(r) : null, limit, offset,
                    PointsMapper.withPayload(r.raw("with_payload"), r.pathOf("with_payload"), WithPayload.NONE),
                    PointsMapper.withVector(withVector, r.pathOf("with_vector"), WithVector.NONE), lookupFrom);
        } catch (ValidationException e) {
            throw path.isEmpty() ? e : e.under(path);
        }
    }

    /**
     * Legacy {@code lookup_from}: without a {@code vector} the default vector is read, not {@code using}
     * (unlike the universal query).
     */
    public static LookupFrom lookupFrom(TreeReader r) {
        TreeReader l = r.child("lookup_from");
        if (l == null) {
            return null;
        }
        String vector = l.optString("vector");
        return new LookupFrom(l.reqString("collection"), vector == null ? "" : vector);
    }

    static Float threshold(TreeReader r) {
        Double d = r.optDouble("score_threshold");
        return d == null ? null : d.floatValue();
    }

    static int required(TreeReader r, String key) {
        PayloadValue v = r.raw(key);
        if (v == null || v.isNull()) {
            throw r.missing(key);
        }
        return count(r, key, 0);
    }

    /** An unsigned count; absent or null gives {@code fallback}. */
    static int count(TreeReader r, String key, int fallback) {
        PayloadValue v = r.raw(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v instanceof IntegerValue i) {
            if (i.value() < 0) {
                throw new MalformedInputException(r.pathOf(key) + ": invalid value: integer `" + i.value()
                        + "`, expected usize");
            }
            return (int) Math.min(i.value(), Integer.MAX_VALUE);
        }
        throw TreeReader.mismatch(r.pathOf(key), v, "usize");
    }
}
