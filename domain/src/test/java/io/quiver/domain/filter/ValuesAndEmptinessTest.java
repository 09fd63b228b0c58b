package io.quiver.domain.filter;

import static io.quiver.domain.filter.FilterMother.isEmpty;
import static io.quiver.domain.filter.FilterMother.isNull;
import static io.quiver.domain.filter.FilterMother.key;
import static io.quiver.domain.filter.FilterMother.must;
import static io.quiver.domain.filter.FilterMother.valuesCount;
import static io.quiver.domain.filter.PointViewMother.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.domain.error.ValidationException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesAndEmptinessTest {

    private static boolean matches(Condition condition, String payloadJson) {
        return must(condition).matches(payload(payloadJson));
    }

    @Nested
    class ValuesCounting {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "{\"city\": [\"Berlin\", \"London\", \"Moscow\"]} | 3",
                "{\"city\": [\"Berlin\", \"London\"]}             | 2",
                "{\"city\": \"Berlin\"}                           | 1",
                "{\"city\": {\"name\": \"Berlin\"}}               | 1",
                "{\"city\": []}                                   | 0",
                "{\"city\": null}                                 | 0",
                "{}                                               | 0"})
        void countsArrayElementsOneForAScalarAndNoneForNullOrMissing(String payloadJson, long count) {
            assertThat(matches(valuesCount("city", null, null, count, count), payloadJson)).isTrue();
            assertThat(matches(valuesCount("city", null, null, count + 1, null), payloadJson)).isFalse();
        }

        @Test
        void appliesStrictAndInclusiveBounds() {
            String two = "{\"city\": [\"Berlin\", \"London\"]}";

            assertThat(matches(valuesCount("city", null, 1L, null, null), two)).isTrue();
            assertThat(matches(valuesCount("city", null, 2L, null, null), two)).isFalse();
            assertThat(matches(valuesCount("city", 2L, null, null, null), two)).isFalse();
            assertThat(matches(valuesCount("city", null, null, null, 2L), two)).isTrue();
        }

        @Test
        void countsEachValueOfAMultiValuedPathOnItsOwn() {
            String twoObjects = "{\"a\": [{\"b\": 1}, {\"b\": [1, 2, 3]}]}";

            assertThat(matches(valuesCount("a[].b", null, null, 3L, null), twoObjects)).isTrue();
            assertThat(matches(valuesCount("a[].b", null, null, 4L, null), twoObjects)).isFalse();
        }

        @Test
        void rejectsNegativeBounds() {
            assertThatThrownBy(() -> new ValuesCount(-1L, null, null, null))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("lt");
        }
    }

    @Nested
    class IsEmptyCondition {

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{\"tags\": null}", "{\"tags\": []}"})
        void matchesMissingNullAndEmptyArray(String payloadJson) {
            assertThat(matches(isEmpty("tags"), payloadJson)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"tags\": [null]}", "{\"tags\": \"\"}", "{\"tags\": {}}", "{\"tags\": 0}",
                "{\"tags\": false}"})
        void doesNotMatchAnythingHoldingAValue(String payloadJson) {
            assertThat(matches(isEmpty("tags"), payloadJson)).isFalse();
        }

        @Test
        void needsEveryValueOfAMultiValuedPathToBeEmpty() {
            assertThat(matches(isEmpty("a[].b"), "{\"a\": [{\"b\": null}, {\"b\": []}, {\"c\": 1}]}")).isTrue();
            assertThat(matches(isEmpty("a[].b"), "{\"a\": [{\"b\": null}, {\"b\": 1}]}")).isFalse();
        }
    }

    @Nested
    class IsNullCondition {

        @Test
        void matchesAnExplicitNullOnly() {
            assertThat(matches(isNull("p"), "{\"p\": null}")).isTrue();
            assertThat(matches(isNull("p"), "{}")).isFalse();
            assertThat(matches(isNull("p"), "{\"p\": []}")).isFalse();
            assertThat(matches(isNull("p"), "{\"p\": 1}")).isFalse();
        }

        @Test
        void treatsAnArrayHoldingNullAsNotNullUnlessIteratedWithBrackets() {
            assertThat(matches(isNull("p"), "{\"p\": [null]}")).isFalse();
            assertThat(matches(isNull("p[]"), "{\"p\": [null]}")).isTrue();
        }

        @Test
        void matchesWhenAnyValueOfAMultiValuedPathIsNull() {
            assertThat(matches(isNull("a[].b"), "{\"a\": [{\"b\": 1}, {\"b\": null}]}")).isTrue();
            assertThat(matches(isNull("a[].b"), "{\"a\": [{\"b\": 1}, {\"b\": 2}]}")).isFalse();
        }
    }

    @Nested
    class FieldShorthands {

        @Test
        void isEmptyTrueAndFalseSplitPointsLikeTheCondition() {
            FieldCondition empty = FieldCondition.isEmpty(key("tags"), true);
            FieldCondition notEmpty = FieldCondition.isEmpty(key("tags"), false);

            assertThat(matches(empty, "{}")).isTrue();
            assertThat(matches(empty, "{\"tags\": []}")).isTrue();
            assertThat(matches(empty, "{\"tags\": [null]}")).isFalse();
            assertThat(matches(notEmpty, "{}")).isFalse();
            assertThat(matches(notEmpty, "{\"tags\": [\"a\"]}")).isTrue();
        }

        @Test
        void isNullShorthandLooksInsideArraysUnlikeTheCondition() {
            FieldCondition isNull = FieldCondition.isNull(key("p"), true);

            assertThat(matches(isNull, "{\"p\": [1, null]}")).isTrue();
            assertThat(matches(isNull, "{\"p\": null}")).isTrue();
            assertThat(matches(isNull, "{}")).isFalse();
        }

        @Test
        void isNullFalseMatchesMissingAndNonNullValues() {
            FieldCondition notNull = FieldCondition.isNull(key("p"), false);

            assertThat(matches(notNull, "{}")).isTrue();
            assertThat(matches(notNull, "{\"p\": 1}")).isTrue();
            assertThat(matches(notNull, "{\"p\": null}")).isFalse();
        }

        @Test
        void aFieldConditionNeedsAnOption() {
            assertThatThrownBy(() -> new FieldCondition(key("p"), null, null, null, null, null, null, null, null, null))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("At least one field condition must be specified");
        }

        @Test
        void aFieldConditionCannotHaveBothRangeForms() {
            assertThatThrownBy(() -> new FieldCondition(key("p"), null, Range.between(0.0, 1.0),
                    DatetimeRange.parse(null, null, "2023-01-01", null), null, null, null, null, null, null))
                    .isInstanceOf(ValidationException.class);
        }

        @Test
        void severalOptionsAcceptAValueWhenAnyOfThemDoes() {
            FieldCondition either = new FieldCondition(key("n"), Match.value(7), Range.between(100.0, null),
                    null, null, null, null, null, null, null);

            assertThat(matches(either, "{\"n\": 7}")).isTrue();
            assertThat(matches(either, "{\"n\": 150}")).isTrue();
            assertThat(matches(either, "{\"n\": 8}")).isFalse();
        }
    }
}
