package io.quiver.application.service;

import io.quiver.application.port.out.PointStore;
import io.quiver.domain.error.NotFoundException;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.update.PointsSelector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Finds the stored points an operation's selector names. */
final class PointSelection {

    private PointSelection() {
    }

    /** Existing points the selector names; ids that do not exist are skipped. */
    static List<Point> existing(LiveCollection collection, PointsSelector selector) {
        PointStore store = collection.points();
        List<Point> found = new ArrayList<>();
        switch (selector) {
            case PointsSelector.ByIds ids -> {
                for (PointId id : new LinkedHashSet<>(ids.ids())) {
                    store.get(id).ifPresent(found::add);
                }
            }
            case PointsSelector.ByFilter f -> FilteredPoints.visit(collection, f.filter(), null, found::add);
        }
        return found;
    }

    /** Like {@link #existing}, but an id that does not exist is an error, as Qdrant reports it. */
    static List<Point> required(LiveCollection collection, PointsSelector selector) {
        PointStore store = collection.points();
        if (selector instanceof PointsSelector.ByIds ids) {
            List<Point> found = new ArrayList<>();
            for (PointId id : new LinkedHashSet<>(ids.ids())) {
                found.add(requireOne(store, id));
            }
            return found;
        }
        return existing(collection, selector);
    }

    static Point requireOne(PointStore store, PointId id) {
        Optional<Point> p = store.get(id);
        return p.orElseThrow(() -> new NotFoundException("No point with id " + id + " found"));
    }
}
