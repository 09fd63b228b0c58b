package io.quiver.domain.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.domain.error.ValidationException;
import io.quiver.domain.filter.TextTokenizer.Kind;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextTokenizerTest {

    @Test
    void wordTokensAreLowercasedRunsOfLettersAndDigits() {
        assertThat(TextTokenizer.of(Kind.WORD).tokenize("Hello, World! It's 2024 — naïve_Café"))
                .containsExactly("hello", "world", "it", "s", "2024", "naïve", "café");
    }

    @Test
    void whitespaceTokensKeepPunctuation() {
        assertThat(TextTokenizer.of(Kind.WHITESPACE).tokenize("Hello,  World!\tnon\u00A0breaking"))
                .containsExactly("hello,", "world!", "non", "breaking");
    }

    @Test
    void lowercasingCanBeTurnedOff() {
        assertThat(TextTokenizer.of(Kind.WORD).withLowercase(false).tokenize("Hello World"))
                .containsExactly("Hello", "World");
    }

    @Test
    void dropsTokensOutsideTheLengthBoundsCountingCharacters() {
        TextTokenizer bounded = TextTokenizer.of(Kind.WORD).withTokenLengths(2, 4);

        assertThat(bounded.tokenize("a to the quick 日本")).containsExactly("to", "the", "日本");
    }

    @Test
    void dropsStopwordsAfterLowercasing() {
        TextTokenizer tokenizer = TextTokenizer.of(Kind.WORD).withStopwords(Set.of("the", "a"));

        assertThat(tokenizer.tokenize("The cat and A dog")).containsExactly("cat", "and", "dog");
    }

    @Test
    void prefixIndexTokensAreEveryPrefixWithinTheBounds() {
        TextTokenizer prefix = TextTokenizer.of(Kind.PREFIX).withTokenLengths(2, 4);

        assertThat(prefix.indexTokens("Quick ox")).containsExactly("qu", "qui", "quic", "ox");
        assertThat(prefix.tokenize("Quick ox")).containsExactly("ox");
    }

    @Test
    void prefixQueryWordsAreCutToTheLongestIndexedPrefix() {
        TextTokenizer prefix = TextTokenizer.of(Kind.PREFIX).withTokenLengths(2, 4);

        assertThat(prefix.queryTokens("Quickly a ox")).containsExactly("quic", "ox");
    }

    @Test
    void multilingualSplitsUnspacedScriptsIntoCharacters() {
        assertThat(TextTokenizer.of(Kind.MULTILINGUAL).tokenize("東京タワー visit Tokyo"))
                .containsExactly("東", "京", "タ", "ワ", "ー", "visit", "tokyo");
    }

    @Test
    void rejectsBoundsThatCannotHold() {
        assertThatThrownBy(() -> TextTokenizer.of(Kind.WORD).withTokenLengths(5, 2))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> TextTokenizer.of(Kind.WORD).withTokenLengths(0, null))
                .isInstanceOf(ValidationException.class);
    }
}
