package io.quiver.adapter.out.storage.payloadindex;

import io.quiver.domain.filter.Match;
import io.quiver.domain.index.PayloadFieldSchema;
import io.quiver.domain.payload.PayloadValue;
import io.quiver.domain.payload.PayloadValue.StringValue;
import io.quiver.domain.point.PointId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Full-text index: the tokens of a field's strings → ids, tokenized by {@link TextAnalyzer}. Answers, by
 * tokens as Qdrant does with an index (not by the evaluator's substring tests):
 * <ul>
 *   <li>{@code text}: the point holds every query token (across all its strings);</li>
 *   <li>{@code text_any}: the point holds at least one query token;</li>
 *   <li>{@code phrase} (only with {@code phrase_matching}; otherwise left to the evaluator, since Qdrant
 *       refuses it): one of the point's strings holds the query tokens consecutively and in order.</li>
 * </ul>
 * A query without tokens (empty, or only stopwords or out-of-bounds words) matches nothing.
 */
final class TextIndex extends AbstractPayloadIndex<TextIndex.Document> {

    /** A point's distinct tokens, and (with phrase matching) each string's token sequence. */
    record Document(Set<String> tokens, List<List<String>> sequences) {
    }

    private final TextAnalyzer analyzer;
    private final Postings<String> postings = Postings.hashed();

    TextIndex(PayloadFieldSchema schema) {
        super(schema);
        this.analyzer = new TextAnalyzer(schema);
    }

    @Override
    protected Document extract(List<PayloadValue> values) {
        Set<String> tokens = new LinkedHashSet<>();
        List<List<String>> sequences = new ArrayList<>();
        for (PayloadValue value : values) {
            if (value instanceof StringValue s) {
                tokens.addAll(analyzer.indexTokens(s.value()));
                if (analyzer.phraseMatching()) {
                    List<String> sequence = analyzer.phraseSequence(s.value());
                    if (!sequence.isEmpty()) {
                        sequences.add(List.copyOf(sequence));
                    }
                }
            }
        }
        return tokens.isEmpty() ? null : new Document(compact(tokens), List.copyOf(sequences));
    }

    @Override
    protected void add(PointId id, Document data) {
        postings.addAll(data.tokens(), id);
    }

    @Override
    protected void drop(PointId id, Document data) {
        postings.removeAll(data.tokens(), id);
    }

    @Override
    protected Set<PointId> answerMatch(Match match) {
        return switch (match) {
            case Match.Text(String text) -> all(analyzer.queryTokens(text));
            case Match.TextAny(String text) -> union(postings, analyzer.queryTokens(text));
            case Match.Phrase(String phrase) when analyzer.phraseMatching() -> phrase(analyzer.queryTokens(phrase));
            default -> null;
        };
    }

    @Override
    protected long estimateMatch(Match match) {
        return switch (match) {
            case Match.Text(String text) -> smallestPosting(analyzer.queryTokens(text));
            case Match.TextAny(String text) -> sizeSum(postings, new LinkedHashSet<>(analyzer.queryTokens(text)));
            case Match.Phrase(String phrase) when analyzer.phraseMatching() ->
                    smallestPosting(analyzer.queryTokens(phrase));
            default -> -1;
        };
    }

    private long smallestPosting(List<String> tokens) {
        return tokens.stream().mapToLong(t -> postings.get(t).size()).min().orElse(0);
    }

    /** The points holding every token; none for no tokens. */
    private Set<PointId> all(List<String> tokens) {
        if (tokens.isEmpty()) {
            return new HashSet<>();
        }
        List<Set<PointId>> lists = new ArrayList<>();
        for (String token : new LinkedHashSet<>(tokens)) {
            lists.add(postings.get(token));
        }
        lists.sort(Comparator.comparingInt(Set::size));
        Set<PointId> ids = new HashSet<>(lists.getFirst());
        for (int i = 1; i < lists.size() && !ids.isEmpty(); i++) {
            ids.retainAll(lists.get(i));
        }
        return ids;
    }

    private Set<PointId> phrase(List<String> tokens) {
        Set<PointId> ids = all(tokens);
        ids.removeIf(id -> !holdsPhrase(data(id), tokens));
        return ids;
    }


    private boolean holdsPhrase(Document document, List<String> tokens) {
        if (document == null) {
            return false;
        }
        for (List<String> sequence : document.sequences()) {
            for (int start = 0; start + tokens.size() <= sequence.size(); start++) {
                int matched = 0;
                while (matched < tokens.size() && analyzer.tokenMatches(tokens.get(matched), sequence.get(start + matched))) {
                    matched++;
                }
                if (matched == tokens.size()) {
                    return true;
                }
            }
        }
        return false;
    }
}
