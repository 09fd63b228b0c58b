package io.quiver.adapter.out.storage.payloadindex;

import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.index;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.matching;
import static io.quiver.adapter.out.storage.payloadindex.IndexFixture.with;
import static io.quiver.domain.filter.FilterMother.matchPhrase;
import static io.quiver.domain.filter.FilterMother.matchText;
import static io.quiver.domain.filter.FilterMother.matchTextAny;
import static io.quiver.domain.filter.FilterMother.matchValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.application.port.out.PayloadIndex;
import io.quiver.domain.index.PayloadSchemaType;
import org.junit.jupiter.api.Test;

class TextPayloadIndexTest {

    private static final String[] DOCS = {
        "{\"body\": \"The Quick brown fox\"}",
        "{\"body\": [\"quick\", \"brown fox jumps\"]}",
        "{\"body\": \"brownie, quickly!\"}",
        "{\"body\": 42}",
        "{\"body\": \"\"}"
    };

    private static PayloadIndex text(String params) {
        return with(index("body", PayloadSchemaType.TEXT, params), DOCS);
    }

    @Test
    void matchesByTokensLowercasedByDefault() {
        PayloadIndex index = text(null);

        assertThat(index.indexedPoints()).isEqualTo(3);
        assertThat(matching(index, matchText("body", "QUICK fox"))).containsExactly(1L, 2L);
        assertThat(matching(index, matchText("body", "brown"))).containsExactly(1L, 2L);
        assertThat(matching(index, matchTextAny("body", "fox quickly"))).containsExactly(1L, 2L, 3L);
        assertThat(matching(index, matchText("body", "bro"))).isEmpty();
    }

    @Test
    void aQueryWithoutTokensMatchesNothing() {
        PayloadIndex index = text("{\"type\":\"text\",\"phrase_matching\":true}");

        assertThat(matching(index, matchText("body", " ,, "))).isEmpty();
        assertThat(matching(index, matchTextAny("body", ""))).isEmpty();
        assertThat(matching(index, matchPhrase("body", "!"))).isEmpty();
    }

    @Test
    void phrasesNeedPhraseMatchingAndStayWithinOneString() {
        PayloadIndex plain = text(null);
        PayloadIndex phrases = text("{\"type\":\"text\",\"phrase_matching\":true}");

        assertThat(plain.matching(matchPhrase("body", "brown fox"))).isEmpty();
        assertThat(plain.estimate(matchPhrase("body", "brown fox"))).isEqualTo(-1);
        assertThat(matching(phrases, matchPhrase("body", "Brown Fox"))).containsExactly(1L, 2L);
        assertThat(matching(phrases, matchPhrase("body", "fox brown"))).isEmpty();
        assertThat(matching(phrases, matchPhrase("body", "quick brown"))).containsExactly(1L);
    }

    @Test
    void prefixTokenizerFindsLongerWords() {
        PayloadIndex index = text("{\"type\":\"text\",\"tokenizer\":\"prefix\",\"phrase_matching\":true}");

        assertThat(matching(index, matchText("body", "bro qui"))).containsExactly(1L, 2L, 3L);
        assertThat(matching(index, matchPhrase("body", "qui bro"))).containsExactly(1L);
    }

    @Test
    void whitespaceTokenizerKeepsPunctuationAndCaseWhenAsked() {
        PayloadIndex index = text("{\"type\":\"text\",\"tokenizer\":\"whitespace\",\"lowercase\":false}");

        assertThat(matching(index, matchText("body", "brownie,"))).containsExactly(3L);
        assertThat(matching(index, matchText("body", "brownie"))).isEmpty();
        assertThat(matching(index, matchText("body", "Quick"))).containsExactly(1L);
    }

    @Test
    void stopwordsAndTokenLengthsApplyToDocumentsAndQueries() {
        PayloadIndex index = text("{\"type\":\"text\",\"min_token_len\":4,\"max_token_len\":5,"
                + "\"stopwords\":{\"languages\":[\"english\"],\"custom\":[\"QUICK\"]}}");

        assertThat(matching(index, matchText("body", "the quick brown"))).containsExactly(1L, 2L);
        assertThat(matching(index, matchTextAny("body", "quick"))).isEmpty();
        assertThat(matching(index, matchTextAny("body", "brownie"))).isEmpty();
        assertThat(matching(index, matchTextAny("body", "jumps"))).containsExactly(2L);
    }

    @Test
    void aZeroMinimumLengthIsNoBoundAndAZeroMaximumDropsEveryToken() {
        PayloadIndex noMinimum = text("{\"type\":\"text\",\"min_token_len\":0}");
        PayloadIndex nothing = text("{\"type\":\"text\",\"max_token_len\":0}");

        assertThat(matching(noMinimum, matchText("body", "fox"))).containsExactly(1L, 2L);
        assertThat(nothing.indexedPoints()).isZero();
        assertThat(matching(nothing, matchTextAny("body", "fox"))).isEmpty();
    }

    @Test
    void asciiFoldingFoldsDocumentsAndQueries() {
        PayloadIndex index = with(index("body", PayloadSchemaType.TEXT, "{\"type\":\"text\",\"ascii_folding\":true}"),
                "{\"body\": \"Ação naïve Straße\"}", "{\"body\": \"acao\"}");

        assertThat(matching(index, matchText("body", "acao"))).containsExactly(1L, 2L);
        assertThat(matching(index, matchText("body", "AÇÃO naive strasse"))).containsExactly(1L);
    }

    @Test
    void multilingualTokenizerSplitsHanAndKana() {
        PayloadIndex index = with(index("body", PayloadSchemaType.TEXT, "{\"type\":\"text\",\"tokenizer\":\"multilingual\"}"),
                "{\"body\": \"東京タワー is tall\"}");

        assertThat(matching(index, matchText("body", "京 ワ"))).containsExactly(1L);
    }

    @Test
    void leavesKeywordMatchesToTheEvaluator() {
        assertThat(text(null).matching(matchValue("body", "quick"))).isEmpty();
    }
}
