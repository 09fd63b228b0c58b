package io.quiver.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.VectorIndex.ScoredId;
import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.point.Point;
import io.quiver.domain.point.PointId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The aggregation rules of Qdrant's groups, on the cases of its own aggregator tests. */
class GroupsAggregatorTest {

    private final GroupsAggregator aggregator = new GroupsAggregator(JsonPath.parse("docId"), 4, 3, true);

    private void add(long id, float score, String docIdJson) {
        Point p = new Point(PointId.of(id), Map.of(), PayloadMother.json("{\"docId\": " + docIdJson + "}"));
        aggregator.add(new ScoredId(p.id(), score), aggregator.keys(p));
    }

    private static List<Long> ids(GroupsAggregator.Group group) {
        return group.hits().stream().map(h -> ((PointId.NumericId) h.id()).value()).toList();
    }

    @Test
    void groupsLikeQdrant() {
        add(1, 0.99f, "\"a\"");
        add(1, 0.97f, "\"a\""); // same point again: kept once
        add(2, 0.81f, "[\"a\", \"b\"]"); // in both groups
        add(3, 0.84f, "\"b\"");
        add(4, 0.9f, "\"a\"");
        add(5, 0.4f, "3");
        add(6, 0.3f, "\"d\"");
        for (int i = 0; i < 6; i++) {
            add(100 + i, 0.31f + i * 0.01f, "\"a\"");
        }
        add(7, 1.0f, "\"b\"");
        add(8, 1.0f, "false"); // not a string or an integer: left out
        add(9, 1.0f, "2.5"); // floats neither
        add(10, 0.6f, "3");
        add(11, 0.1f, "3");

        assertThat(aggregator.fullGroupKeys()).containsExactlyInAnyOrder(PayloadValue.of("a"), PayloadValue.of("b"),
                PayloadValue.of(3));
        assertThat(aggregator.unfilledBestGroupKeys()).containsExactly(PayloadValue.of("d"));
        assertThat(aggregator.filledBestGroups()).isEqualTo(3);

        List<GroupsAggregator.Group> groups = aggregator.distill();
        assertThat(groups).extracting(GroupsAggregator.Group::key).containsExactly(PayloadValue.of("b"),
                PayloadValue.of("a"), PayloadValue.of(3), PayloadValue.of("d"));
        assertThat(ids(groups.get(0))).containsExactly(7L, 3L, 2L);
        assertThat(ids(groups.get(1))).containsExactly(1L, 4L, 2L);
        assertThat(ids(groups.get(2))).containsExactly(10L, 5L, 11L);
        assertThat(ids(groups.get(3))).containsExactly(6L);
        assertThat(groups.get(1).hits().getFirst().score()).isEqualTo(0.99f);
    }

    @Test
    void aPointWithOneBadValueIsLeftOutWhole() {
        Point p = new Point(PointId.of(1), Map.of(), PayloadMother.json("{\"docId\": [\"a\", true]}"));

        assertThat(aggregator.keys(p)).isEmpty();
    }

    @Test
    void repeatedValuesCountOnce() {
        Point p = new Point(PointId.of(1), Map.of(), PayloadMother.json("{\"docId\": [\"a\", \"a\", 1]}"));

        assertThat(aggregator.keys(p)).containsExactly(PayloadValue.of("a"), PayloadValue.of(1));
    }

    @Test
    void distancesRankSmallestFirst() {
        GroupsAggregator euclid = new GroupsAggregator(JsonPath.parse("g"), 1, 2, false);
        for (long id = 1; id <= 3; id++) {
            Point p = new Point(PointId.of(id), Map.of(), PayloadMother.json("{\"g\": " + (id == 3 ? 2 : 1) + "}"));
            euclid.add(new ScoredId(p.id(), 4 - id), euclid.keys(p));
        }

        List<GroupsAggregator.Group> groups = euclid.distill();
        assertThat(groups).hasSize(1);
        assertThat(groups.getFirst().key()).isEqualTo(PayloadValue.of(2));
        assertThat(ids(groups.getFirst())).containsExactly(3L);
    }
}
