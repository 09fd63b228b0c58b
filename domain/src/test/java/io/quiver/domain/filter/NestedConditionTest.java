package io.quiver.domain.filter;

import static io.quiver.domain.filter.FilterMother.hasId;
import static io.quiver.domain.filter.FilterMother.matchValue;
import static io.quiver.domain.filter.FilterMother.must;
import static io.quiver.domain.filter.FilterMother.mustNot;
import static io.quiver.domain.filter.FilterMother.nested;
import static io.quiver.domain.filter.FilterMother.rangeGte;
import static io.quiver.domain.filter.PointViewMother.payload;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NestedConditionTest {

    private final PointView dinner = payload("""
            {"dishes": [{"food": "meat", "likes": false},
                        {"food": "fish", "likes": true},
                        "not an object"]}
            """);

    @Test
    void needsOneElementToSatisfyTheWholeFilter() {
        Filter likesMeat = must(nested("dishes", must(matchValue("food", "meat"), matchValue("likes", true))));
        Filter likesFish = must(nested("dishes", must(matchValue("food", "fish"), matchValue("likes", true))));

        assertThat(likesMeat.matches(dinner)).isFalse();
        assertThat(likesFish.matches(dinner)).isTrue();
    }

    @Test
    void differsFromFlatConditionsThatMayBeMetByDifferentElements() {
        Filter flat = must(matchValue("dishes[].food", "meat"), matchValue("dishes[].likes", true));

        assertThat(flat.matches(dinner)).isTrue();
    }

    @Test
    void acceptsTheKeyWithOrWithoutBrackets() {
        Filter withBrackets = must(nested("dishes[]", must(matchValue("food", "fish"))));

        assertThat(withBrackets.matches(dinner)).isTrue();
    }

    @Test
    void appliesMustNotPerElement() {
        Filter someDishNotMeat = must(nested("dishes", mustNot(matchValue("food", "meat"))));
        Filter noMeatAtAll = mustNot(nested("dishes", must(matchValue("food", "meat"))));

        assertThat(someDishNotMeat.matches(dinner)).isTrue();
        assertThat(noMeatAtAll.matches(dinner)).isFalse();
    }

    @Test
    void matchesNothingWhenTheKeyIsNotAnArray() {
        PointView single = payload("{\"dishes\": {\"food\": \"fish\"}}");

        assertThat(must(nested("dishes", must(matchValue("food", "fish")))).matches(single)).isFalse();
    }

    @Test
    void nestsInsideNestedConditions() {
        PointView country = payload("""
                {"country": {"cities": [
                    {"name": "Berlin", "sights": [{"name": "Gate", "visitors": 10}, {"name": "Wall", "visitors": 1}]},
                    {"name": "Munich", "sights": [{"name": "Gate", "visitors": 1}]}]}}
                """);
        Filter busyGateInMunich = must(nested("country.cities", must(
                matchValue("name", "Munich"),
                nested("sights", must(matchValue("name", "Gate"), rangeGte("visitors", 5))))));
        Filter busyGateInBerlin = must(nested("country.cities", must(
                matchValue("name", "Berlin"),
                nested("sights", must(matchValue("name", "Gate"), rangeGte("visitors", 5))))));

        assertThat(busyGateInMunich.matches(country)).isFalse();
        assertThat(busyGateInBerlin.matches(country)).isTrue();
    }

    @Test
    void idConditionsNeverMatchInsideANestedFilter() {
        assertThat(must(nested("dishes", must(hasId(1)))).matches(dinner)).isFalse();
    }
}
