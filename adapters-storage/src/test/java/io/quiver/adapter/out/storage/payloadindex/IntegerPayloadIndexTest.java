package io.quiver.adapter.out.storage.payloadindex;

import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.index;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.matching;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.visits;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.with;
import static io.quiver.domain.filter.FilterMother.matchAnyIntegers;
import static io.quiver.domain.filter.FilterMother.matchValue;
import static io.quiver.domain.filter.FilterMother.range;
import static io.quiver.domain.filter.FilterMother.rangeGte;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.PayloadIndex;
import io.quiver.domain.index.PayloadSchemaType;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.point.PointId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntegerPayloadIndexTest {

    private final PayloadIndex index = with(index("n", PayloadSchemaType.INTEGER),
            "{\"n\": 1}",
            "{\"n\": 1.0}",
            "{\"n\": [1.5, 2]}",
            "{\"n\": \"1\"}",
            "{\"n\": [-3, 5, 5]}");

    @Test
    void onlyIntegersAreIndexed() {
        assertThat(index.indexedPoints()).isEqualTo(3);
        assertThat(matching(index, matchValue("n", 1))).containsExactly(1L);
        assertThat(matching(index, matchAnyIntegers("n", 2, 5, 9))).containsExactly(3L, 5L);
    }

    @Test
    void rangesStillSeeFloatsAsTheEvaluatorDoes() {
        assertThat(matching(index, rangeGte("n", 1))).containsExactly(1L, 2L, 3L, 5L);
        assertThat(matching(index, range("n", 2.0, 1.0, null, null))).containsExactly(3L);
        assertThat(matching(index, range("n", null, null, 1.0, 1.0))).containsExactly(1L, 2L);
        assertThat(matching(index, range("n", null, null, null, null))).containsExactly(1L, 2L, 3L, 5L);
    }

    @Test
    void largeIntegersCompareAsTheirDoublesInRangesButExactlyInLookups() {
        PayloadIndex big = with(index("n", PayloadSchemaType.INTEGER),
                "{\"n\": 9007199254740992}", "{\"n\": 9007199254740993}", "{\"n\": 9223372036854775807}",
                "{\"n\": -9223372036854775808}");

        assertThat(matching(big, matchValue("n", 9_007_199_254_740_993L))).containsExactly(2L);
        assertThat(matching(big, range("n", null, null, null, 9.007199254740992E15))).containsExactly(1L, 2L, 4L);
        assertThat(matching(big, rangeGte("n", 9.223372036854775807E18))).containsExactly(3L);
        assertThat(visits(big, true, 9.007199254740992E15)).containsExactly(
                "9007199254740992@1", "-9223372036854775808@4");
        assertThat(visits(big, false, 9.007199254740994E15)).containsExactly("9223372036854775807@3");
        assertThat(visits(big, true, -9.3E18)).isEmpty();
        assertThat(visits(big, false, 1e300)).isEmpty();
        assertThat(visits(big, true, 1e300)).hasSize(4);
    }

    @Test
    void lookupAndRangeFollowTheParameters() {
        PayloadIndex noLookup = with(index("n", PayloadSchemaType.INTEGER, "{\"type\":\"integer\",\"lookup\":false}"),
                "{\"n\": 1}");
        PayloadIndex noRange = with(index("n", PayloadSchemaType.INTEGER, "{\"type\":\"integer\",\"range\":false}"),
                "{\"n\": 1}", "{\"n\": 1.5}");

        assertThat(noLookup.matching(matchValue("n", 1))).isEmpty();
        assertThat(noLookup.estimate(matchValue("n", 1))).isEqualTo(-1);
        assertThat(noRange.matching(rangeGte("n", 0))).isEmpty();
        assertThat(noRange.indexedPoints()).isEqualTo(1);
        assertThat(visits(noLookup, false, null)).containsExactly("1@1");
    }

    @Test
    void visitsEachDistinctValueOfAPointInOrderWithTiesByIdFromAnInclusiveStart() {
        PayloadIndex ordered = with(index("n", PayloadSchemaType.INTEGER),
                "{\"n\": [3, 1, 3]}", "{\"n\": 2}", "{\"n\": [2, 2.5]}", "{\"n\": 1}");

        assertThat(visits(ordered, false, null)).containsExactly("1@1", "1@4", "2@2", "2@3", "3@1");
        assertThat(visits(ordered, false, 1.5)).containsExactly("2@2", "2@3", "3@1");
        assertThat(visits(ordered, false, 2.0)).containsExactly("2@2", "2@3", "3@1");
        assertThat(visits(ordered, true, null)).containsExactly("3@1", "2@2", "2@3", "1@1", "1@4");
        assertThat(visits(ordered, true, 2.9)).containsExactly("2@2", "2@3", "1@1", "1@4");
        assertThat(visits(ordered, true, Double.NaN)).isEmpty();
    }

    @Test
    void replacingAPointMovesItsValues() {
        index.put(PointId.of(1), io.quiver.domain.payload.PayloadMother.json("{\"n\": 40}"));

        assertThat(matching(index, matchValue("n", 1))).isEmpty();
        assertThat(matching(index, rangeGte("n", 30))).containsExactly(1L);
        assertThat(index.valueCounts(id -> true)).isEqualTo(Map.of(PayloadValue.of(40L), 1L, PayloadValue.of(2L), 1L,
                PayloadValue.of(-3L), 1L, PayloadValue.of(5L), 1L));
    }
}
