package io.quiver.adapter.out.storage.payloadindex;

import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.index;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.matching;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.with;
import static io.quiver.domain.filter.FilterMother.matchAny;
import static io.quiver.domain.filter.FilterMother.matchAnyEmpty;
import static io.quiver.domain.filter.FilterMother.matchPrefix;
import static io.quiver.domain.filter.FilterMother.matchValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.PayloadIndex;
import io.quiver.domain.index.PayloadSchemaType;
import io.quiver.domain.payload.PayloadValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UuidPayloadIndexTest {

    private static final String CANONICAL = "550e8400-e29b-41d4-a716-446655440000";

    private final PayloadIndex index = with(index("u", PayloadSchemaType.UUID),
            "{\"u\": \"" + CANONICAL + "\"}",
            "{\"u\": \"550E8400-E29B-41D4-A716-446655440000\"}",
            "{\"u\": \"550e8400e29b41d4a716446655440000\"}",
            "{\"u\": [\"{550e8400-e29b-41d4-a716-446655440000}\", \"urn:uuid:123e4567-e89b-12d3-a456-426614174000\"]}",
            "{\"u\": \" 550e8400-e29b-41d4-a716-446655440000\"}",
            "{\"u\": \"not-a-uuid\"}");

    @Test
    void indexesEverySpellingOfAUuid() {
        assertThat(index.indexedPoints()).isEqualTo(4);
    }

    @Test
    void matchesByUuidWhateverTheSpellingOnEitherSide() {
        assertThat(matching(index, matchValue("u", CANONICAL))).containsExactly(1L, 2L, 3L, 4L);
        assertThat(matching(index, matchValue("u", "urn:uuid:550E8400-E29B-41D4-A716-446655440000")))
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(matching(index, matchAny("u", "123e4567e89b12d3a456426614174000"))).containsExactly(4L);
        assertThat(matching(index, matchAnyEmpty("u"))).isEmpty();
    }

    @Test
    void leavesQueriesThatAreNotUuidsToTheEvaluator() {
        assertThat(index.matching(matchValue("u", "not-a-uuid"))).isEmpty();
        assertThat(index.matching(matchAny("u", CANONICAL, "nope"))).isEmpty();
        assertThat(index.matching(matchPrefix("u", "550e"))).isEmpty();
        assertThat(index.estimate(matchValue("u", "nope"))).isEqualTo(-1);
    }

    @Test
    void countsCanonicalUuids() {
        assertThat(index.valueCounts(id -> true)).isEqualTo(Map.of(
                PayloadValue.of(CANONICAL), 4L, PayloadValue.of("123e4567-e89b-12d3-a456-426614174000"), 1L));
    }
}
