package io.quiver.application.service;

import io.quiver.application.port.in.UpdatePointsUseCase;
import io.quiver.application.port.out.PointStore.PointWrite;
import io.quiver.domain.update.UpdateOperation;
import io.quiver.domain.update.UpdateResult;
import java.util.ArrayList;
import java.util.List;

final class UpdatePointsService implements UpdatePointsUseCase {

    private final CollectionRegistry registry;
    private final OperationPlanner planner;

    UpdatePointsService(CollectionRegistry registry, OperationPlanner planner) {
        this.registry = registry;
        this.planner = planner;
    }

    @Override
    public List<UpdateResult> update(UpdatePointsCommand command) {
        UpdateResult.Status status = command.waitForResult() ? UpdateResult.Status.COMPLETED
                : UpdateResult.Status.ACKNOWLEDGED;
        List<UpdateResult> results = new ArrayList<>(command.operations().size());
        LiveCollection collection = registry.lockForWriting(command.collection());
        try {
            for (UpdateOperation op : command.operations()) {
                List<PointWrite> writes = planner.plan(op, collection);
                long operationId = collection.nextOperationId();
                collection.points().write(writes, operationId);
                collection.indexWrites(writes);
                collection.indexVectors(writes, operationId);
                results.add(new UpdateResult(operationId, status));
            }
        } finally {
            collection.writeLock().unlock();
        }
        return results;
    }
}
