package io.quiver.adapter.out.storage.payloadindex;

import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.index;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.matching;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.with;
import static io.quiver.domain.filter.FilterMother.matchValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.PayloadIndex;
import io.quiver.domain.index.PayloadSchemaType;
import io.quiver.domain.payload.PayloadValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoolPayloadIndexTest {

    private final PayloadIndex index = with(index("flag", PayloadSchemaType.BOOL),
            "{\"flag\": true}",
            "{\"flag\": [false, true]}",
            "{\"flag\": \"true\"}",
            "{\"flag\": false}",
            "{\"flag\": null}");

    @Test
    void answersBooleanValues() {
        assertThat(index.indexedPoints()).isEqualTo(3);
        assertThat(matching(index, matchValue("flag", true))).containsExactly(1L, 2L);
        assertThat(matching(index, matchValue("flag", false))).containsExactly(2L, 4L);
        assertThat(index.matching(matchValue("flag", "true"))).isEmpty();
        assertThat(index.estimate(matchValue("flag", true))).isEqualTo(2);
    }

    @Test
    void countsBothValues() {
        assertThat(index.valueCounts(id -> true)).isEqualTo(Map.of(PayloadValue.of(true), 2L, PayloadValue.of(false), 2L));
    }

    @Test
    void removingAPointDropsBothItsValues() {
        index.remove(io.quiver.domain.point.PointId.of(2));

        assertThat(matching(index, matchValue("flag", true))).containsExactly(1L);
        assertThat(matching(index, matchValue("flag", false))).containsExactly(4L);
    }
}
