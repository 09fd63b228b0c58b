package io.quiver.domain.payload;

import static io.quiver.domain.payload.PayloadMother.json;
import static io.quiver.domain.payload.PayloadMother.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.domain.error.BadInputException;
import io.quiver.domain.payload.JsonPath.Segment;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathTest {

    @Nested
    class Parsing {

        @Test
        void readsAPlainKey() {
            assertThat(JsonPath.parse("city")).isEqualTo(new JsonPath("city", List.of()));
        }

        @Test
        void readsEveryKindOfStep() {
            JsonPath path = JsonPath.parse("a[0].b[].c");

            assertThat(path.firstKey()).isEqualTo("a");
            assertThat(path.rest()).containsExactly(
                    new Segment.Index(0), new Segment.Key("b"), JsonPath.WILDCARD, new Segment.Key("c"));
        }

        @Test
        void readsQuotedKeysWithDotsBracketsAndSpaces() {
            JsonPath path = JsonPath.parse("\"a.b\".c.\"x [y]\"");

            assertThat(path.firstKey()).isEqualTo("a.b");
            assertThat(path.rest()).containsExactly(new Segment.Key("c"), new Segment.Key("x [y]"));
        }

        @Test
        void acceptsLettersOfAnyScriptDigitsHyphensAndUnderscores() {
            assertThat(JsonPath.parse("Müesli.ключ_1-2").rest()).containsExactly(new Segment.Key("ключ_1-2"));
        }

        @Test
        void readsConsecutiveIndexes() {
            assertThat(JsonPath.parse("m[1][50]").rest())
                    .containsExactly(new Segment.Index(1), new Segment.Index(50));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "a.", ".a", "[0]", "a[", "a[x]", "a b", "a..b", "\"open", "a[-1]",
                "a[99999999999]", "a.b c", "a]", "a\\b"})
        void rejectsMalformedPathsNamingThem(String text) {
            assertThatThrownBy(() -> JsonPath.parse(text))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("Invalid json path: '" + text + "'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a", "a.b", "a[].b", "a[3]", "\"a.b\".c", "\"with space\"[]", "\"\""})
        void printsBackWhatItRead(String text) {
            assertThat(JsonPath.parse(text)).hasToString(text);
        }

        @Test
        void quotesKeysThatNeedItWhenPrinting() {
            assertThat(JsonPath.of("a b", "c.d")).hasToString("\"a b\".\"c.d\"");
        }
    }

    @Nested
    class Reading {

        private final PayloadValue.ObjectValue payload = json("""
                {"a": {"b": [{"c": 1}, {"c": 2}, {"d": {"e": 3}}]},
                 "f": 3,
                 "g": ["g0", "g1", "g2"],
                 "n": null,
                 "arr": [{"a": [1, 2, 3]}, {"a": 4}, {"b": 5}]}
                """);

        @Test
        void findsNothingForAMissingKey() {
            assertThat(JsonPath.parse("zzz").values(payload)).isEmpty();
            assertThat(JsonPath.parse("a.zzz.y").values(payload)).isEmpty();
        }

        @Test
        void keepsAnArrayAtTheEndWhole() {
            assertThat(JsonPath.parse("g").values(payload)).containsExactly(value("[\"g0\", \"g1\", \"g2\"]"));
        }

        @Test
        void fansOutOverElementsWithEmptyBrackets() {
            assertThat(JsonPath.parse("g[]").values(payload))
                    .containsExactly(value("\"g0\""), value("\"g1\""), value("\"g2\""));
        }

        @Test
        void projectsAFieldThroughAnArraySkippingElementsWithoutIt() {
            assertThat(JsonPath.parse("a.b[].c").values(payload)).containsExactly(value("1"), value("2"));
        }

        @Test
        void doesNotDescendIntoArraysWithoutBrackets() {
            assertThat(JsonPath.parse("a.b.c").values(payload)).isEmpty();
        }

        @Test
        void indexesAnArrayAndIgnoresIndexesPastTheEnd() {
            assertThat(JsonPath.parse("g[2]").values(payload)).containsExactly(value("\"g2\""));
            assertThat(JsonPath.parse("a.b[1].c").values(payload)).containsExactly(value("2"));
            assertThat(JsonPath.parse("g[3]").values(payload)).isEmpty();
        }

        @Test
        void keepsInnerArraysWhenProjectingAndOpensThemWithASecondWildcard() {
            assertThat(JsonPath.parse("arr[].a").values(payload)).containsExactly(value("[1, 2, 3]"), value("4"));
            assertThat(JsonPath.parse("arr[].a[]").values(payload)).containsExactly(value("1"), value("2"), value("3"));
        }

        @Test
        void flattensArraysOfArraysOfObjects() {
            PayloadValue.ObjectValue deep = json("""
                    {"arr1": [{"arr2": [{"a": 1}]}, {"arr2": [{"a": 3}, {"a": 5}]}]}
                    """);

            assertThat(JsonPath.parse("arr1[].arr2[].a").values(deep)).containsExactly(value("1"), value("3"), value("5"));
        }

        @Test
        void returnsAnExplicitNullButNothingWhenIteratingIt() {
            assertThat(JsonPath.parse("n").values(payload)).containsExactly(PayloadValue.NULL);
            assertThat(JsonPath.parse("n[]").values(payload)).isEmpty();
        }

        @Test
        void flattenedValuesOpenOnlyTheLastLevel() {
            assertThat(JsonPath.parse("arr[].a").flattenedValues(payload))
                    .containsExactly(value("1"), value("2"), value("3"), value("4"));
            assertThat(JsonPath.parse("f").flattenedValues(payload)).containsExactly(value("3"));
        }

        @Test
        void arrayKeyAppendsBracketsOnce() {
            assertThat(JsonPath.parse("a.b").arrayKey()).isEqualTo(JsonPath.parse("a.b[]"));
            assertThat(JsonPath.parse("a.b[]").arrayKey()).isEqualTo(JsonPath.parse("a.b[]"));
        }
    }
}
