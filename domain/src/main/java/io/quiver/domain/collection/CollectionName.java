package io.quiver.domain.collection;

import io.quiver.domain.error.ValidationException;

/** A collection's (or alias's) name, checked as Qdrant checks it: 1 to 255 characters, no path-like characters. */
public record CollectionName(String value) implements Comparable<CollectionName> {

    private static final String FORBIDDEN = "<>:\"/\\|?*\0\u001F";
    public static final int MAX_LENGTH = 255;

    public CollectionName {
        check("collection_name", value);
    }

    /** Validates {@code value} as a name reported under {@code field}. */
    public static void check(String field, String value) {
        int length = value == null ? 0 : value.codePointCount(0, value.length());
        if (length == 0 || length > MAX_LENGTH) {
            throw ValidationException.of(field,
                    "length " + length + " invalid, must be from 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (FORBIDDEN.indexOf(c) >= 0) {
                throw ValidationException.of(field, "collection name cannot contain \"" + c + "\" char");
            }
        }
    }

    @Override
    public int compareTo(CollectionName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
