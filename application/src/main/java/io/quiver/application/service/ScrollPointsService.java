package io.quiver.application.service;

import io.quiver.application.port.in.ScrollPointsUseCase;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.PointRecord;
import java.util.ArrayList;
import java.util.List;

final class ScrollPointsService implements ScrollPointsUseCase {

    private final CollectionRegistry registry;

    ScrollPointsService(CollectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ScrollPage scroll(ScrollQuery query) {
        LiveCollection collection = registry.resolve(query.collection());
        List<PointRecord> page = new ArrayList<>(Math.min(query.limit(), 1024));
        PointId[] next = new PointId[1];
        collection.points().scan(query.offset(), p -> {
            if (!PointViews.matches(query.filter(), p)) {
                return true;
            }
            if (page.size() == query.limit()) {
                next[0] = p.id();
                return false;
            }
            page.add(PointRecord.of(p, query.withPayload(), query.withVector()));
            return true;
        });
        return new ScrollPage(page, next[0]);
    }
}
