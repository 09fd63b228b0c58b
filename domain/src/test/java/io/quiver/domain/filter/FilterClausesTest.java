package io.quiver.domain.filter;

import static io.quiver.domain.filter.FilterMother.filter;
import static io.quiver.domain.filter.FilterMother.group;
import static io.quiver.domain.filter.FilterMother.matchValue;
import static io.quiver.domain.filter.FilterMother.minShould;
import static io.quiver.domain.filter.FilterMother.must;
import static io.quiver.domain.filter.FilterMother.mustNot;
import static io.quiver.domain.filter.FilterMother.should;
import static io.quiver.domain.filter.PointViewMother.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.domain.error.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterClausesTest {

    private final PointView berlinRed = payload("{\"city\": \"Berlin\", \"color\": \"red\", \"count\": 3}");

    @Test
    void aFilterWithoutClausesMatchesEverything() {
        assertThat(Filter.MATCH_ALL.matches(berlinRed)).isTrue();
    }

    @Test
    void mustNeedsEveryCondition() {
        assertThat(must(matchValue("city", "Berlin"), matchValue("color", "red")).matches(berlinRed)).isTrue();
        assertThat(must(matchValue("city", "Berlin"), matchValue("color", "blue")).matches(berlinRed)).isFalse();
    }

    @Test
    void shouldNeedsOneCondition() {
        assertThat(should(matchValue("city", "London"), matchValue("color", "red")).matches(berlinRed)).isTrue();
        assertThat(should(matchValue("city", "London"), matchValue("color", "blue")).matches(berlinRed)).isFalse();
    }

    @Test
    void anEmptyShouldListMatchesNothingWhileEmptyMustAndMustNotMatchEverything() {
        assertThat(filter(null, List.of(), null).matches(berlinRed)).isFalse();
        assertThat(filter(List.of(), null, null).matches(berlinRed)).isTrue();
        assertThat(filter(null, null, List.of()).matches(berlinRed)).isTrue();
    }

    @Test
    void mustNotRejectsAnyMatchingCondition() {
        assertThat(mustNot(matchValue("city", "London"), matchValue("color", "red")).matches(berlinRed)).isFalse();
        assertThat(mustNot(matchValue("city", "London")).matches(berlinRed)).isTrue();
    }

    @Test
    void mustNotOnAMissingKeyKeepsThePoint() {
        assertThat(mustNot(matchValue("country", "Germany")).matches(berlinRed)).isTrue();
    }

    @Test
    void minShouldNeedsAtLeastMinCountConditions() {
        Condition city = matchValue("city", "Berlin");
        Condition color = matchValue("color", "red");
        Condition count = matchValue("count", 99);

        assertThat(minShould(2, city, color, count).matches(berlinRed)).isTrue();
        assertThat(minShould(3, city, color, count).matches(berlinRed)).isFalse();
        assertThat(minShould(1, count).matches(berlinRed)).isFalse();
    }

    @Test
    void minShouldWithFewerConditionsThanMinCountMatchesNothing() {
        assertThat(minShould(1).matches(berlinRed)).isFalse();
    }

    @Test
    void minShouldRejectsACountBelowOne() {
        assertThatThrownBy(() -> new MinShould(List.of(), 0))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("min_count");
    }

    @Test
    void everyPresentClauseMustHold() {
        Filter filter = new Filter(
                List.of(matchValue("city", "Berlin")),
                List.of(matchValue("color", "red")),
                List.of(matchValue("count", 3)),
                null);

        assertThat(filter.matches(berlinRed)).isFalse();
    }

    @Test
    void aFilterCanGroupClausesAsOneCondition() {
        Filter eitherCity = should(matchValue("city", "London"), matchValue("city", "Berlin"));

        assertThat(must(group(eitherCity), matchValue("color", "red")).matches(berlinRed)).isTrue();
        assertThat(mustNot(group(eitherCity)).matches(berlinRed)).isFalse();
    }

    @Test
    void clauseListsAreImmutableCopies() {
        List<Condition> conditions = new java.util.ArrayList<>(List.of(matchValue("city", "Berlin")));
        Filter filter = filter(conditions, null, null);

        conditions.clear();

        assertThat(filter.must()).hasSize(1);
        assertThatThrownBy(() -> filter.must().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
