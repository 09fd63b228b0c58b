package io.quiver.application.service;

import io.quiver.application.port.out.PointStore;
import io.quiver.application.port.out.PointStore.PointWrite;
import io.quiver.domain.collection.CollectionParams;
import io.quiver.domain.error.BadInputException;
import io.quiver.domain.payload.PayloadOperations;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.update.PointPreparation;
import io.quiver.domain.update.UpdateMode;
import io.quiver.domain.update.UpdateOperation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one update operation into the whole-point writes it implies, checking everything first so that
 * a rejected operation writes nothing.
 */
final class OperationPlanner {

    private final PointPreparation preparation;

    OperationPlanner(PointPreparation preparation) {
        this.preparation = preparation;
    }

    List<PointWrite> plan(UpdateOperation op, LiveCollection collection) {
        PointStore store = collection.points();
        CollectionParams params = collection.config().params();
        return switch (op) {
            case UpdateOperation.Upsert u -> upsert(u, store, params);
            case UpdateOperation.Delete d -> PointSelection.existing(collection, d.selector()).stream()
                    .<PointWrite>map(p -> new PointWrite.Remove(p.id())).toList();
            case UpdateOperation.SetPayload s -> rewritePayload(collection, s.selector(),
                    payload -> PayloadOperations.set(payload, s.payload(), s.key()));
            case UpdateOperation.OverwritePayload o -> rewritePayload(collection, o.selector(),
                    payload -> PayloadOperations.overwrite(payload, o.payload()));
            case UpdateOperation.DeletePayload d -> rewritePayload(collection, d.selector(),
                    payload -> PayloadOperations.deleteKeys(payload, d.keys()));
            case UpdateOperation.ClearPayload c -> rewritePayload(collection, c.selector(), PayloadOperations::clear);
            case UpdateOperation.UpdateVectors u -> updateVectors(u, store, params);
            case UpdateOperation.DeleteVectors d -> deleteVectors(d, collection, params);
        };
    }

    private List<PointWrite> upsert(UpdateOperation.Upsert u, PointStore store, CollectionParams params) {
        Map<PointId, Point> prepared = new LinkedHashMap<>();
        for (Point p : u.points()) {
            prepared.put(p.id(), preparation.prepare(p, params));
        }
        List<PointWrite> writes = new ArrayList<>(prepared.size());
        for (Point p : prepared.values()) {
            boolean needsLookup = u.mode() != UpdateMode.UPSERT || u.updateFilter() != null;
            Optional<Point> existing = needsLookup ? store.get(p.id()) : Optional.empty();
            if (u.mode() == UpdateMode.INSERT_ONLY && existing.isPresent()) {
                continue;
            }
            if (u.mode() == UpdateMode.UPDATE_ONLY && existing.isEmpty()) {
                continue;
            }
            if (u.updateFilter() != null && existing.isPresent()
                    && !PointViews.matches(u.updateFilter(), existing.get())) {
                continue;
            }
            writes.add(new PointWrite.Put(p));
        }
        return writes;
    }

    private interface PayloadChange {
        ObjectValue apply(ObjectValue payload);
    }

    private static List<PointWrite> rewritePayload(LiveCollection collection,
                                                   io.quiver.domain.update.PointsSelector selector,
                                                   PayloadChange change) {
        return PointSelection.required(collection, selector).stream()
                .<PointWrite>map(p -> new PointWrite.Put(p.withPayload(change.apply(p.payload()))))
                .toList();
    }

    private List<PointWrite> updateVectors(UpdateOperation.UpdateVectors u, PointStore store, CollectionParams params) {
        List<PointWrite> writes = new ArrayList<>();
        for (Map.Entry<PointId, Map<String, VectorData>> e : u.vectors().entrySet()) {
            Point current = PointSelection.requireOne(store, e.getKey());
            Map<String, VectorData> incoming = preparation.prepareVectors(e.getValue(), params);
            if (u.updateFilter() != null && !PointViews.matches(u.updateFilter(), current)) {
                continue;
            }
            Map<String, VectorData> merged = new LinkedHashMap<>(current.vectors());
            merged.putAll(incoming);
            writes.add(new PointWrite.Put(current.withVectors(merged)));
        }
        return writes;
    }

    private static List<PointWrite> deleteVectors(UpdateOperation.DeleteVectors d, LiveCollection collection,
                                                  CollectionParams params) {
        for (String name : d.names()) {
            if (!params.hasVectorName(name)) {
                throw new BadInputException("Not existing vector name error: " + name);
            }
        }
        List<PointWrite> writes = new ArrayList<>();
        for (Point p : PointSelection.required(collection, d.selector())) {
            Map<String, VectorData> remaining = new LinkedHashMap<>(p.vectors());
            d.names().forEach(remaining::remove);
            writes.add(new PointWrite.Put(p.withVectors(remaining)));
        }
        return writes;
    }
}
