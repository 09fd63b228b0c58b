package io.quiver.domain.payload;

import static io.quiver.domain.payload.PayloadMother.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.domain.payload.PayloadValue.ObjectValue;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PayloadOperationsTest {

    private static List<JsonPath> paths(String... paths) {
        return Arrays.stream(paths).map(JsonPath::parse).toList();
    }

    @Nested
    class Set {

        @Test
        void mergesTopLevelKeysKeepingTheOthersAndTheirOrder() {
            ObjectValue result = PayloadOperations.set(json("{\"a\": 1, \"b\": 2}"), json("{\"a\": 10, \"c\": 3}"), null);

            assertThat(result).isEqualTo(json("{\"a\": 10, \"b\": 2, \"c\": 3}"));
            assertThat(result.fields().keySet()).containsExactly("a", "b", "c");
        }

        @Test
        void replacesNestedObjectsWholeRatherThanMergingThem() {
            ObjectValue result = PayloadOperations.set(json("{\"a\": {\"x\": 1, \"y\": 2}}"), json("{\"a\": {\"x\": 5}}"), null);

            assertThat(result).isEqualTo(json("{\"a\": {\"x\": 5}}"));
        }

        @Test
        void removesKeysSetToNull() {
            ObjectValue result = PayloadOperations.set(json("{\"a\": 1, \"b\": 2}"), json("{\"a\": null}"), null);

            assertThat(result).isEqualTo(json("{\"b\": 2}"));
        }

        @Test
        void mergesIntoTheObjectAtAKey() {
            ObjectValue result = PayloadOperations.set(
                    json("{\"a\": {\"b\": {\"x\": 1}}, \"f\": 3}"), json("{\"y\": 2}"), JsonPath.parse("a.b"));

            assertThat(result).isEqualTo(json("{\"a\": {\"b\": {\"x\": 1, \"y\": 2}}, \"f\": 3}"));
        }

        @Test
        void createsMissingObjectsAlongTheKey() {
            ObjectValue result = PayloadOperations.set(PayloadMother.empty(), json("{\"c\": 1}"), JsonPath.parse("key1.key2"));

            assertThat(result).isEqualTo(json("{\"key1\": {\"key2\": {\"c\": 1}}}"));
        }

        @Test
        void replacesAScalarInTheWayWithAnObject() {
            ObjectValue result = PayloadOperations.set(json("{\"a\": 10}"), json("{\"x\": 1}"), JsonPath.parse("a.b.c"));

            assertThat(result).isEqualTo(json("{\"a\": {\"b\": {\"c\": {\"x\": 1}}}}"));
        }

        @Test
        void mergesIntoOneArrayElementByIndex() {
            ObjectValue result = PayloadOperations.set(
                    json("{\"a\": {\"b\": [{\"c\": 1}, {\"c\": 2}]}}"), json("{\"c\": 5}"), JsonPath.parse("a.b[1]"));

            assertThat(result).isEqualTo(json("{\"a\": {\"b\": [{\"c\": 1}, {\"c\": 5}]}}"));
        }

        @Test
        void createsAnEmptyArrayButNoElementForAnIndexPastTheEnd() {
            ObjectValue result = PayloadOperations.set(PayloadMother.empty(), json("{\"c\": 1}"), JsonPath.parse("key1.key2[3]"));

            assertThat(result).isEqualTo(json("{\"key1\": {\"key2\": []}}"));
        }

        @Test
        void mergesIntoEveryElementThroughAWildcard() {
            ObjectValue result = PayloadOperations.set(
                    json("{\"items\": [{\"a\": 1}, {\"a\": 2}]}"), json("{\"seen\": true}"), JsonPath.parse("items[]"));

            assertThat(result).isEqualTo(json("{\"items\": [{\"a\": 1, \"seen\": true}, {\"a\": 2, \"seen\": true}]}"));
        }

        @Test
        void turnsAMissingArrayUnderAWildcardIntoAnEmptyOne() {
            ObjectValue result = PayloadOperations.set(PayloadMother.empty(), json("{\"c\": 1}"), JsonPath.parse("key1.key2[].key3"));

            assertThat(result).isEqualTo(json("{\"key1\": {\"key2\": []}}"));
        }

        @Test
        void removesNullKeysAlsoUnderAKey() {
            ObjectValue result = PayloadOperations.set(
                    json("{\"a\": {\"x\": 1, \"y\": 2}}"), json("{\"x\": null}"), JsonPath.parse("a"));

            assertThat(result).isEqualTo(json("{\"a\": {\"y\": 2}}"));
        }

        @Test
        void leavesItsInputUntouched() {
            ObjectValue current = json("{\"a\": {\"b\": 1}}");

            PayloadOperations.set(current, json("{\"c\": 2}"), JsonPath.parse("a"));

            assertThat(current).isEqualTo(json("{\"a\": {\"b\": 1}}"));
        }
    }

    @Nested
    class OverwriteAndClear {

        @Test
        void overwriteReplacesEverythingAndKeepsNulls() {
            ObjectValue result = PayloadOperations.overwrite(json("{\"a\": 1, \"b\": 2}"), json("{\"c\": null}"));

            assertThat(result).isEqualTo(json("{\"c\": null}"));
        }

        @Test
        void clearLeavesAnEmptyPayload() {
            assertThat(PayloadOperations.clear(json("{\"a\": 1}"))).isEqualTo(PayloadMother.empty());
        }
    }

    @Nested
    class DeleteKeys {

        private final ObjectValue payload = json("""
                {"a": 1,
                 "b": {"c": 123,
                       "e": {"f": [1, 2, 3], "g": 7,
                             "i": [{"j": 1, "k": 2}, {"j": 3, "k": 4}]}}}
                """);

        @Test
        void removesTopLevelAndNestedKeys() {
            ObjectValue result = PayloadOperations.deleteKeys(payload, paths("a", "b.c", "b.e.f"));

            assertThat(result).isEqualTo(json("""
                    {"b": {"e": {"g": 7, "i": [{"j": 1, "k": 2}, {"j": 3, "k": 4}]}}}
                    """));
        }

        @Test
        void removesAKeyFromOneElementByIndex() {
            ObjectValue result = PayloadOperations.deleteKeys(payload, paths("b.e.i[0].j"));

            assertThat(JsonPath.parse("b.e.i").values(result)).containsExactly(
                    PayloadMother.value("[{\"k\": 2}, {\"j\": 3, \"k\": 4}]"));
        }

        @Test
        void removesAKeyFromEveryElementThroughAWildcard() {
            ObjectValue result = PayloadOperations.deleteKeys(payload, paths("b.e.i[].k"));

            assertThat(JsonPath.parse("b.e.i").values(result)).containsExactly(
                    PayloadMother.value("[{\"j\": 1}, {\"j\": 3}]"));
        }

        @Test
        void emptiesAnArrayNamedWithATrailingWildcard() {
            ObjectValue result = PayloadOperations.deleteKeys(payload, paths("b.e.i[]"));

            assertThat(JsonPath.parse("b.e.i").values(result)).containsExactly(PayloadValue.ArrayValue.EMPTY);
        }

        @Test
        void doesNotRemoveArrayElementsByIndex() {
            assertThat(PayloadOperations.deleteKeys(payload, paths("b.e.f[0]"))).isEqualTo(payload);
        }

        @Test
        void ignoresPathsThatDoNotFit() {
            assertThat(PayloadOperations.deleteKeys(payload, paths("zzz", "a.x", "b.e.l", "b.e.g[]", "b.e.f.x")))
                    .isEqualTo(payload);
        }
    }

    @Nested
    class Select {

        private final ObjectValue payload = json("""
                {"a": {"b": [{"c": 1, "x": 0}, {"c": 2}, {"d": {"e": 3}}]},
                 "f": 3,
                 "g": ["g0", "g1"],
                 "s": 5}
                """);

        @Test
        void includeKeepsOnlyNamedTopLevelKeys() {
            assertThat(PayloadOperations.select(payload, paths("f", "g"), null))
                    .isEqualTo(json("{\"f\": 3, \"g\": [\"g0\", \"g1\"]}"));
        }

        @Test
        void includeOfANestedPathKeepsItsAncestorsAndDropsSiblings() {
            assertThat(PayloadOperations.select(payload, paths("a.b[].c"), null))
                    .isEqualTo(json("{\"a\": {\"b\": [{\"c\": 1}, {\"c\": 2}, {}]}}"));
        }

        @Test
        void includeWithoutBracketsDoesNotReachIntoArrayElements() {
            assertThat(PayloadOperations.select(payload, paths("a.b.c"), null))
                    .isEqualTo(json("{\"a\": {\"b\": []}}"));
        }

        @Test
        void includeKeepsAScalarWhereThePatternExpectedMoreDepth() {
            assertThat(PayloadOperations.select(payload, paths("s.deeper"), null)).isEqualTo(json("{\"s\": 5}"));
        }

        @Test
        void excludeDropsNamedPathsAndEverythingBelowThem() {
            assertThat(PayloadOperations.select(payload, null, paths("a.b[].c", "g", "s")))
                    .isEqualTo(json("{\"a\": {\"b\": [{\"x\": 0}, {}, {\"d\": {\"e\": 3}}]}, \"f\": 3}"));
        }

        @Test
        void excludeOfAChildKeepsTheParent() {
            assertThat(PayloadOperations.select(json("{\"a\": {\"b\": 1, \"c\": 2}}"), null, paths("a.b")))
                    .isEqualTo(json("{\"a\": {\"c\": 2}}"));
        }

        @Test
        void withoutSelectorsThePayloadIsReturnedWhole() {
            assertThat(PayloadOperations.select(payload, null, null)).isEqualTo(payload);
        }
    }
}
