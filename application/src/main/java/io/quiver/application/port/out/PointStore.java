package io.quiver.application.port.out;

import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The points of one collection. {@link #write} is atomic and durable when it returns: after a crash the
 * store holds all of a write or none of it.
 */
public interface PointStore extends AutoCloseable {

    /** One change: store a point whole (replacing any with its id), or remove an id. */
    sealed interface PointWrite {
        record Put(Point point) implements PointWrite {
        }

        record Remove(PointId id) implements PointWrite {
        }
    }

    Optional<Point> get(PointId id);

    /**
     * Applies {@code writes} in order, stamping each stored point's version with {@code operationId},
     * and records it as the last operation applied.
     */
    void write(List<PointWrite> writes, long operationId);

    long lastOperationId();

    /**
     * Stores points whole, keeping the versions they carry (a collection recovered from a snapshot), and
     * records {@code lastOperationId} as the last operation applied. Stores without a form of their own
     * fall back to one {@link #write} per run of equal versions.
     */
    default void restore(List<Point> points, long lastOperationId) {
        int start = 0;
        for (int i = 1; i <= points.size(); i++) {
            if (i == points.size() || points.get(i).version() != points.get(start).version()) {
                List<PointWrite> run = new java.util.ArrayList<>(i - start);
                points.subList(start, i).forEach(p -> run.add(new PointWrite.Put(p)));
                write(run, points.get(start).version());
                start = i;
            }
        }
    }

    long count();

    /**
     * Visits points in id order (numbers ascending, then UUIDs), starting at {@code from} inclusive or at
     * the first point when null, until the visitor returns false.
     */
    void scan(PointId from, Predicate<Point> visitor);

    /** The payload indexes declared on this collection, as last saved. */
    List<PayloadFieldSchema> payloadIndexes();

    /** Durably replaces the declared payload indexes. */
    void savePayloadIndexes(List<PayloadFieldSchema> schemas, long operationId);

    @Override
    void close();
}
