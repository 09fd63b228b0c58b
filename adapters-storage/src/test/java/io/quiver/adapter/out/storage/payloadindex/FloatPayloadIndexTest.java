package io.quiver.adapter.out.storage.payloadindex;

import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.index;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.matching;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.visits;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.with;
import static io.quiver.domain.filter.FilterMother.matchValue;
import static io.quiver.domain.filter.FilterMother.range;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.PayloadIndex;
import io.quiver.domain.index.PayloadSchemaType;
import org.junit.jupiter.api.Test;

class FloatPayloadIndexTest {

    private final PayloadIndex index = with(index("x", PayloadSchemaType.FLOAT),
            "{\"x\": -0.0}",
            "{\"x\": 0}",
            "{\"x\": [0.5, 2]}",
            "{\"x\": \"0.5\"}",
            "{\"x\": [[1.0]]}",
            "{\"x\": 1e300}");

    @Test
    void indexesIntegersAndFloatsAsNumbers() {
        assertThat(index.indexedPoints()).isEqualTo(4);
    }

    @Test
    void answersRangesWithTheEvaluatorsBoundsAndSignedZeroAsZero() {
        assertThat(matching(index, range("x", null, null, 0.0, 0.0))).containsExactly(1L, 2L);
        assertThat(matching(index, range("x", null, null, -0.0, -0.0))).containsExactly(1L, 2L);
        assertThat(matching(index, range("x", 2.0, 0.0, null, null))).containsExactly(3L);
        assertThat(matching(index, range("x", null, null, 2.0, null))).containsExactly(3L, 6L);
        assertThat(matching(index, range("x", null, 1.0, null, 0.5))).isEmpty();
        assertThat(matching(index, range("x", null, null, null, null))).containsExactly(1L, 2L, 3L, 6L);
        assertThat(matching(index, range("x", Double.NaN, null, null, null))).isEmpty();
    }

    @Test
    void leavesMatchesToTheEvaluator() {
        assertThat(index.matching(matchValue("x", 0))).isEmpty();
        assertThat(index.valueCounts(id -> true)).isEmpty();
    }

    @Test
    void visitsAsDoublesInOrder() {
        assertThat(visits(index, false, null)).containsExactly("0.0@1", "0.0@2", "0.5@3", "2.0@3", "1.0E300@6");
        assertThat(visits(index, true, 0.5)).containsExactly("0.5@3", "0.0@1", "0.0@2");
        assertThat(visits(index, false, -0.0)).containsExactly("0.0@1", "0.0@2", "0.5@3", "2.0@3", "1.0E300@6");
        assertThat(visits(index, false, 0.75)).containsExactly("2.0@3", "1.0E300@6");
    }

    @Test
    void estimatesBoundTheAnswer() {
        assertThat(index.estimate(range("x", null, null, 0.4, 3.0))).isBetween(1L, 4L);
    }
}
