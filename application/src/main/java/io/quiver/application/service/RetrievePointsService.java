package io.quiver.application.service;

import io.quiver.application.port.in.RetrievePointsUseCase;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.PointRecord;
import io.quiver.domain.point.WithPayload;
import io.quiver.domain.point.WithVector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

final class RetrievePointsService implements RetrievePointsUseCase {

    private final CollectionRegistry registry;

    RetrievePointsService(CollectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<PointRecord> retrieve(RetrievePointsQuery query) {
        LiveCollection collection = registry.resolve(query.collection());
        List<PointRecord> records = new ArrayList<>();
        for (PointId id : new LinkedHashSet<>(query.ids())) {
            collection.points().get(id).ifPresent(p ->
                    records.add(PointRecord.of(p, query.withPayload(), query.withVector())));
        }
        return records;
    }

    @Override
    public PointRecord retrieveOne(String collectionName, PointId id) {
        LiveCollection collection = registry.resolve(collectionName);
        return PointRecord.of(PointSelection.requireOne(collection.points(), id), WithPayload.ALL, WithVector.ALL);
    }
}
