package io.quiver.adapter.in.rest.qdrant.mapping;

import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.IntegerValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import io.quiver.domain.payload.TreeReader;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.point.WithPayload;
import io.quiver.domain.point.WithVector;
import io.quiver.domain.query.ContextPair;
import io.quiver.domain.query.LookupFrom;
import io.quiver.domain.query.Prefetch;
import io.quiver.domain.query.Query;
import io.quiver.domain.query.QueryRequest;
import io.quiver.domain.query.QueryVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads Qdrant's {@code QueryRequest} (and its prefetches and query variants) into the domain query model. */
public final class QueryMapper {

    private QueryMapper() {
    }

    public static QueryRequest request(ObjectValue body, String path) {
        TreeReader r = TreeReader.of(body, path);
        PayloadValue withVector = r.has("with_vector") ? r.raw("with_vector") : r.raw("with_vectors");
        try {
            return new QueryRequest(prefetches(r), query(r.raw("query"), r.pathOf("query")), r.optString("using"),
                    PointsMapper.filter(r, "filter"), PointsMapper.searchParams(r), threshold(r),
                    count(r, "limit", 10), count(r, "offset", 0),
                    PointsMapper.withPayload(r.raw("with_payload"), r.pathOf("with_payload"), WithPayload.NONE),
                    PointsMapper.withVector(withVector, r.pathOf("with_vector"), WithVector.NONE), lookupFrom(r));
        } catch (ValidationException e) {
            throw path.isEmpty() ? e : e.under(path);
        }
    }

    public static List<QueryRequest> batch(ObjectValue body) {
        TreeReader r = TreeReader.of(body, "");
        List<PayloadValue> searches = r.optArray("searches");
        if (searches == null) {
            throw r.missing("searches");
        }
        List<QueryRequest> requests = new ArrayList<>();
        for (int i = 0; i < searches.size(); i++) {
            String path = "searches[" + i + "]";
            if (!(searches.get(i) instanceof ObjectValue o)) {
                throw TreeReader.mismatch(path, searches.get(i), "a map");
            }
            requests.add(request(o, path));
        }
        return requests;
    }

    private static List<Prefetch> prefetches(TreeReader r) {
        PayloadValue raw = r.raw("prefetch");
        if (raw == null) {
            return List.of();
        }
        List<PayloadValue> items = raw instanceof ArrayValue a ? a.values() : List.of(raw);
        List<Prefetch> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = raw instanceof ArrayValue ? r.pathOf("prefetch") + "[" + i + "]" : r.pathOf("prefetch");
            TreeReader p = TreeReader.of(items.get(i), path);
            out.add(new Prefetch(prefetches(p), query(p.raw("query"), p.pathOf("query")), p.optString("using"),
                    PointsMapper.filter(p, "filter"), PointsMapper.searchParams(p), threshold(p), count(p, "limit", 10),
                    lookupFrom(p)));
        }
        return out;
    }

    /** {@code QueryInterface}: a bare vector input (a nearest query) or one of the query objects. */
    public static Query query(PayloadValue v, String path) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof ObjectValue o) || o.fields().containsKey("indices") || isInference(o)) {
            return new Query.Nearest(vector(v, path), null);
        }
        boolean formula = o.fields().containsKey("formula");
        if (o.fields().size() != 1 && !(o.fields().containsKey("nearest") && o.fields().size() == 2)
                && !(formula && o.fields().containsKey("defaults") && o.fields().size() == 2)) {
            throw new MalformedInputException(path + ": expected exactly one query kind");
        }
        TreeReader r = TreeReader.of(o, path);
        if (formula) {
            return new Query.FormulaQuery(FormulaMapper.formula(r));
        }
        if (r.has("nearest")) {
            TreeReader mmr = r.child("mmr");
            Query.Mmr m = null;
            if (mmr != null) {
                Double diversity = mmr.optDouble("diversity");
                Long candidates = mmr.optUnsigned("candidates_limit");
                m = new Query.Mmr(diversity == null ? null : diversity.floatValue(),
                        candidates == null ? null : (int) Math.min(candidates, Integer.MAX_VALUE));
            }
            return new Query.Nearest(vector(r.raw("nearest"), r.pathOf("nearest")), m);
        }
        String kind = o.fields().keySet().iterator().next();
        String kindPath = r.pathOf(kind);
        return switch (kind) {
            case "recommend" -> {
                TreeReader rec = TreeReader.of(r.raw(kind), kindPath);
                String strategy = rec.optString("strategy");
                yield new Query.Recommend(vectors(rec, "positive"), vectors(rec, "negative"), strategy(strategy,
                        rec.pathOf("strategy")));
            }
            case "discover" -> {
                TreeReader d = TreeReader.of(r.raw(kind), kindPath);
                if (!d.has("target")) {
                    throw d.missing("target");
                }
                yield new Query.Discover(vector(d.raw("target"), d.pathOf("target")), pairs(d.raw("context"),
                        d.pathOf("context")));
            }
            case "context" -> new Query.Context(pairs(r.raw(kind), kindPath));
            case "order_by" -> new Query.OrderByQuery(PointsMapper.orderBy(r.raw(kind), kindPath));
            case "fusion" -> {
                String fusion = r.optString(kind);
                yield switch (fusion == null ? "" : fusion) {
                    case "rrf" -> new Query.Fusion(Query.FusionMethod.RRF);
                    case "dbsf" -> new Query.Fusion(Query.FusionMethod.DBSF);
                    default -> throw TreeReader.unknownVariant(kindPath, String.valueOf(fusion), List.of("rrf", "dbsf"));
                };
            }
            case "rrf" -> {
                TreeReader rrf = TreeReader.of(r.raw(kind), kindPath);
                Long k = rrf.optUnsigned("k");
                List<PayloadValue> w = rrf.optArray("weights");
                List<Float> weights = null;
                if (w != null) {
                    weights = new ArrayList<>();
                    for (int i = 0; i < w.size(); i++) {
                        Double d = w.get(i).asNumber();
                        if (d == null) {
                            throw TreeReader.mismatch(rrf.pathOf("weights") + "[" + i + "]", w.get(i), "f32");
                        }
                        weights.add(d.floatValue());
                    }
                }
                yield new Query.Rrf(k == null ? null : (int) Math.min(k, Integer.MAX_VALUE), weights);
            }
            case "sample" -> {
                String sample = r.optString(kind);
                if (!"random".equals(sample)) {
                    throw TreeReader.unknownVariant(kindPath, String.valueOf(sample), List.of("random"));
                }
                yield new Query.Sample();
            }
            case "relevance_feedback" -> throw new BadRequestException(
                    "`" + kind + "` queries are not supported yet by this server");
            default -> throw TreeReader.unknownVariant(path, kind, List.of("nearest", "recommend", "discover", "context",
                    "order_by", "fusion", "rrf", "formula", "sample", "relevance_feedback"));
        };
    }

    /** {@code VectorInput}: dense, sparse, multi, or a point id. */
    public static QueryVector vector(PayloadValue v, String path) {
        if (v instanceof IntegerValue || v instanceof StringValue) {
            return new QueryVector.ById(PointsMapper.pointId(v, path));
        }
        if (v instanceof ObjectValue o) {
            if (isInference(o)) {
                throw new BadRequestException("Inference (Document, Image, Object inputs) is not supported by this"
                        + " server; send the embedding vector instead");
            }
            return new QueryVector.Literal(PointsMapper.sparse(o, path));
        }
        if (v instanceof ArrayValue) {
            Map<String, VectorData> parsed = PointsMapper.vectorStruct(v, path);
            return new QueryVector.Literal(parsed.get(""));
        }
        throw TreeReader.mismatch(path, v == null ? PayloadValue.NULL : v, "a vector, a sparse vector, a multivector or a point id");
    }

    private static boolean isInference(ObjectValue o) {
        return o.fields().containsKey("text") || o.fields().containsKey("image") || o.fields().containsKey("object");
    }

    private static List<QueryVector> vectors(TreeReader r, String key) {
        List<PayloadValue> items = r.optArray(key);
        if (items == null) {
            return List.of();
        }
        List<QueryVector> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(vector(items.get(i), r.pathOf(key) + "[" + i + "]"));
        }
        return out;
    }

    private static List<ContextPair> pairs(PayloadValue raw, String path) {
        if (raw == null || raw.isNull()) {
            return List.of();
        }
        List<PayloadValue> items = raw instanceof ArrayValue a ? a.values() : List.of(raw);
        List<ContextPair> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String p = raw instanceof ArrayValue ? path + "[" + i + "]" : path;
            TreeReader pair = TreeReader.of(items.get(i), p);
            if (!pair.has("positive")) {
                throw pair.missing("positive");
            }
            if (!pair.has("negative")) {
                throw pair.missing("negative");
            }
            out.add(new ContextPair(vector(pair.raw("positive"), pair.pathOf("positive")),
                    vector(pair.raw("negative"), pair.pathOf("negative"))));
        }
        return out;
    }

    public static Query.RecommendStrategy strategy(String value, String path) {
        if (value == null) {
            return null;
        }
        for (Query.RecommendStrategy s : Query.RecommendStrategy.values()) {
            if (s.label().equals(value)) {
                return s;
            }
        }
        throw TreeReader.unknownVariant(path, value, List.of("average_vector", "best_score", "sum_scores"));
    }

    public static LookupFrom lookupFrom(TreeReader r) {
        TreeReader l = r.child("lookup_from");
        return l == null ? null : new LookupFrom(l.reqString("collection"), l.optString("vector"));
    }

    private static Float threshold(TreeReader r) {
        Double d = r.optDouble("score_threshold");
        return d == null ? null : d.floatValue();
    }

    private static int count(TreeReader r, String key, int fallback) {
        PayloadValue v = r.raw(key);
        if (v == null) {
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
