package io.quiver.application.service;

import io.quiver.application.port.in.GroupPointsUseCase;
import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.filter.AnyValues;
import io.quiver.domain.filter.Condition;
import io.quiver.domain.filter.FieldCondition;
import io.quiver.domain.filter.Filter;
import io.quiver.domain.filter.Match;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.PointRecord;
import io.quiver.domain.point.ScoredPoint;
import io.quiver.domain.query.Prefetch;
import io.quiver.domain.query.QueryRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Groups query results the way Qdrant does (collection {@code grouping/group_by.rs}): the query runs with
 * room for {@code limit × group_size} hits (prefetch limits scaled by {@code limit}) over points whose key
 * is not empty; up to five more rounds leave out full groups and points already grouped, then up to five
 * rounds fill the best groups that are not full yet. The groups are then distilled by {@link GroupsAggregator}.
 */
final class GroupPointsService implements GroupPointsUseCase {

    private static final int MAX_GET_GROUPS_REQUESTS = 5;
    private static final int MAX_GROUP_FILLING_REQUESTS = 5;

    private final CollectionRegistry registry;
    private final QueryEngine engine;

    GroupPointsService(CollectionRegistry registry, QueryEngine engine) {
        this.registry = registry;
        this.engine = engine;
    }

    @Override
    public List<PointGroup> groups(String collectionName, GroupRequest request) {
        LiveCollection collection = registry.resolve(collectionName);
        GroupsAggregator aggregator = null;
        Filter keyPresent = Filter.mustNot(new Condition.IsEmpty(request.groupBy()));
        boolean needsFilling = true;
        for (int round = 0; round < MAX_GET_GROUPS_REQUESTS; round++) {
            List<Condition> must = aggregator == null ? List.of() : exceptValues(request, aggregator.fullGroupKeys());
            QueryEngine.Ranked ranked = run(collection, request, keyPresent, must, null, aggregator);
            if (aggregator == null) {
                aggregator = new GroupsAggregator(request.groupBy(), request.limit(), request.groupSize(),
                        ranked.higherIsBetter());
            }
            if (ranked.hits().isEmpty()) {
                break;
            }
            aggregator.add(ranked.hits(), QueryEngine.load(collection, ranked.hits()));
            if (aggregator.filledBestGroups() >= request.limit()) {
                needsFilling = false;
                break;
            }
        }
        if (needsFilling) {
            for (int round = 0; round < MAX_GROUP_FILLING_REQUESTS; round++) {
                List<PayloadValue> unfilled = aggregator.unfilledBestGroupKeys();
                Filter onlyThese = anyOf(request, unfilled);
                QueryEngine.Ranked ranked = run(collection, request, keyPresent, List.of(), onlyThese, aggregator);
                if (ranked.hits().isEmpty()) {
                    break;
                }
                aggregator.add(ranked.hits(), QueryEngine.load(collection, ranked.hits()));
                if (aggregator.filledBestGroups() >= request.limit()) {
                    break;
                }
            }
        }
        return output(collection, request, aggregator.distill());
    }

    private QueryEngine.Ranked run(LiveCollection collection, GroupRequest request, Filter keyPresent,
                                   List<Condition> must, Filter extra, GroupsAggregator aggregator) {
        QueryRequest source = request.source();
        List<Condition> mustNot = new ArrayList<>(keyPresent.mustNot());
        if (aggregator != null && !aggregator.ids().isEmpty()) {
            mustNot.add(new Condition.HasId(aggregator.ids()));
        }
        Filter filter = QueryEngine.and(source.filter(), new Filter(must.isEmpty() ? null : must, null, mustNot, null));
        filter = QueryEngine.and(filter, extra);
        int limit = (int) Math.min((long) request.limit() * request.groupSize(), Integer.MAX_VALUE);
        Prefetch level = new Prefetch(scaled(source.prefetch(), request.limit()), source.query(), source.using(),
                filter, source.params(), source.scoreThreshold(), limit, source.lookupFrom());
        return engine.run(collection, level);
    }

    /** Prefetch limits multiplied by the number of groups, so that enough candidates reach the groups. */
    private static List<Prefetch> scaled(List<Prefetch> prefetches, int groups) {
        List<Prefetch> out = new ArrayList<>(prefetches.size());
        for (Prefetch p : prefetches) {
            out.add(new Prefetch(scaled(p.prefetch(), groups), p.query(), p.using(), p.filter(), p.params(),
                    p.scoreThreshold(), (int) Math.min((long) p.limit() * groups, Integer.MAX_VALUE), p.lookupFrom()));
        }
        return out;
    }

    /** Points with a key value outside the given groups (one condition per value kind, as Qdrant). */
    private static List<Condition> exceptValues(GroupRequest request, List<PayloadValue> keys) {
        List<Condition> out = new ArrayList<>();
        AnyValues strings = strings(keys);
        AnyValues integers = integers(keys);
        if (!strings.isEmpty()) {
            out.add(FieldCondition.match(request.groupBy(), Match.except(strings)));
        }
        if (!integers.isEmpty()) {
            out.add(FieldCondition.match(request.groupBy(), Match.except(integers)));
        }
        return out;
    }

    /** Points with a key value in one of the given groups; null (no restriction) when there are none. */
    private static Filter anyOf(GroupRequest request, List<PayloadValue> keys) {
        List<Condition> should = new ArrayList<>();
        AnyValues strings = strings(keys);
        AnyValues integers = integers(keys);
        if (!strings.isEmpty()) {
            should.add(FieldCondition.match(request.groupBy(), Match.any(strings)));
        }
        if (!integers.isEmpty()) {
            should.add(FieldCondition.match(request.groupBy(), Match.any(integers)));
        }
        return should.isEmpty() ? null : new Filter(null, should, null, null);
    }

    private static AnyValues strings(List<PayloadValue> keys) {
        Set<String> values = new LinkedHashSet<>();
        keys.forEach(k -> {
            if (k instanceof PayloadValue.StringValue s) {
                values.add(s.value());
            }
        });
        return new AnyValues.Strings(values);
    }

    private static AnyValues integers(List<PayloadValue> keys) {
        Set<Long> values = new LinkedHashSet<>();
        keys.forEach(k -> {
            if (k instanceof PayloadValue.IntegerValue i) {
                values.add(i.value());
            }
        });
        return new AnyValues.Integers(values);
    }

    private List<PointGroup> output(LiveCollection collection, GroupRequest request,
                                    List<GroupsAggregator.Group> groups) {
        QueryRequest source = request.source();
        boolean scrolled = QueryPointsService.scrollLike(source.query());
        LiveCollection lookupCollection = request.withLookup() == null ? null
                : registry.resolve(request.withLookup().collection());
        List<PointGroup> out = new ArrayList<>(groups.size());
        for (GroupsAggregator.Group group : groups) {
            List<ScoredPoint> hits = new ArrayList<>(group.hits().size());
            for (ScoredId hit : group.hits()) {
                Optional<Point> point = collection.points().get(hit.id());
                point.ifPresent(p -> hits.add(new ScoredPoint(PointRecord.of(p, source.withPayload(),
                        source.withVector()), hit.score(), scrolled ? 0 : p.version())));
            }
            PointRecord lookup = null;
            if (lookupCollection != null) {
                lookup = lookupId(group.key()).flatMap(id -> lookupCollection.points().get(id))
                        .map(p -> PointRecord.of(p, request.withLookup().withPayload(),
                                request.withLookup().withVector()))
                        .orElse(null);
            }
            out.add(new PointGroup(group.key(), hits, lookup));
        }
        return out;
    }

    /** The point id a group id names: a non-negative integer or a UUID string; other ids look nothing up. */
    private static Optional<PointId> lookupId(PayloadValue key) {
        return switch (key) {
            case PayloadValue.IntegerValue i when i.value() >= 0 -> Optional.of(PointId.of(i.value()));
            case PayloadValue.StringValue s -> {
                try {
                    yield Optional.of(PointId.parseUuid(s.value()));
                } catch (RuntimeException e) {
                    yield Optional.empty();
                }
            }
            default -> Optional.empty();
        };
    }
}
