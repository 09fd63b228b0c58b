package io.quiver.adapter.out.storage.mvstore;

import io.quiver.adapter.out.storage.codec.PayloadCodec;
import io.quiver.adapter.out.storage.codec.PointCodec;
import io.quiver.application.port.out.PointStore;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.index.PayloadFieldSchemaReader;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * A collection's points in one MVStore file: a sorted map from id key to encoded point, and the id of
 * the last applied operation. Each write is one MVStore commit, so a killed process keeps all of a
 * write or none of it.
 */
final class MvStorePointStore implements PointStore {

    private static final String LAST_OPERATION = "last_operation_id";

    private final MVStore store;
    private final MVMap<String, byte[]> points;
    private final MVMap<String, Long> meta;
    private final MVMap<String, byte[]> payloadIndexes;

    MvStorePointStore(Path file) {
        this.store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        this.points = store.openMap("points");
        this.meta = store.openMap("meta");
        this.payloadIndexes = store.openMap("payload_indexes");
    }

    @Override
    public Optional<Point> get(PointId id) {
        byte[] bytes = points.get(PointCodec.key(id));
        return bytes == null ? Optional.empty() : Optional.of(PointCodec.decode(id, bytes));
    }

    @Override
    public synchronized void write(List<PointWrite> writes, long operationId) {
        for (PointWrite w : writes) {
            switch (w) {
                case PointWrite.Put put -> points.put(PointCodec.key(put.point().id()),
                        PointCodec.encode(put.point().withVersion(operationId)));
                case PointWrite.Remove remove -> points.remove(PointCodec.key(remove.id()));
            }
        }
        meta.put(LAST_OPERATION, operationId);
        store.commit();
    }

    @Override
    public synchronized void restore(List<Point> restored, long lastOperationId) {
        for (Point p : restored) {
            points.put(PointCodec.key(p.id()), PointCodec.encode(p));
        }
        meta.put(LAST_OPERATION, Math.max(lastOperationId(), lastOperationId));
        store.commit();
    }

    @Override
    public long lastOperationId() {
        Long last = meta.get(LAST_OPERATION);
        return last == null ? 0 : last;
    }

    @Override
    public long count() {
        return points.size();
    }

    @Override
    public void scan(PointId from, Predicate<Point> visitor) {
        Cursor<String, byte[]> cursor = points.cursor(from == null ? null : PointCodec.key(from));
        while (cursor.hasNext()) {
            String key = cursor.next();
            if (!visitor.test(PointCodec.decode(PointCodec.id(key), cursor.getValue()))) {
                return;
            }
        }
    }

    @Override
    public List<PayloadFieldSchema> payloadIndexes() {
        List<PayloadFieldSchema> schemas = new ArrayList<>();
        payloadIndexes.forEach((field, bytes) ->
                schemas.add(PayloadFieldSchemaReader.fromDocument(PayloadCodec.decodeObject(bytes))));
        return schemas;
    }

    @Override
    public synchronized void savePayloadIndexes(List<PayloadFieldSchema> schemas, long operationId) {
        payloadIndexes.clear();
        for (PayloadFieldSchema s : schemas) {
            payloadIndexes.put(s.fieldName(), PayloadCodec.encode(PayloadFieldSchemaReader.toDocument(s)));
        }
        meta.put(LAST_OPERATION, operationId);
        store.commit();
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }
}
