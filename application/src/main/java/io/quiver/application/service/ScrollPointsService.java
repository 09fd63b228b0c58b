package io.quiver.application.service;

import io.quiver.application.port.in.ScrollPointsUseCase;
import io.quiver.application.port.out.PayloadIndex;
import io.quiver.domain.error.BadInputException;
import io.quiver.domain.index.PayloadSchemaType;
import io.quiver.domain.point.OrderBy;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.PointRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class ScrollPointsService implements ScrollPointsUseCase {

    private final CollectionRegistry registry;

    ScrollPointsService(CollectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ScrollPage scroll(ScrollQuery query) {
        LiveCollection collection = registry.resolve(query.collection());
        if (query.orderBy() != null) {
            return ordered(collection, query);
        }
        List<PointRecord> page = new ArrayList<>(Math.min(query.limit(), 1024));
        PointId[] next = new PointId[1];
        FilteredPoints.visit(collection, query.filter(), query.offset(), p -> {
            if (page.size() == query.limit()) {
                next[0] = p.id();
                return false;
            }
            page.add(PointRecord.of(p, query.withPayload(), query.withVector()));
            return true;
        });
        return new ScrollPage(page, next[0]);
    }

    /** The range-capable index that {@code order_by} walks (scroll and the order_by query). */
    static PayloadIndex rangeIndex(LiveCollection collection, OrderBy orderBy) {
        return collection.payloadIndexes().values().stream()
                .filter(i -> i.schema().fieldName().equals(orderBy.key()) && i.schema().type().supportsOrdering()
                        // an integer index built for lookups only has no ranges to walk
                        && !(i.schema().type() == PayloadSchemaType.INTEGER && !i.schema().flag("range", true)))
                .findFirst()
                .orElseThrow(() -> new BadInputException("No range index for `order_by` key: `" + orderBy.key()
                        + "`. Please create one to use `order_by`. Check"
                        + " https://qdrant.tech/documentation/concepts/indexing/#payload-index to see which payload"
                        + " schemas support Range conditions"));
    }

    /** Walks the key's range index in value order; a point with several values appears once per value. */
    private static ScrollPage ordered(LiveCollection collection, ScrollQuery query) {
        OrderBy orderBy = query.orderBy();
        PayloadIndex index = rangeIndex(collection, orderBy);
        FilteredPoints.Plan plan = FilteredPoints.plan(collection, query.filter());
        List<PointRecord> page = new ArrayList<>(Math.min(query.limit(), 1024));
        index.visitOrdered(orderBy.descending(), orderBy.startFrom(), (value, id) -> {
            if (plan.candidates() != null && !plan.candidates().contains(id)) {
                return true;
            }
            Optional<Point> p = collection.points().get(id);
            if (p.isPresent() && PointViews.matches(plan.residual(), p.get())) {
                page.add(PointRecord.of(p.get(), query.withPayload(), query.withVector()).withOrderValue(value));
            }
            return page.size() < query.limit();
        });
        return new ScrollPage(page, null);
    }
}
