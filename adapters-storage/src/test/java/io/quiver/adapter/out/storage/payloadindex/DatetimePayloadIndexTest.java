package io.quiver.adapter.out.storage.payloadindex;

import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.index;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.matching;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.visits;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.with;
import static io.quiver.domain.filter.FilterMother.datetimeRange;
import static io.quiver.domain.filter.FilterMother.rangeGte;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.PayloadIndex;
import io.quiver.domain.index.PayloadSchemaType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DatetimePayloadIndexTest {

    private final PayloadIndex index = with(index("at", PayloadSchemaType.DATETIME),
            "{\"at\": \"2023-02-08T10:49:00Z\"}",
            "{\"at\": \"2023-02-08 11:49:00+01:00\"}",
            "{\"at\": [\"2023-02-08T10:49:00.0000005Z\", \"not a date\"]}",
            "{\"at\": \"2023-02-08\"}",
            "{\"at\": \"2023-02-08T10:49\"}",
            "{\"at\": 1675853340}");

    @Test
    void indexesTheStringsPayloadDateTimeReads() {
        assertThat(index.indexedPoints()).isEqualTo(4);
    }

    @Test
    void comparesInstantsNotSpellingsWithNanosecondBounds() {
        assertThat(matching(index, datetimeRange("at", null, null, "2023-02-08T10:49:00Z", "2023-02-08T10:49:00Z")))
                .containsExactly(1L, 2L);
        assertThat(matching(index, datetimeRange("at", null, "2023-02-08T10:49:00Z", null, null)))
                .containsExactly(3L);
        assertThat(matching(index, datetimeRange("at", "2023-02-08T10:49:00Z", null, null, null)))
                .containsExactly(4L);
        assertThat(matching(index, datetimeRange("at", null, null, "2023-02-08 00:00", "2023-02-08T12:49:00+02:00")))
                .containsExactly(1L, 2L, 4L);
        assertThat(matching(index, datetimeRange("at", null, null, null, null))).containsExactly(1L, 2L, 3L, 4L);
        assertThat(matching(index, datetimeRange("at", "2023-02-08T10:49:00Z", "2023-02-08T10:49:00Z", null, null)))
                .isEmpty();
    }

    @Test
    void leavesNumericRangesToTheEvaluator() {
        assertThat(index.matching(rangeGte("at", 0))).isEmpty();
        assertThat(index.valueCounts(id -> true)).isEmpty();
    }

    @Test
    void visitsMicrosecondsWithSubMicrosecondValuesTiedByIdOrder() {
        long micros = Instant.parse("2023-02-08T10:49:00Z").getEpochSecond() * 1_000_000L;
        long midnight = Instant.parse("2023-02-08T00:00:00Z").getEpochSecond() * 1_000_000L;

        assertThat(visits(index, false, null)).containsExactly(
                midnight + "@4", micros + "@1", micros + "@2", micros + "@3");
        assertThat(visits(index, true, micros - 0.5)).containsExactly(midnight + "@4");
        assertThat(visits(index, false, micros + 0.5)).isEmpty();
    }
}
