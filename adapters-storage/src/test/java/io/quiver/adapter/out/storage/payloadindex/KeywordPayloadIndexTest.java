package io.quiver.adapter.out.storage.payloadindex;

import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.index;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.matching;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.with;
import static io.quiver.domain.filter.FilterMother.key;
import static io.quiver.domain.filter.FilterMother.matchAny;
import static io.quiver.domain.filter.FilterMother.matchAnyEmpty;
import static io.quiver.domain.filter.FilterMother.matchAnyIntegers;
import static io.quiver.domain.filter.FilterMother.matchExcept;
import static io.quiver.domain.filter.FilterMother.matchPrefix;
import static io.quiver.domain.filter.FilterMother.matchText;
import static io.quiver.domain.filter.FilterMother.matchValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.PayloadIndex;
import io.quiver.domain.filter.FieldCondition;
import io.quiver.domain.filter.Match;
import io.quiver.domain.filter.Range;
import io.quiver.domain.index.PayloadSchemaType;
import io.quiver.domain.payload.PayloadValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeywordPayloadIndexTest {

    private final PayloadIndex index = with(index("tags", PayloadSchemaType.KEYWORD),
            "{\"tags\": \"apple\"}",
            "{\"tags\": [\"Apple\", \"banana\", 3]}",
            "{\"tags\": [\"application\", [\"apple\"]]}",
            "{\"tags\": 7}",
            "{\"tags\": \"日本語\"}",
            "{\"other\": \"apple\"}");

    @Test
    void indexesStringValuesOnly() {
        assertThat(index.indexedPoints()).isEqualTo(4);
    }

    @Test
    void matchesValuesExactlyAndCaseSensitively() {
        assertThat(matching(index, matchValue("tags", "apple"))).containsExactly(1L);
        assertThat(matching(index, matchValue("tags", "Apple"))).containsExactly(2L);
        assertThat(matching(index, matchAny("tags", "banana", "日本語", "missing"))).containsExactly(2L, 5L);
        assertThat(matching(index, matchAnyEmpty("tags"))).isEmpty();
    }

    @Test
    void answersPrefixesByScanningKeysWhetherOrNotPrefixIsEnabled() {
        PayloadIndex enabled = with(index("tags", PayloadSchemaType.KEYWORD, "{\"type\":\"keyword\",\"prefix\":true}"),
                "{\"tags\": \"apple\"}", "{\"tags\": \"app\"}", "{\"tags\": \"ap\"}", "{\"tags\": \"b\"}");

        assertThat(matching(index, matchPrefix("tags", "app"))).containsExactly(1L, 3L);
        assertThat(matching(index, matchPrefix("tags", "日本"))).containsExactly(5L);
        assertThat(matching(index, matchPrefix("tags", ""))).containsExactly(1L, 2L, 3L, 5L);
        assertThat(matching(enabled, matchPrefix("tags", "app"))).containsExactly(1L, 2L);
        assertThat(matching(enabled, matchPrefix("tags", "apple!"))).isEmpty();
    }

    @Test
    void leavesExceptIntegersAndTextToTheEvaluator() {
        assertThat(index.matching(matchExcept("tags", "apple"))).isEmpty();
        assertThat(index.matching(matchValue("tags", 7))).isEmpty();
        assertThat(index.matching(matchAnyIntegers("tags", 7))).isEmpty();
        assertThat(index.matching(matchText("tags", "app"))).isEmpty();
        assertThat(index.matching(FieldCondition.range(key("tags"), Range.between(0.0, 10.0)))).isEmpty();
        assertThat(index.matching(matchValue("other", "apple"))).isEmpty();
    }

    @Test
    void aConditionWithSeveralOptionsIsAnsweredAsTheirUnionOnlyWhenEachCanBe() {
        FieldCondition valueOrPrefix = new FieldCondition(key("tags"), new Match.Prefix("ban"), null, null, null,
                null, null, null, null, null);
        FieldCondition withRange = new FieldCondition(key("tags"), Match.value("apple"),
                Range.between(0.0, 10.0), null, null, null, null, null, null, null);

        assertThat(matching(index, valueOrPrefix)).containsExactly(2L);
        assertThat(index.matching(withRange)).isEmpty();
    }

    @Test
    void countsEachDistinctKeywordOncePerPoint() {
        PayloadIndex counted = with(index("tags", PayloadSchemaType.KEYWORD),
                "{\"tags\": [\"a\", \"a\", \"b\"]}", "{\"tags\": \"a\"}", "{\"tags\": [\"b\", true]}");

        assertThat(counted.valueCounts(id -> true))
                .isEqualTo(Map.of(PayloadValue.of("a"), 2L, PayloadValue.of("b"), 2L));
        assertThat(counted.valueCounts(id -> id.toString().equals("3")))
                .isEqualTo(Map.of(PayloadValue.of("b"), 1L));
    }

    @Test
    void estimatesArePostingSizes() {
        assertThat(index.estimate(matchValue("tags", "apple"))).isEqualTo(1);
        assertThat(index.estimate(matchAny("tags", "apple", "banana"))).isEqualTo(2);
        assertThat(index.estimate(matchPrefix("tags", "app"))).isEqualTo(2);
        assertThat(index.estimate(matchExcept("tags", "apple"))).isEqualTo(-1);
    }

    @Test
    void doesNotVisitInOrder() {
        assertThat(IndexFixture.visits(index, false, null)).isEmpty();
    }
}
