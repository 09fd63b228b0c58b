package io.quiver.application.service;

import static io.quiver.application.service.QueryTestBed.point;
import static io.quiver.application.service.QueryTestBed.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.in.GroupPointsUseCase.GroupRequest;
import io.quiver.application.port.in.GroupPointsUseCase.PointGroup;
import io.quiver.application.port.in.GroupPointsUseCase.WithLookup;
import io.quiver.domain.payload.JsonPath;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.point.PointId;
import io.quiver.domain.point.VectorData;
import io.quiver.domain.point.WithPayload;
import io.quiver.domain.point.WithVector;
import io.quiver.domain.query.Query;
import io.quiver.domain.query.QueryRequest;
import io.quiver.domain.query.QueryVector;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Grouped queries through the use case, on points whose best groups are known by construction. */
class GroupPointsServiceTest {

    private final QueryTestBed bed = new QueryTestBed();

    @AfterEach
    void close() {
        bed.close();
    }

    private static QueryRequest nearest(float... vector) {
        return new QueryRequest(List.of(), new Query.Nearest(new QueryVector.Literal(new VectorData.Dense(vector)),
                null), null, null, null, null, 1, 0, WithPayload.NONE, WithVector.NONE, null);
    }

    private List<PointGroup> groups(String collection, QueryRequest source, String key, int size, int limit,
                                    WithLookup lookup) {
        return bed.app.groupPoints().groups(collection, new GroupRequest(source, JsonPath.parse(key), size, limit,
                lookup));
    }

    private static List<Long> hitIds(PointGroup group) {
        return group.hits().stream().map(h -> ((PointId.NumericId) h.record().id()).value()).toList();
    }

    /** Dot, x-axis scores: the score of point i against (1, 0) is its x. */
    private void docs() {
        bed.collection("docs", "{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}").upsert("docs",
                point(1, v(1.0f, 0), "{\"doc\": \"a\", \"tags\": [\"x\", \"y\"]}"),
                point(2, v(0.9f, 0), "{\"doc\": \"a\", \"tags\": [\"y\"]}"),
                point(3, v(0.8f, 0), "{\"doc\": \"a\", \"tags\": \"x\"}"),
                point(4, v(0.7f, 0), "{\"doc\": 7, \"tags\": [\"z\", \"z\"]}"),
                point(5, v(0.6f, 0), "{\"doc\": \"b\"}"),
                point(6, v(0.95f, 0), "{\"doc\": 1.5}"),
                point(7, v(0.99f, 0), "{\"other\": 1}"),
                point(8, v(0.5f, 0), "{\"doc\": 7}"));
    }

    @Test
    void groupsByStringAndIntegerValuesBestFirst() {
        docs();
        List<PointGroup> groups = groups("docs", nearest(1, 0), "doc", 2, 10, null);

        // 6 (float key) and 7 (no key) are left out
        assertThat(groups).extracting(PointGroup::id).containsExactly(PayloadValue.of("a"), PayloadValue.of(7),
                PayloadValue.of("b"));
        assertThat(hitIds(groups.get(0))).containsExactly(1L, 2L);
        assertThat(hitIds(groups.get(1))).containsExactly(4L, 8L);
        assertThat(groups.get(1).hits().getFirst().score()).isEqualTo(0.7f);
        assertThat(groups.get(0).lookup()).isNull();
    }

    @Test
    void aMultiValuedKeyPutsAPointInEachOfItsGroups() {
        docs();
        List<PointGroup> groups = groups("docs", nearest(1, 0), "tags", 3, 10, null);

        assertThat(groups).extracting(PointGroup::id).containsExactly(PayloadValue.of("x"), PayloadValue.of("y"),
                PayloadValue.of("z"));
        assertThat(hitIds(groups.get(0))).containsExactly(1L, 3L);
        assertThat(hitIds(groups.get(1))).containsExactly(1L, 2L);
        assertThat(hitIds(groups.get(2))).containsExactly(4L);
    }

    @Test
    void limitCapsTheGroups() {
        docs();
        assertThat(groups("docs", nearest(1, 0), "doc", 1, 2, null)).extracting(PointGroup::id)
                .containsExactly(PayloadValue.of("a"), PayloadValue.of(7));
    }

    @Test
    void findsGroupsBeyondADominantOne() {
        bed.collection("big", "{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}");
        for (int i = 0; i < 30; i++) {
            bed.upsert("big", point(i + 1, v(1f - i * 0.001f, 0), "{\"g\": \"top\"}"));
        }
        bed.upsert("big", point(100, v(0.1f, 0), "{\"g\": \"low\"}"), point(101, v(0.05f, 0), "{\"g\": \"low\"}"));

        // the first round (2 × 2 hits) sees only "top"; later rounds leave the full group out
        List<PointGroup> groups = groups("big", nearest(1, 0), "g", 2, 2, null);

        assertThat(groups).extracting(PointGroup::id).containsExactly(PayloadValue.of("top"), PayloadValue.of("low"));
        assertThat(hitIds(groups.get(1))).containsExactly(100L, 101L);
    }

    @Test
    void euclidGroupsRankByTheSmallestDistance() {
        bed.collection("e", "{\"vectors\": {\"size\": 2, \"distance\": \"Euclid\"}}").upsert("e",
                point(1, v(0, 0), "{\"g\": 1}"), point(2, v(5, 0), "{\"g\": 2}"), point(3, v(1, 0), "{\"g\": 2}"));

        List<PointGroup> groups = groups("e", nearest(0, 0), "g", 2, 10, null);

        assertThat(groups).extracting(PointGroup::id).containsExactly(PayloadValue.of(1), PayloadValue.of(2));
        assertThat(hitIds(groups.get(1))).containsExactly(3L, 2L);
        assertThat(groups.get(1).hits().get(1).score()).isEqualTo(5f);
    }

    @Test
    void withLookupAttachesThePointNamedByTheGroupId() {
        docs();
        bed.collection("owners", "{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}").upsert("owners",
                point(7, v(1, 1), "{\"name\": \"seven\"}"));

        List<PointGroup> groups = groups("docs", nearest(1, 0), "doc", 1, 10,
                new WithLookup("owners", WithPayload.ALL, WithVector.ALL));

        PointGroup seven = groups.stream().filter(g -> g.id().equals(PayloadValue.of(7))).findFirst().orElseThrow();
        assertThat(seven.lookup().id()).isEqualTo(PointId.of(7));
        assertThat(seven.lookup().payload().get("name")).isEqualTo(PayloadValue.of("seven"));
        assertThat(seven.lookup().vectors()).containsKey("");
        assertThat(groups.stream().filter(g -> !g.id().equals(PayloadValue.of(7)))).allSatisfy(g ->
                assertThat(g.lookup()).isNull());
    }

    @Test
    void withoutAQueryGroupsInIdOrderWithScrollScores() {
        docs();
        List<PointGroup> groups = groups("docs", new QueryRequest(List.of(), null, null, null, null, null, 1, 0,
                null, null, null), "doc", 3, 10, null);

        assertThat(groups).extracting(PointGroup::id).first().isEqualTo(PayloadValue.of("a"));
        assertThat(groups.getFirst().hits()).allSatisfy(h -> {
            assertThat(h.score()).isEqualTo(1f);
            assertThat(h.version()).isZero();
        });
    }
}
