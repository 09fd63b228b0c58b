package io.quiver.domain.payload;

import io.quiver.domain.error.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Qdrant's key syntax. A bare key is one or more letters, digits, {@code _} or {@code -}; any
 * other key is written in double quotes (which cannot themselves contain {@code "} or {@code \}).
 * After the first key come {@code .key}, {@code ."quoted key"}, {@code [n]} and {@code []} steps.
 * Whitespace is never skipped: {@code "a b"} must be quoted.
 */
final class JsonPathParser {

    private final String text;
    private int position;

    private JsonPathParser(String text) {
        this.text = text;
    }

    static JsonPath parse(String text) {
        if (text == null) {
            throw new BadInputException("Invalid json path: null");
        }
        return new JsonPathParser(text).path();
    }

    static String quoteIfNeeded(String key) {
        return isBareKey(key) ? key : '"' + key + '"';
    }

    private JsonPath path() {
        String firstKey = key();
        List<JsonPath.Segment> rest = new ArrayList<>();
        while (position < text.length()) {
            rest.add(segment());
        }
        return new JsonPath(firstKey, rest);
    }

    private JsonPath.Segment segment() {
        char c = text.charAt(position);
        if (c == '.') {
            position++;
            return new JsonPath.Segment.Key(key());
        }
        if (c == '[') {
            position++;
            if (peek() == ']') {
                position++;
                return JsonPath.WILDCARD;
            }
            int index = index();
            expect(']');
            return new JsonPath.Segment.Index(index);
        }
        throw invalid();
    }

    private String key() {
        if (peek() == '"') {
            return quotedKey();
        }
        int start = position;
        while (position < text.length()) {
            int codePoint = text.codePointAt(position);
            if (!isBareKeyCharacter(codePoint)) {
                break;
            }
            position += Character.charCount(codePoint);
        }
        if (position == start) {
            throw invalid();
        }
        return text.substring(start, position);
    }

    private String quotedKey() {
        position++;
        int start = position;
        while (position < text.length() && text.charAt(position) != '"') {
            if (text.charAt(position) == '\\') {
                throw invalid();
            }
            position++;
        }
        if (position == text.length()) {
            throw invalid();
        }
        String key = text.substring(start, position);
        position++;
        return key;
    }

    private int index() {
        int start = position;
        while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
            position++;
        }
        if (position == start) {
            throw invalid();
        }
        try {
            return Integer.parseInt(text.substring(start, position));
        } catch (NumberFormatException tooLarge) {
            throw invalid();
        }
    }

    private void expect(char expected) {
        if (peek() != expected) {
            throw invalid();
        }
        position++;
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private BadInputException invalid() {
        return new BadInputException("Invalid json path: '" + text + "'");
    }

    private static boolean isBareKey(String key) {
        return !key.isEmpty() && key.codePoints().allMatch(JsonPathParser::isBareKeyCharacter);
    }

    /** Letters and digits of any script, as Rust's {@code char::is_alphanumeric}, plus {@code _} and {@code -}. */
    private static boolean isBareKeyCharacter(int codePoint) {
        if (codePoint == '_' || codePoint == '-') {
            return true;
        }
        if (Character.isAlphabetic(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
