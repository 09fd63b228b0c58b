package io.quiver.application.service;

import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects hits into groups as Qdrant's groups aggregator does (collection {@code grouping/aggregator.rs}):
 * <ul>
 *   <li>a hit joins one group per distinct value of the key — the values at the path, arrays opened one
 *       level; strings and integers only: a hit with no value, or with any other kind of value (float,
 *       bool, object, null), is left out entirely;</li>
 *   <li>a group is full at {@code groupSize} hits and keeps a point once;</li>
 *   <li>the best groups are the {@code limit} groups with the best best-hit score (highest, or lowest for
 *       distances); they come best first, each with its best {@code groupSize} hits best first.</li>
 * </ul>
 * Ties keep the order in which groups and hits arrived.
 */
final class GroupsAggregator {

    /** A distilled group: its key value and its hits, best first. */
    record Group(PayloadValue key, List<ScoredId> hits) {
    }

    private final JsonPath groupBy;
    private final int maxGroups;
    private final int groupSize;
    private final boolean higherIsBetter;
    private final Map<PayloadValue, Map<PointId, ScoredId>> groups = new LinkedHashMap<>();
    private final Map<PayloadValue, Float> bestScores = new LinkedHashMap<>();
    private final Set<PayloadValue> full = new LinkedHashSet<>();
    private final Set<PointId> ids = new HashSet<>();

    GroupsAggregator(JsonPath groupBy, int maxGroups, int groupSize, boolean higherIsBetter) {
        this.groupBy = groupBy;
        this.maxGroups = maxGroups;
        this.groupSize = groupSize;
        this.higherIsBetter = higherIsBetter;
    }

    /** Adds hits; {@code points} holds the hits' points (a hit whose point is missing is skipped). */
    void add(List<ScoredId> hits, Map<PointId, Point> points) {
        for (ScoredId hit : hits) {
            Point point = points.get(hit.id());
            if (point != null) {
                add(hit, keys(point));
            }
        }
    }

    /** The distinct group keys of a point, or an empty list when it has no usable key. */
    List<PayloadValue> keys(Point point) {
        Set<PayloadValue> keys = new LinkedHashSet<>();
        for (PayloadValue v : groupBy.flattenedValues(point.payload())) {
            if (!(v instanceof PayloadValue.StringValue || v instanceof PayloadValue.IntegerValue)) {
                return List.of();
            }
            keys.add(v);
        }
        return List.copyOf(keys);
    }

    void add(ScoredId hit, List<PayloadValue> keys) {
        for (PayloadValue key : keys) {
            Map<PointId, ScoredId> group = groups.computeIfAbsent(key, k -> new LinkedHashMap<>());
            if (group.putIfAbsent(hit.id(), hit) == null) {
                ids.add(hit.id());
            }
            if (group.size() >= groupSize) {
                full.add(key);
            }
            bestScores.merge(key, hit.score(), (a, b) -> better(b, a) ? b : a);
        }
    }

    private boolean better(float a, float b) {
        return higherIsBetter ? a > b : a < b;
    }

    private Comparator<Float> bestFirst() {
        return higherIsBetter ? Comparator.reverseOrder() : Comparator.naturalOrder();
    }

    /** The keys of the best {@code maxGroups} groups, best first. */
    List<PayloadValue> bestGroupKeys() {
        List<PayloadValue> keys = new ArrayList<>(bestScores.keySet());
        keys.sort(Comparator.comparing(bestScores::get, bestFirst()));
        return keys.size() > maxGroups ? keys.subList(0, maxGroups) : keys;
    }

    List<PayloadValue> fullGroupKeys() {
        return List.copyOf(full);
    }

    List<PayloadValue> unfilledBestGroupKeys() {
        return bestGroupKeys().stream().filter(k -> !full.contains(k)).toList();
    }

    long filledBestGroups() {
        return bestGroupKeys().stream().filter(full::contains).count();
    }

    /** Every point grouped so far. */
    Set<PointId> ids() {
        return ids;
    }

    List<Group> distill() {
        List<Group> out = new ArrayList<>();
        for (PayloadValue key : bestGroupKeys()) {
            List<ScoredId> hits = new ArrayList<>(groups.get(key).values());
            hits.sort(Comparator.comparing(ScoredId::score, bestFirst()));
            out.add(new Group(key, hits.size() > groupSize ? List.copyOf(hits.subList(0, groupSize)) : hits));
        }
        return out;
    }
}
