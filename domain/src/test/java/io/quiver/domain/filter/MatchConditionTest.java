package io.quiver.domain.filter;

import static io.quiver.domain.filter.FilterMother.matchAny;
import static io.quiver.domain.filter.FilterMother.matchAnyEmpty;
import static io.quiver.domain.filter.FilterMother.matchAnyIntegers;
import static io.quiver.domain.filter.FilterMother.matchExcept;
import static io.quiver.domain.filter.FilterMother.matchExceptEmpty;
import static io.quiver.domain.filter.FilterMother.matchExceptIntegers;
import static io.quiver.domain.filter.FilterMother.matchPhrase;
import static io.quiver.domain.filter.FilterMother.matchPrefix;
import static io.quiver.domain.filter.FilterMother.matchText;
import static io.quiver.domain.filter.FilterMother.matchTextAny;
import static io.quiver.domain.filter.FilterMother.matchValue;
import static io.quiver.domain.filter.FilterMother.must;
import static io.quiver.domain.filter.FilterMother.mustNot;
import static io.quiver.domain.filter.PointViewMother.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.domain.error.BadInputException;
import io.quiver.domain.payload.PayloadValue;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MatchConditionTest {

    private static boolean matches(Condition condition, String payloadJson) {
        return must(condition).matches(payload(payloadJson));
    }

    @Nested
    class Value {

        @Test
        void matchesAKeywordExactlyAndCaseSensitively() {
            assertThat(matches(matchValue("city", "Berlin"), "{\"city\": \"Berlin\"}")).isTrue();
            assertThat(matches(matchValue("city", "Berlin"), "{\"city\": \"berlin\"}")).isFalse();
            assertThat(matches(matchValue("city", "Berlin"), "{\"city\": \"Berlin Mitte\"}")).isFalse();
        }

        @Test
        void matchesWhenAnyArrayElementIsEqual() {
            assertThat(matches(matchValue("city", "London"), "{\"city\": [\"Berlin\", \"London\"]}")).isTrue();
            assertThat(matches(matchValue("city", "Paris"), "{\"city\": [\"Berlin\", \"London\"]}")).isFalse();
        }

        @Test
        void anIntegerOnlyMatchesIntegersNotFloatsOfTheSameValue() {
            assertThat(matches(matchValue("n", 1), "{\"n\": 1}")).isTrue();
            assertThat(matches(matchValue("n", 1), "{\"n\": 1.0}")).isFalse();
            assertThat(matches(matchValue("n", 1), "{\"n\": \"1\"}")).isFalse();
        }

        @Test
        void matchesBooleans() {
            assertThat(matches(matchValue("ok", true), "{\"ok\": true}")).isTrue();
            assertThat(matches(matchValue("ok", true), "{\"ok\": false}")).isFalse();
            assertThat(matches(matchValue("ok", true), "{\"ok\": \"true\"}")).isFalse();
        }

        @Test
        void neverMatchesAMissingOrNullField() {
            assertThat(matches(matchValue("city", "Berlin"), "{}")).isFalse();
            assertThat(matches(matchValue("city", "Berlin"), "{\"city\": null}")).isFalse();
        }

        @Test
        void doesNotLookIntoArraysNestedInArrays() {
            assertThat(matches(matchValue("n", 1), "{\"n\": [[1]]}")).isFalse();
        }

        @Test
        void refusesAFloatOrNullAsTheValue() {
            assertThatThrownBy(() -> new Match.Value(PayloadValue.of(1.5))).isInstanceOf(BadInputException.class);
            assertThatThrownBy(() -> new Match.Value(PayloadValue.NULL)).isInstanceOf(BadInputException.class);
        }
    }

    @Nested
    class Any {

        @Test
        void matchesOneOfTheListedStringsOrIntegers() {
            assertThat(matches(matchAny("tag", "a", "b"), "{\"tag\": \"b\"}")).isTrue();
            assertThat(matches(matchAny("tag", "a", "b"), "{\"tag\": \"c\"}")).isFalse();
            assertThat(matches(matchAnyIntegers("n", 1, 2), "{\"n\": 2}")).isTrue();
            assertThat(matches(matchAnyIntegers("n", 1, 2), "{\"n\": 2.0}")).isFalse();
        }

        @Test
        void matchesAnArrayWithOneListedElement() {
            assertThat(matches(matchAny("tag", "x", "b"), "{\"tag\": [\"a\", \"b\"]}")).isTrue();
        }

        @Test
        void doesNotMixStringsAndIntegers() {
            assertThat(matches(matchAny("n", "1"), "{\"n\": 1}")).isFalse();
            assertThat(matches(matchAnyIntegers("tag", 1), "{\"tag\": \"1\"}")).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"n\": 1}", "{\"n\": \"a\"}", "{\"n\": [1, \"a\"]}", "{\"n\": true}", "{}"})
        void anEmptyListMatchesNothing(String payloadJson) {
            assertThat(matches(matchAnyEmpty("n"), payloadJson)).isFalse();
        }

        @Test
        void anEmptyListUnderMustNotExcludesNothing() {
            assertThat(mustNot(matchAnyEmpty("n")).matches(payload("{\"n\": 1}"))).isTrue();
        }
    }

    @Nested
    class Except {

        @Test
        void matchesAValueThatIsNotListed() {
            assertThat(matches(matchExcept("color", "black", "yellow"), "{\"color\": \"red\"}")).isTrue();
            assertThat(matches(matchExcept("color", "black", "yellow"), "{\"color\": \"black\"}")).isFalse();
            assertThat(matches(matchExceptIntegers("n", 1), "{\"n\": 2}")).isTrue();
            assertThat(matches(matchExceptIntegers("n", 1), "{\"n\": 1}")).isFalse();
        }

        @Test
        void matchesAnArrayWithAtLeastOneUnlistedElement() {
            assertThat(matches(matchExcept("color", "black"), "{\"color\": [\"black\", \"green\"]}")).isTrue();
            assertThat(matches(matchExcept("color", "black", "green"), "{\"color\": [\"black\", \"green\"]}")).isFalse();
        }

        @Test
        void neverMatchesAMissingFieldNullOrEmptyArray() {
            assertThat(matches(matchExcept("color", "black"), "{}")).isFalse();
            assertThat(matches(matchExcept("color", "black"), "{\"color\": null}")).isFalse();
            assertThat(matches(matchExcept("color", "black"), "{\"color\": []}")).isFalse();
            assertThat(matches(matchExcept("color", "black"), "{\"color\": [null]}")).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"n\": 1}", "{\"n\": \"a\"}", "{\"n\": true}", "{\"n\": 1.5}", "{\"n\": {\"x\": 1}}"})
        void anEmptyListMatchesAnyNonNullValue(String payloadJson) {
            assertThat(matches(matchExceptEmpty("n"), payloadJson)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{\"n\": null}", "{\"n\": []}"})
        void anEmptyListStillNeedsAValue(String payloadJson) {
            assertThat(matches(matchExceptEmpty("n"), payloadJson)).isFalse();
        }

        @Test
        void valuesOfAnotherKindThanTheListAreNotListed() {
            assertThat(matches(matchExceptIntegers("n", 1), "{\"n\": 1.0}")).isTrue();
            assertThat(matches(matchExceptIntegers("n", 1), "{\"n\": \"1\"}")).isTrue();
            assertThat(matches(matchExcept("n", "1"), "{\"n\": 1}")).isTrue();
            assertThat(matches(matchExcept("n", "x"), "{\"n\": false}")).isTrue();
        }
    }

    @Nested
    class Text {

        @Test
        void textWithoutAnIndexIsACaseSensitiveSubstring() {
            assertThat(matches(matchText("d", "quick brown"), "{\"d\": \"the quick brown fox\"}")).isTrue();
            assertThat(matches(matchText("d", "brown quick"), "{\"d\": \"the quick brown fox\"}")).isFalse();
            assertThat(matches(matchText("d", "Quick"), "{\"d\": \"the quick brown fox\"}")).isFalse();
            assertThat(matches(matchText("d", "uic"), "{\"d\": \"the quick brown fox\"}")).isTrue();
        }

        @Test
        void textOnlyLooksAtStrings() {
            assertThat(matches(matchText("d", "1"), "{\"d\": 1}")).isFalse();
            assertThat(matches(matchText("d", "fox"), "{\"d\": [\"a\", \"a fox\"]}")).isTrue();
        }

        @Test
        void textAnyMatchesWhenOneWordOccurs() {
            assertThat(matches(matchTextAny("d", "cat fox"), "{\"d\": \"the quick brown fox\"}")).isTrue();
            assertThat(matches(matchTextAny("d", "cat dog"), "{\"d\": \"the quick brown fox\"}")).isFalse();
        }

        @Test
        void textAnyWithoutWordsMatchesNothing() {
            assertThat(matches(matchTextAny("d", "  "), "{\"d\": \"anything\"}")).isFalse();
        }

        @Test
        void phraseWithoutAnIndexIsASubstringInOrder() {
            assertThat(matches(matchPhrase("d", "brown fox"), "{\"d\": \"the quick brown fox\"}")).isTrue();
            assertThat(matches(matchPhrase("d", "fox brown"), "{\"d\": \"the quick brown fox\"}")).isFalse();
        }

        @Test
        void prefixIsCaseSensitive() {
            assertThat(matches(matchPrefix("sku", "AB-"), "{\"sku\": \"AB-123\"}")).isTrue();
            assertThat(matches(matchPrefix("sku", "ab-"), "{\"sku\": \"AB-123\"}")).isFalse();
            assertThat(matches(matchPrefix("sku", "123"), "{\"sku\": \"AB-123\"}")).isFalse();
        }
    }
}
