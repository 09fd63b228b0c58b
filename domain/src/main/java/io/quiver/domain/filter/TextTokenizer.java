package io.quiver.domain.filter;

import io.quiver.domain.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Splits text into the tokens a full-text payload index stores and a text query looks up, with the
 * options of Qdrant's text index: the tokenizer kind, lowercasing, token length bounds and stopwords.
 * It lives in the domain so that the index (in storage) and anything else that needs tokens agree.
 *
 * <p>Each raw token is processed in order: lowercased (if enabled), dropped if it is a stopword, then
 * dropped if its length in characters is outside the bounds.
 *
 * <p>Instances are immutable; the {@code with...} methods return changed copies.
 */
public final class TextTokenizer {

    /** How raw tokens are cut out of the text. */
    public enum Kind {
        /** Runs of letters and digits (any script); everything else separates. */
        WORD,
        /** Runs of non-whitespace characters; punctuation stays part of the token. */
        WHITESPACE,
        /** Like {@link #WORD}, but the index stores every prefix of each word, so a query word finds longer words. */
        PREFIX,
        /**
         * Like {@link #WORD}, but each Han, Hiragana or Katakana character (including the kana length
         * mark) is a token by itself, since
         * those scripts do not separate words with spaces. A light stand-in for dictionary segmentation.
         */
        MULTILINGUAL
    }

    /** Splits on whitespace and nothing else: no lowercasing, bounds or stopwords. */
    static final TextTokenizer RAW_WHITESPACE = of(Kind.WHITESPACE).withLowercase(false);

    private final Kind kind;
    private final boolean lowercase;
    private final Integer minTokenLength;
    private final Integer maxTokenLength;
    private final Predicate<String> stopword;

    private TextTokenizer(Kind kind, boolean lowercase, Integer minTokenLength, Integer maxTokenLength,
                          Predicate<String> stopword) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.lowercase = lowercase;
        this.minTokenLength = minTokenLength;
        this.maxTokenLength = maxTokenLength;
        this.stopword = Objects.requireNonNull(stopword, "stopword");
    }

    /** A tokenizer of the given kind with Qdrant's defaults: lowercase, no length bounds, no stopwords. */
    public static TextTokenizer of(Kind kind) {
        return new TextTokenizer(kind, true, null, null, token -> false);
    }

    public TextTokenizer withLowercase(boolean lowercase) {
        return new TextTokenizer(kind, lowercase, minTokenLength, maxTokenLength, stopword);
    }

    /** Bounds on token length in characters, inclusive; null for no bound. */
    public TextTokenizer withTokenLengths(Integer min, Integer max) {
        if (min != null && min < 1) {
            throw ValidationException.of("min_token_len", "value " + min + " invalid, must be 1 or larger");
        }
        if (max != null && max < 1) {
            throw ValidationException.of("max_token_len", "value " + max + " invalid, must be 1 or larger");
        }
        if (min != null && max != null && min > max) {
            throw ValidationException.of("min_token_len", "must not be greater than max_token_len");
        }
        return new TextTokenizer(kind, lowercase, min, max, stopword);
    }

    /** A stopword test, applied to tokens after lowercasing. */
    public TextTokenizer withStopwords(Predicate<String> isStopword) {
        return new TextTokenizer(kind, lowercase, minTokenLength, maxTokenLength, isStopword);
    }

    /** Stopwords as a set of words; give them lowercased when lowercasing is on. */
    public TextTokenizer withStopwords(Set<String> stopwords) {
        Set<String> words = Set.copyOf(stopwords);
        return withStopwords(words::contains);
    }

    public Kind kind() {
        return kind;
    }

    /** The processed tokens of a text, in order, duplicates kept. For {@link Kind#PREFIX} these are whole words. */
    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (String raw : rawTokens(text)) {
            String token = process(raw);
            if (token != null) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    /**
     * What an index stores for a text: the tokens, or for {@link Kind#PREFIX} every prefix of each word
     * from the minimum length (1 by default) up to the maximum length or the word's length.
     */
    public List<String> indexTokens(String text) {
        if (kind != Kind.PREFIX) {
            return tokenize(text);
        }
        List<String> prefixes = new ArrayList<>();
        for (String raw : rawTokens(text)) {
            String word = lowercase ? raw.toLowerCase(Locale.ROOT) : raw;
            if (stopword.test(word)) {
                continue;
            }
            int length = word.codePointCount(0, word.length());
            int shortest = minTokenLength == null ? 1 : minTokenLength;
            int longest = maxTokenLength == null ? length : Math.min(maxTokenLength, length);
            for (int n = shortest; n <= longest; n++) {
                prefixes.add(word.substring(0, word.offsetByCodePoints(0, n)));
            }
        }
        return prefixes;
    }

    /**
     * What a query looks up for a text. For {@link Kind#PREFIX} a word longer than the maximum length is
     * cut to it, since the index holds no longer prefix; otherwise the same as {@link #tokenize}.
     */
    public List<String> queryTokens(String text) {
        if (kind != Kind.PREFIX || maxTokenLength == null) {
            return tokenize(text);
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : rawTokens(text)) {
            String word = lowercase ? raw.toLowerCase(Locale.ROOT) : raw;
            if (stopword.test(word)) {
                continue;
            }
            int length = word.codePointCount(0, word.length());
            if (minTokenLength != null && length < minTokenLength) {
                continue;
            }
            tokens.add(length > maxTokenLength ? word.substring(0, word.offsetByCodePoints(0, maxTokenLength)) : word);
        }
        return tokens;
    }

    private String process(String raw) {
        String token = lowercase ? raw.toLowerCase(Locale.ROOT) : raw;
        if (stopword.test(token)) {
            return null;
        }
        int length = token.codePointCount(0, token.length());
        if (minTokenLength != null && length < minTokenLength || maxTokenLength != null && length > maxTokenLength) {
            return null;
        }
        return token;
    }

    private List<String> rawTokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        text.codePoints().forEach(codePoint -> {
            if (kind == Kind.MULTILINGUAL && isUnspacedScript(codePoint)) {
                flush(current, tokens);
                tokens.add(Character.toString(codePoint));
            } else if (belongsToToken(codePoint)) {
                current.appendCodePoint(codePoint);
            } else {
                flush(current, tokens);
            }
        });
        flush(current, tokens);
        return tokens;
    }

    private boolean belongsToToken(int codePoint) {
        if (kind == Kind.WHITESPACE) {
            return !(Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint));
        }
        return isLetterOrDigit(codePoint);
    }

    private static void flush(StringBuilder current, List<String> tokens) {
        if (!current.isEmpty()) {
            tokens.add(current.toString());
            current.setLength(0);
        }
    }

    /** Letters and digits of any script, matching Rust's {@code char::is_alphanumeric} that Qdrant splits on. */
    private static boolean isLetterOrDigit(int codePoint) {
        if (Character.isAlphabetic(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private static boolean isUnspacedScript(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        Character.UnicodeBlock block = Character.UnicodeBlock.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || block == Character.UnicodeBlock.KATAKANA || block == Character.UnicodeBlock.HIRAGANA;
    }
}
