package io.quiver.adapter.out.storage.payloadindex;

import io.quiver.domain.filter.TextTokenizer;
import io.quiver.domain.filter.TextTokenizer.Kind;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.ArrayValue;
import io.quiver.domain.payload.PayloadValue.IntegerValue;
import io.quiver.domain.payload.PayloadValue.ObjectValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A text index's analysis, configured from the schema's parameters: the domain {@link TextTokenizer}
 * (tokenizer kind, lowercase, token length bounds, custom stopwords), plus ASCII folding applied to the
 * text before tokenizing. Language stopword lists and stemming are not supported by the domain
 * tokenizer and are ignored.
 */
final class TextAnalyzer {

    private static final Map<Integer, String> FOLDS = Map.ofEntries(
            Map.entry((int) 'ß', "ss"), Map.entry((int) 'æ', "ae"), Map.entry((int) 'Æ', "AE"),
            Map.entry((int) 'œ', "oe"), Map.entry((int) 'Œ', "OE"), Map.entry((int) 'ø', "o"),
            Map.entry((int) 'Ø', "O"), Map.entry((int) 'ł', "l"), Map.entry((int) 'Ł', "L"),
            Map.entry((int) 'đ', "d"), Map.entry((int) 'Đ', "D"), Map.entry((int) 'ð', "d"),
            Map.entry((int) 'Ð', "D"), Map.entry((int) 'þ', "th"), Map.entry((int) 'Þ', "TH"),
            Map.entry((int) 'ı', "i"), Map.entry((int) 'ħ', "h"), Map.entry((int) 'Ħ', "H"));

    private final TextTokenizer tokenizer;
    /** For the prefix kind: whole words without length bounds, the sequence a phrase is checked on. */
    private final TextTokenizer words;
    private final boolean asciiFolding;
    private final boolean phraseMatching;

    TextAnalyzer(PayloadFieldSchema schema) {
        Kind kind = switch (stringParam(schema.params(), "tokenizer", "word")) {
            case "whitespace" -> Kind.WHITESPACE;
            case "prefix" -> Kind.PREFIX;
            case "multilingual" -> Kind.MULTILINGUAL;
            default -> Kind.WORD;
        };
        boolean lowercase = schema.flag("lowercase", true);
        this.asciiFolding = schema.flag("ascii_folding", false);
        this.phraseMatching = schema.flag("phrase_matching", false);
        Set<String> stopwords = customStopwords(schema.params(), lowercase);
        Long min = longParam(schema.params(), "min_token_len");
        Long max = longParam(schema.params(), "max_token_len");
        TextTokenizer base = TextTokenizer.of(kind).withLowercase(lowercase);
        TextTokenizer withStopwords = stopwords.isEmpty() ? base : base.withStopwords(stopwords);
        if (max != null && max == 0) {
            // no token is at most 0 characters long: every token is dropped
            withStopwords = base.withStopwords(token -> true);
        }
        Integer lower = min == null || min <= 0 ? null : (int) Math.min(Integer.MAX_VALUE, min);
        Integer upper = max == null || max <= 0 ? null : (int) Math.min(Integer.MAX_VALUE, max);
        if (lower != null && upper != null && lower > upper) {
            upper = lower;
        }
        this.tokenizer = withStopwords.withTokenLengths(lower, upper);
        this.words = withStopwords;
    }

    boolean phraseMatching() {
        return phraseMatching;
    }

    Kind kind() {
        return tokenizer.kind();
    }

    /** The tokens the index stores for a text. */
    List<String> indexTokens(String text) {
        return tokenizer.indexTokens(fold(text));
    }

    /** The tokens a query looks up. */
    List<String> queryTokens(String text) {
        return tokenizer.queryTokens(fold(text));
    }

    /** The token sequence a phrase is checked against: tokens, or for the prefix kind whole words. */
    List<String> phraseSequence(String text) {
        return kind() == Kind.PREFIX ? words.tokenize(fold(text)) : tokenizer.tokenize(fold(text));
    }

    /** Whether a query token stands for a stored word: equal, or for the prefix kind a prefix of it. */
    boolean tokenMatches(String queryToken, String word) {
        return kind() == Kind.PREFIX ? word.startsWith(queryToken) : word.equals(queryToken);
    }

    private String fold(String text) {
        if (!asciiFolding) {
            return text;
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder folded = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(cp -> {
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                return;
            }
            String replacement = FOLDS.get(cp);
            if (replacement != null) {
                folded.append(replacement);
            } else {
                folded.appendCodePoint(cp);
            }
        });
        return Normalizer.normalize(folded, Normalizer.Form.NFC);
    }

    private Set<String> customStopwords(ObjectValue params, boolean lowercase) {
        Set<String> words = new HashSet<>();
        if (params != null && params.get("stopwords") instanceof ObjectValue set
                && set.get("custom") instanceof ArrayValue custom) {
            for (PayloadValue word : custom.values()) {
                if (word instanceof StringValue s) {
                    String w = fold(s.value());
                    words.add(lowercase ? w.toLowerCase(Locale.ROOT) : w);
                }
            }
        }
        return words;
    }

    private static String stringParam(ObjectValue params, String name, String fallback) {
        return params != null && params.get(name) instanceof StringValue s ? s.value() : fallback;
    }

    private static Long longParam(ObjectValue params, String name) {
        return params != null && params.get(name) instanceof IntegerValue i ? i.value() : null;
    }
}
