package io.quiver.domain.filter;

import static io.quiver.domain.filter.FilterMother.hasId;
import static io.quiver.domain.filter.FilterMother.hasVector;
import static io.quiver.domain.filter.FilterMother.must;
import static io.quiver.domain.filter.FilterMother.mustNot;
import static io.quiver.domain.filter.PointViewMother.point;
import static io.quiver.domain.filter.PointViewMother.uuidPoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.domain.point.PointId;
import org.junit.jupiter.api.Test;

class IdentityConditionsTest {

    @Test
    void hasIdMatchesListedNumericIds() {
        assertThat(must(hasId(1, 3)).matches(point(3, "{}"))).isTrue();
        assertThat(must(hasId(1, 3)).matches(point(2, "{}"))).isFalse();
    }

    @Test
    void hasIdMatchesUuidsWrittenInAnyAcceptedForm() {
        PointViewMother stored = uuidPoint("550e8400-e29b-41d4-a716-446655440000", "{}");
        Condition listed = Condition.HasId.of(PointId.parseUuid("550E8400E29B41D4A716446655440000"));

        assertThat(must(listed).matches(stored)).isTrue();
        assertThat(must(Condition.HasId.of(PointId.parseUuid("550e8400-e29b-41d4-a716-446655440001"))).matches(stored))
                .isFalse();
    }

    @Test
    void aNumericIdNeverEqualsAUuid() {
        assertThat(must(hasId(0)).matches(uuidPoint("00000000-0000-0000-0000-000000000000", "{}"))).isFalse();
    }

    @Test
    void anEmptyIdSetMatchesNothing() {
        assertThat(must(hasId()).matches(point(1, "{}"))).isFalse();
        assertThat(mustNot(hasId()).matches(point(1, "{}"))).isTrue();
    }

    @Test
    void hasVectorChecksTheNamedVector() {
        PointViewMother imageOnly = point(1, "{}").withVectors("image");

        assertThat(must(hasVector("image")).matches(imageOnly)).isTrue();
        assertThat(must(hasVector("text")).matches(imageOnly)).isFalse();
        assertThat(must(hasVector("")).matches(imageOnly)).isFalse();
        assertThat(must(hasVector("")).matches(point(1, "{}"))).isTrue();
    }
}
