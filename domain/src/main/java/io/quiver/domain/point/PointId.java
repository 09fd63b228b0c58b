package io.quiver.domain.point;

import io.quiver.domain.error.BadInputException;
import java.util.UUID;

/** A point's identity: an unsigned 64-bit number or a UUID. Ordered numbers first, then UUIDs, as Qdrant orders them. */
public sealed interface PointId extends Comparable<PointId> {

    /** An unsigned 64-bit id; {@code value} holds the bits, compare with {@link Long#compareUnsigned}. */
    record NumericId(long value) implements PointId {
        @Override
        public String toString() {
            return Long.toUnsignedString(value);
        }
    }

    record UuidId(UUID value) implements PointId {
        @Override
        public String toString() {
            return value.toString();
        }
    }

    static PointId of(long unsignedValue) {
        return new NumericId(unsignedValue);
    }

    static PointId of(UUID uuid) {
        return new UuidId(uuid);
    }

    /**
     * Reads a UUID in any of the text forms Qdrant accepts: hyphenated, simple 32-hex, braced or urn.
     */
    static PointId parseUuid(String text) {
        String s = text.trim();
        if (s.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
            s = s.substring(9);
        }
        if (s.length() == 38 && s.charAt(0) == '{' && s.charAt(37) == '}') {
            s = s.substring(1, 37);
        }
        if (s.length() == 32 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            s = s.substring(0, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16) + "-"
                    + s.substring(16, 20) + "-" + s.substring(20);
        }
        if (s.length() != 36 || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
            throw invalid(text);
        }
        for (int i = 0; i < 36; i++) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                continue;
            }
            if (Character.digit(s.charAt(i), 16) < 0) {
                throw invalid(text);
            }
        }
        return new UuidId(UUID.fromString(s));
    }

    /** A path segment or query value: digits are a number, anything else must be a UUID. */
    static PointId parse(String text) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                return new NumericId(Long.parseUnsignedLong(text));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
        }
        return parseUuid(text);
    }

    private static BadInputException invalid(String text) {
        return new BadInputException("Unable to parse UUID: " + text);
    }

    @Override
    default int compareTo(PointId other) {
        return switch (this) {
            case NumericId a -> switch (other) {
                case NumericId b -> Long.compareUnsigned(a.value(), b.value());
                case UuidId b -> -1;
            };
            case UuidId a -> switch (other) {
                case NumericId b -> 1;
                case UuidId b -> compareUuids(a.value(), b.value());
            };
        };
    }

    private static int compareUuids(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
