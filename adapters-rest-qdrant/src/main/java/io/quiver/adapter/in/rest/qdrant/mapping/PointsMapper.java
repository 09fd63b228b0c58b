package io.quiver.adapter.in.rest.qdrant.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import io.quiver.domain.error.BadRequestException;
import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.filter.FilterReader;
import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.BoolValue;
import io.quiver.domain.payload.PayloadValue.IntegerValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import io.quiver.domain.payload.TreeReader;
import io.quiver.domain.payload.PayloadDateTime;
import io.quiver.domain.point.OrderBy;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.SearchParams;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.PointRecord;
import io.quiver.domain.point.ScoredPoint;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.point.WithPayload;
import io.quiver.domain.point.WithVector;
import io.quiver.domain.update.PointsSelector;
import io.quiver.domain.update.UpdateMode;
import io.quiver.domain.update.UpdateOperation;
import io.quiver.domain.update.UpdateResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads Qdrant's point request shapes into domain operations and writes records and update results. */
public final class PointsMapper {

    private PointsMapper() {
    }

    // ---- ids and vectors -------------------------------------------------------------------------

    public static PointId pointId(PayloadValue v, String path) {
        if (v instanceof IntegerValue i) {
            if (i.value() < 0) {
                throw new MalformedInputException(path + ": invalid value: integer `" + i.value()
                        + "`, expected an unsigned integer or a UUID");
            }
            return PointId.of(i.value());
        }
        if (v instanceof PayloadValue.UnsignedIntegerValue u) {
            return PointId.of(u.bits());
        }
        if (v instanceof StringValue s) {
            try {
                return PointId.parseUuid(s.value());
            } catch (RuntimeException e) {
                throw new MalformedInputException(path + ": invalid point id \"" + s.value()
                        + "\": expected an unsigned integer or a UUID");
            }
        }
        throw TreeReader.mismatch(path, v, "an unsigned integer or a UUID");
    }

    public static List<PointId> pointIds(List<PayloadValue> values, String path) {
        List<PointId> ids = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            ids.add(pointId(values.get(i), path + "[" + i + "]"));
        }
        return ids;
    }

    /** A {@code VectorStruct}: a bare vector or multivector (the default vector), or a map by name. */
    public static Map<String, VectorData> vectorStruct(PayloadValue v, String path) {
        Map<String, VectorData> vectors = new LinkedHashMap<>();
        if (v instanceof ArrayValue a) {
            vectors.put("", denseOrMulti(a, path));
            return vectors;
        }
        if (v instanceof ObjectValue o) {
            o.fields().forEach((name, value) -> {
                if (!value.isNull()) {
                    vectors.put(name, namedVector(value, path + "." + name));
                }
            });
            return vectors;
        }
        throw TreeReader.mismatch(path, v, "a vector, a multivector or a map of named vectors");
    }

    private static VectorData namedVector(PayloadValue v, String path) {
        if (v instanceof ArrayValue a) {
            return denseOrMulti(a, path);
        }
        if (v instanceof ObjectValue o) {
            if (o.fields().containsKey("indices") || o.fields().containsKey("values")) {
                return sparse(o, path);
            }
            if (o.fields().containsKey("text") || o.fields().containsKey("image") || o.fields().containsKey("object")) {
                throw new BadRequestException("Inference (Document, Image, Object inputs) is not supported by this server;"
                        + " send the embedding vectors instead");
            }
        }
        throw TreeReader.mismatch(path, v, "a dense vector, a sparse vector or a multivector");
    }

    public static VectorData.Sparse sparse(ObjectValue o, String path) {
        TreeReader r = TreeReader.of(o, path);
        List<PayloadValue> indices = r.optArray("indices");
        List<PayloadValue> values = r.optArray("values");
        if (indices == null) {
            throw r.missing("indices");
        }
        if (values == null) {
            throw r.missing("values");
        }
        int[] idx = new int[indices.size()];
        for (int i = 0; i < idx.length; i++) {
            if (!(indices.get(i) instanceof IntegerValue n) || n.value() < 0 || n.value() > 0xFFFFFFFFL) {
                throw TreeReader.mismatch(path + ".indices[" + i + "]", indices.get(i), "u32");
            }
            idx[i] = (int) n.value();
        }
        float[] vals = floats(values, path + ".values");
        try {
            return new VectorData.Sparse(idx, vals);
        } catch (ValidationException e) {
            throw e.under(path);
        }
    }

    private static VectorData denseOrMulti(ArrayValue a, String path) {
        if (!a.values().isEmpty() && a.values().getFirst() instanceof ArrayValue) {
            float[][] rows = new float[a.values().size()][];
            for (int i = 0; i < rows.length; i++) {
                if (!(a.values().get(i) instanceof ArrayValue row)) {
                    throw TreeReader.mismatch(path + "[" + i + "]", a.values().get(i), "a vector");
                }
                rows[i] = floats(row.values(), path + "[" + i + "]");
            }
            try {
                return new VectorData.Multi(rows);
            } catch (ValidationException e) {
                throw e.under(path);
            }
        }
        if (a.values().isEmpty()) {
            throw ValidationException.of(path, "vector must not be empty");
        }
        return new VectorData.Dense(floats(a.values(), path));
    }

    private static float[] floats(List<PayloadValue> values, String path) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            Double d = values.get(i).asNumber();
            if (d == null) {
                throw TreeReader.mismatch(path + "[" + i + "]", values.get(i), "f32");
            }
            out[i] = d.floatValue();
        }
        return out;
    }

    // ---- operations ------------------------------------------------------------------------------

    /** {@code PointInsertOperations}: the list form {@code {"points":[…]}} or the batch form {@code {"batch":{…}}}. */
    public static UpdateOperation.Upsert upsert(ObjectValue body, String path) {
        TreeReader r = TreeReader.of(body, path);
        List<Point> points = new ArrayList<>();
        if (r.has("points")) {
            List<PayloadValue> list = r.optArray("points");
            for (int i = 0; i < list.size(); i++) {
                TreeReader p = TreeReader.of(list.get(i), r.pathOf("points[" + i + "]"));
                if (!p.has("id")) {
                    throw p.missing("id");
                }
                PointId id = pointId(p.raw("id"), p.pathOf("id"));
                Map<String, VectorData> vectors = p.has("vector") ? vectorStruct(p.raw("vector"), p.pathOf("vector")) : Map.of();
                points.add(new Point(id, vectors, p.optObject("payload")));
            }
        } else if (r.has("batch")) {
            points.addAll(batch(r.child("batch")));
        } else {
            throw new MalformedInputException(prefix(path) + "expected `points` or `batch`");
        }
        String mode = r.optString("update_mode");
        return new UpdateOperation.Upsert(points, updateMode(mode, r.pathOf("update_mode")), filter(r, "update_filter"));
    }

    private static List<Point> batch(TreeReader b) {
        List<PayloadValue> ids = b.optArray("ids");
        if (ids == null) {
            throw b.missing("ids");
        }
        List<PointId> pointIds = pointIds(ids, b.pathOf("ids"));
        List<Map<String, VectorData>> vectors = new ArrayList<>();
        for (int i = 0; i < pointIds.size(); i++) {
            vectors.add(new LinkedHashMap<>());
        }
        PayloadValue vs = b.raw("vectors");
        if (vs instanceof ArrayValue list) {
            checkBatchLength(list.values().size(), pointIds.size(), b.pathOf("vectors"));
            for (int i = 0; i < list.values().size(); i++) {
                PayloadValue v = list.values().get(i);
                if (!(v instanceof ArrayValue a)) {
                    throw TreeReader.mismatch(b.pathOf("vectors") + "[" + i + "]", v, "a vector");
                }
                vectors.get(i).put("", denseOrMulti(a, b.pathOf("vectors") + "[" + i + "]"));
            }
        } else if (vs instanceof ObjectValue named) {
            named.fields().forEach((name, column) -> {
                String colPath = b.pathOf("vectors") + "." + name;
                if (!(column instanceof ArrayValue list)) {
                    throw TreeReader.mismatch(colPath, column, "a list of vectors");
                }
                checkBatchLength(list.values().size(), pointIds.size(), colPath);
                for (int i = 0; i < list.values().size(); i++) {
                    vectors.get(i).put(name, namedVector(list.values().get(i), colPath + "[" + i + "]"));
                }
            });
        } else if (vs != null) {
            throw TreeReader.mismatch(b.pathOf("vectors"), vs, "a list of vectors or a map of named vector lists");
        }
        List<PayloadValue> payloads = b.optArray("payloads");
        if (payloads != null) {
            checkBatchLength(payloads.size(), pointIds.size(), b.pathOf("payloads"));
        }
        List<Point> points = new ArrayList<>(pointIds.size());
        for (int i = 0; i < pointIds.size(); i++) {
            ObjectValue payload = null;
            if (payloads != null && !payloads.get(i).isNull()) {
                if (!(payloads.get(i) instanceof ObjectValue o)) {
                    throw TreeReader.mismatch(b.pathOf("payloads") + "[" + i + "]", payloads.get(i), "a map");
                }
                payload = o;
            }
            points.add(new Point(pointIds.get(i), vectors.get(i), payload));
        }
        return points;
    }

    private static void checkBatchLength(int got, int ids, String path) {
        if (got != ids) {
            throw new io.quiver.domain.error.BadInputException("Batch has " + ids + " ids but " + got
                    + " entries in " + path + "; every column must have one entry per id");
        }
    }

    private static UpdateMode updateMode(String mode, String path) {
        if (mode == null) {
            return UpdateMode.UPSERT;
        }
        for (UpdateMode m : UpdateMode.values()) {
            if (m.label().equals(mode)) {
                return m;
            }
        }
        throw TreeReader.unknownVariant(path, mode, List.of("upsert", "insert_only", "update_only"));
    }

    /** {@code PointsSelector}: {@code {"points":[ids]}} or {@code {"filter":{…}}}. */
    public static PointsSelector selector(TreeReader r) {
        if (r.has("points")) {
            return new PointsSelector.ByIds(pointIds(r.optArray("points"), r.pathOf("points")));
        }
        if (r.has("filter")) {
            return new PointsSelector.ByFilter(filter(r, "filter"));
        }
        throw new MalformedInputException(prefix(r.path()) + "expected `points` or `filter`");
    }

    public static UpdateOperation.SetPayload setPayload(ObjectValue body, String path) {
        TreeReader r = TreeReader.of(body, path);
        ObjectValue payload = requiredObject(r, "payload");
        String key = r.optString("key");
        return new UpdateOperation.SetPayload(payload, selector(r), key == null ? null : jsonPath(key, r.pathOf("key")));
    }

    public static UpdateOperation.OverwritePayload overwritePayload(ObjectValue body, String path) {
        TreeReader r = TreeReader.of(body, path);
        return new UpdateOperation.OverwritePayload(requiredObject(r, "payload"), selector(r));
    }

    public static UpdateOperation.DeletePayload deletePayload(ObjectValue body, String path) {
        TreeReader r = TreeReader.of(body, path);
        List<PayloadValue> keys = r.optArray("keys");
        if (keys == null) {
            throw r.missing("keys");
        }
        List<JsonPath> paths = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (!(keys.get(i) instanceof StringValue s)) {
                throw TreeReader.mismatch(r.pathOf("keys") + "[" + i + "]", keys.get(i), "a string");
            }
            paths.add(jsonPath(s.value(), r.pathOf("keys") + "[" + i + "]"));
        }
        return new UpdateOperation.DeletePayload(paths, selector(r));
    }

    public static UpdateOperation.UpdateVectors updateVectors(ObjectValue body, String path) {
        TreeReader r = TreeReader.of(body, path);
        List<PayloadValue> points = r.optArray("points");
        if (points == null) {
            throw r.missing("points");
        }
        Map<PointId, Map<String, VectorData>> vectors = new LinkedHashMap<>();
        for (int i = 0; i < points.size(); i++) {
            TreeReader p = TreeReader.of(points.get(i), r.pathOf("points[" + i + "]"));
            if (!p.has("id")) {
                throw p.missing("id");
            }
            if (!p.has("vector")) {
                throw p.missing("vector");
            }
            vectors.put(pointId(p.raw("id"), p.pathOf("id")), vectorStruct(p.raw("vector"), p.pathOf("vector")));
        }
        return new UpdateOperation.UpdateVectors(vectors, filter(r, "update_filter"));
    }

    public static UpdateOperation.DeleteVectors deleteVectors(ObjectValue body, String path) {
        TreeReader r = TreeReader.of(body, path);
        List<PayloadValue> names = r.optArray("vector");
        if (names == null) {
            throw r.missing("vector");
        }
        List<String> list = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!(names.get(i) instanceof StringValue s)) {
                throw TreeReader.mismatch(r.pathOf("vector") + "[" + i + "]", names.get(i), "a string");
            }
            list.add(s.value());
        }
        return new UpdateOperation.DeleteVectors(selector(r), list);
    }

    /** {@code UpdateOperations}: {@code {"operations":[{"upsert":…},{"delete":…},…]}}. */
    public static List<UpdateOperation> batch(ObjectValue body) {
        TreeReader r = TreeReader.of(body, "");
        List<PayloadValue> ops = r.optArray("operations");
        if (ops == null) {
            throw r.missing("operations");
        }
        List<UpdateOperation> result = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            String path = "operations[" + i + "]";
            TreeReader op = TreeReader.of(ops.get(i), path);
            if (op.fields().size() != 1) {
                throw new MalformedInputException(path + ": expected exactly one operation");
            }
            String kind = op.fields().keySet().iterator().next();
            ObjectValue arg = op.optObject(kind);
            if (arg == null) {
                throw TreeReader.mismatch(op.pathOf(kind), PayloadValue.NULL, "a map");
            }
            String argPath = op.pathOf(kind);
            result.add(switch (kind) {
                case "upsert" -> upsert(arg, argPath);
                case "delete" -> new UpdateOperation.Delete(selector(TreeReader.of(arg, argPath)));
                case "set_payload" -> setPayload(arg, argPath);
                case "overwrite_payload" -> overwritePayload(arg, argPath);
                case "delete_payload" -> deletePayload(arg, argPath);
                case "clear_payload" -> new UpdateOperation.ClearPayload(selector(TreeReader.of(arg, argPath)));
                case "update_vectors" -> updateVectors(arg, argPath);
                case "delete_vectors" -> deleteVectors(arg, argPath);
                default -> throw TreeReader.unknownVariant(path, kind, List.of("upsert", "delete", "set_payload",
                        "overwrite_payload", "delete_payload", "clear_payload", "update_vectors", "delete_vectors"));
            });
        }
        return result;
    }

    // ---- read options ----------------------------------------------------------------------------

    /** {@code params} ({@code SearchParams}): hnsw_ef, exact, indexed_only, quantization; acorn is accepted. */
    public static SearchParams searchParams(TreeReader body) {
        TreeReader p = body.child("params");
        if (p == null) {
            return SearchParams.DEFAULT;
        }
        Long ef = p.optUnsigned("hnsw_ef");
        Boolean exact = p.optBool("exact");
        Boolean indexedOnly = p.optBool("indexed_only");
        return new SearchParams(ef == null ? null : (int) Math.min(ef, Integer.MAX_VALUE),
                exact != null && exact, indexedOnly != null && indexedOnly, quantization(p));
    }

    /** {@code params.quantization} ({@code QuantizationSearchParams}): ignore, rescore, oversampling (at least 1). */
    private static SearchParams.Quantization quantization(TreeReader params) {
        TreeReader q = params.child("quantization");
        if (q == null) {
            return null;
        }
        Boolean ignore = q.optBool("ignore");
        Boolean rescore = q.optBool("rescore");
        Double oversampling = q.optDouble("oversampling");
        try {
            return new SearchParams.Quantization(ignore != null && ignore, rescore, oversampling);
        } catch (ValidationException e) {
            // relative to the request, as the request's own rules: its reader prefixes batch positions
            throw e.under("params.quantization");
        }
    }

    /** {@code order_by}: a key, or {@code {key, direction: asc|desc, start_from: number | datetime}}. */
    public static OrderBy orderBy(PayloadValue v, String path) {
        if (v instanceof StringValue s) {
            return new OrderBy(s.value(), false, null);
        }
        TreeReader r = TreeReader.of(v, path);
        String direction = r.optString("direction");
        if (direction != null && !direction.equals("asc") && !direction.equals("desc")) {
            throw TreeReader.unknownVariant(r.pathOf("direction"), direction, List.of("asc", "desc"));
        }
        Double start = null;
        PayloadValue from = r.raw("start_from");
        if (from instanceof StringValue s) {
            start = PayloadDateTime.parse(s.value())
                    .map(t -> (double) (t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000))
                    .orElseThrow(() -> new MalformedInputException(r.pathOf("start_from")
                            + ": expected a number or an RFC 3339 date-time, got \"" + s.value() + "\""));
        } else if (from != null) {
            start = r.optDouble("start_from");
        }
        return new OrderBy(r.reqString("key"), "desc".equals(direction), start);
    }

    public static Filter filter(TreeReader r, String key) {
        return r.has(key) ? FilterReader.read(r.raw(key), r.pathOf(key)) : null;
    }

    /** {@code with_payload}: a boolean, a list of keys, or {@code {include|exclude: [keys]}}. */
    public static WithPayload withPayload(PayloadValue v, String path, WithPayload fallback) {
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v instanceof BoolValue b) {
            return b.value() ? WithPayload.ALL : WithPayload.NONE;
        }
        if (v instanceof ArrayValue a) {
            return new WithPayload.Include(paths(a.values(), path));
        }
        if (v instanceof ObjectValue o) {
            TreeReader r = TreeReader.of(o, path);
            if (r.has("include")) {
                return new WithPayload.Include(paths(listOrOne(r.raw("include")), r.pathOf("include")));
            }
            if (r.has("exclude")) {
                return new WithPayload.Exclude(paths(listOrOne(r.raw("exclude")), r.pathOf("exclude")));
            }
        }
        throw TreeReader.mismatch(path, v, "a boolean, a list of keys or {include|exclude}");
    }

    /** {@code with_vector(s)}: a boolean or a list of vector names. */
    public static WithVector withVector(PayloadValue v, String path, WithVector fallback) {
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v instanceof BoolValue b) {
            return b.value() ? WithVector.ALL : WithVector.NONE;
        }
        if (v instanceof ArrayValue a) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < a.values().size(); i++) {
                if (!(a.values().get(i) instanceof StringValue s)) {
                    throw TreeReader.mismatch(path + "[" + i + "]", a.values().get(i), "a string");
                }
                names.add(s.value());
            }
            return new WithVector.Names(names);
        }
        throw TreeReader.mismatch(path, v, "a boolean or a list of vector names");
    }

    private static List<PayloadValue> listOrOne(PayloadValue v) {
        return v instanceof ArrayValue a ? a.values() : List.of(v);
    }

    private static List<JsonPath> paths(List<PayloadValue> values, String path) {
        List<JsonPath> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (!(values.get(i) instanceof StringValue s)) {
                throw TreeReader.mismatch(path + "[" + i + "]", values.get(i), "a string");
            }
            out.add(jsonPath(s.value(), path + "[" + i + "]"));
        }
        return out;
    }

    private static JsonPath jsonPath(String text, String path) {
        try {
            return JsonPath.parse(text);
        } catch (ValidationException e) {
            throw e.under(path);
        }
    }

    private static ObjectValue requiredObject(TreeReader r, String key) {
        ObjectValue o = r.optObject(key);
        if (o == null) {
            throw r.missing(key);
        }
        return o;
    }

    private static String prefix(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    // ---- writing ---------------------------------------------------------------------------------

    public static void writeId(JsonGenerator g, PointId id) throws IOException {
        switch (id) {
            case PointId.NumericId n -> {
                if (n.value() >= 0) {
                    g.writeNumber(n.value());
                } else {
                    g.writeNumber(new java.math.BigInteger(Long.toUnsignedString(n.value())));
                }
            }
            case PointId.UuidId u -> g.writeString(u.value().toString());
        }
    }

    public static void writeRecord(JsonGenerator g, PointRecord r) throws IOException {
        g.writeStartObject();
        g.writeFieldName("id");
        writeId(g, r.id());
        writeBody(g, r);
        if (r.orderValue() != null) {
            g.writeFieldName("order_value");
            JsonTrees.write(g, r.orderValue());
        }
        g.writeEndObject();
    }

    /** A {@code ScoredPoint}: id, version, score, then payload and vector when selected, and any order value. */
    public static void writeScoredPoint(JsonGenerator g, ScoredPoint hit) throws IOException {
        g.writeStartObject();
        g.writeFieldName("id");
        writeId(g, hit.record().id());
        g.writeNumberField("version", hit.version());
        g.writeNumberField("score", hit.score());
        writeBody(g, hit.record());
        if (hit.record().orderValue() != null) {
            g.writeFieldName("order_value");
            JsonTrees.write(g, hit.record().orderValue());
        }
        g.writeEndObject();
    }

    /** A list of scored points as a JSON array. */
    public static void writeScoredPoints(JsonGenerator g, List<ScoredPoint> hits) throws IOException {
        g.writeStartArray();
        for (ScoredPoint hit : hits) {
            writeScoredPoint(g, hit);
        }
        g.writeEndArray();
    }

    /** The payload and vector fields of a record or scored point. */
    public static void writeBody(JsonGenerator g, PointRecord r) throws IOException {
        if (r.payload() != null) {
            g.writeFieldName("payload");
            JsonTrees.write(g, r.payload());
        }
        if (r.vectors() != null) {
            g.writeFieldName("vector");
            writeVectors(g, r.vectors());
        }
    }

    /** A lone default vector is written bare, as Qdrant does; otherwise a map by name. */
    public static void writeVectors(JsonGenerator g, Map<String, VectorData> vectors) throws IOException {
        if (vectors.size() == 1 && vectors.containsKey("")) {
            writeVector(g, vectors.get(""));
            return;
        }
        g.writeStartObject();
        for (Map.Entry<String, VectorData> e : vectors.entrySet()) {
            g.writeFieldName(e.getKey());
            writeVector(g, e.getValue());
        }
        g.writeEndObject();
    }

    private static void writeVector(JsonGenerator g, VectorData v) throws IOException {
        switch (v) {
            case VectorData.Dense d -> writeFloats(g, d.values());
            case VectorData.Sparse s -> {
                g.writeStartObject();
                g.writeArrayFieldStart("indices");
                for (int i : s.indices()) {
                    g.writeNumber(Integer.toUnsignedLong(i));
                }
                g.writeEndArray();
                g.writeFieldName("values");
                writeFloats(g, s.values());
                g.writeEndObject();
            }
            case VectorData.Multi m -> {
                g.writeStartArray();
                for (float[] row : m.vectors()) {
                    writeFloats(g, row);
                }
                g.writeEndArray();
            }
        }
    }

    private static void writeFloats(JsonGenerator g, float[] values) throws IOException {
        g.writeStartArray();
        for (float f : values) {
            g.writeNumber(f);
        }
        g.writeEndArray();
    }

    public static void writeUpdateResult(JsonGenerator g, UpdateResult r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("operation_id", r.operationId());
        g.writeStringField("status", r.status().label());
        g.writeEndObject();
    }
}
