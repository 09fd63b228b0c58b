package io.quiver.domain.filter;

import static io.quiver.domain.filter.FilterMother.datetimeRange;
import static io.quiver.domain.filter.FilterMother.must;
import static io.quiver.domain.filter.FilterMother.range;
import static io.quiver.domain.filter.FilterMother.rangeGte;
import static io.quiver.domain.filter.PointViewMother.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.domain.error.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RangeConditionTest {

    private static boolean matches(Condition condition, String payloadJson) {
        return must(condition).matches(payload(payloadJson));
    }

    @Test
    void inclusiveBoundsIncludeTheirEndpoints() {
        FieldCondition between = range("price", null, null, 10.0, 20.0);

        assertThat(matches(between, "{\"price\": 10}")).isTrue();
        assertThat(matches(between, "{\"price\": 20.0}")).isTrue();
        assertThat(matches(between, "{\"price\": 20.01}")).isFalse();
    }

    @Test
    void exclusiveBoundsExcludeTheirEndpoints() {
        FieldCondition strictly = range("price", 20.0, 10.0, null, null);

        assertThat(matches(strictly, "{\"price\": 10}")).isFalse();
        assertThat(matches(strictly, "{\"price\": 15}")).isTrue();
        assertThat(matches(strictly, "{\"price\": 20}")).isFalse();
    }

    @Test
    void comparesIntegersAndFloatsAlike() {
        assertThat(matches(rangeGte("n", 1.0), "{\"n\": 1}")).isTrue();
        assertThat(matches(range("n", null, null, null, 1.0), "{\"n\": 1.0}")).isTrue();
    }

    @Test
    void matchesAnArrayWhenOneElementIsInside() {
        assertThat(matches(rangeGte("rating", 9), "{\"rating\": [3, 7, 9]}")).isTrue();
        assertThat(matches(rangeGte("rating", 10), "{\"rating\": [3, 7, 9]}")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"n\": null}", "{\"n\": \"5\"}", "{\"n\": true}", "{\"n\": []}"})
    void onlyNumbersCanBeInARange(String payloadJson) {
        assertThat(matches(range("n", null, null, null, null), payloadJson)).isFalse();
    }

    @Test
    void aRangeWithoutBoundsMatchesAnyNumber() {
        assertThat(matches(range("n", null, null, null, null), "{\"n\": -1e300}")).isTrue();
    }

    @Test
    void datetimeBoundsAndStoredValuesMayBeSpelledDifferently() {
        FieldCondition from = datetimeRange("at", null, null, "2023-02-08T10:00:00+01:00", null);

        assertThat(matches(from, "{\"at\": \"2023-02-08T09:00:00Z\"}")).isTrue();
        assertThat(matches(from, "{\"at\": \"2023-02-08 08:59:59\"}")).isFalse();
        assertThat(matches(from, "{\"at\": \"2023-02-09\"}")).isTrue();
    }

    @Test
    void datetimeBoundsAreStrictOrInclusiveAsNamed() {
        FieldCondition strictly = datetimeRange("at", "2023-02-09", "2023-02-08", null, null);
        FieldCondition inclusive = datetimeRange("at", null, null, "2023-02-08", "2023-02-09");

        assertThat(matches(strictly, "{\"at\": \"2023-02-08T00:00:00Z\"}")).isFalse();
        assertThat(matches(strictly, "{\"at\": \"2023-02-08T00:00:00.000001Z\"}")).isTrue();
        assertThat(matches(inclusive, "{\"at\": \"2023-02-09T00:00:00Z\"}")).isTrue();
    }

    @Test
    void datetimeRangesIgnoreValuesThatAreNotDateTimes() {
        FieldCondition any = datetimeRange("at", null, null, "1970-01-01", null);

        assertThat(matches(any, "{\"at\": 1675853340}")).isFalse();
        assertThat(matches(any, "{\"at\": \"not a date\"}")).isFalse();
        assertThat(matches(any, "{\"at\": [\"nope\", \"2023-02-08\"]}")).isTrue();
    }

    @Test
    void anUnreadableDatetimeBoundIsRejected() {
        assertThatThrownBy(() -> DatetimeRange.parse(null, "tomorrow", null, null))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("tomorrow");
    }
}
