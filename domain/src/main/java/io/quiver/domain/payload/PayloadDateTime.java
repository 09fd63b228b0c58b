package io.quiver.domain.payload;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date-time spellings Qdrant accepts, both in datetime range filters and in payload strings
 * compared against them, so that a value stored one way still matches a bound written another way.
 *
 * <p>Accepted, with the time optional only in the last two forms:
 * <ul>
 *   <li>RFC 3339: {@code 2023-02-08T10:49:00Z}, {@code 2023-02-08T10:49:00.123+01:00}; the separator may
 *       also be {@code t} or a space</li>
 *   <li>an offset written {@code +01}, {@code +0100} or {@code +01:00}, optionally after a space, or
 *       {@code UTC} (the way date-times print themselves)</li>
 *   <li>no offset at all, read as UTC: {@code 2023-02-08T10:49:00}, {@code 2023-02-08 10:49:00.5}</li>
 *   <li>minutes only, space separated and without offset: {@code 2023-02-08 10:49}</li>
 *   <li>a date alone, read as midnight UTC: {@code 2023-02-08}</li>
 * </ul>
 * Anything else (including {@code 2023-02-08T10:49}, which Qdrant rejects too) is not a date-time.
 */
public final class PayloadDateTime {

    private static final Pattern FORM = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})"
                    + "(?:([Tt ])(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?)?"
                    + "(?: ?(Z|z|UTC|[+-]\\d{2}(?::?\\d{2})?))?");

    private PayloadDateTime() {
    }

    /** The instant the text names, or empty when it is not one of the accepted spellings. */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches() || !fitsAcceptedShape(m)) {
            return Optional.empty();
        }
        try {
            LocalDateTime local = LocalDateTime.of(
                    number(m.group(1)), number(m.group(2)), number(m.group(3)),
                    optionalNumber(m.group(5)), optionalNumber(m.group(6)), optionalNumber(m.group(7)),
                    nanos(m.group(8)));
            Integer offsetSeconds = offsetSeconds(m.group(9));
            if (offsetSeconds == null) {
                return Optional.empty();
            }
            return Optional.of(local.toInstant(ZoneOffset.UTC).minusSeconds(offsetSeconds));
        } catch (DateTimeException outOfRange) {
            return Optional.empty();
        }
    }

    private static boolean fitsAcceptedShape(Matcher m) {
        boolean hasTime = m.group(4) != null;
        boolean hasSeconds = m.group(7) != null;
        boolean hasOffset = m.group(9) != null;
        if (!hasTime) {
            return !hasOffset;
        }
        if (!hasSeconds) {
            return m.group(4).equals(" ") && !hasOffset;
        }
        return true;
    }

    /** Seconds east of UTC, 0 when absent, null when out of range. */
    private static Integer offsetSeconds(String offset) {
        if (offset == null || offset.equals("Z") || offset.equals("z") || offset.equals("UTC")) {
            return 0;
        }
        int sign = offset.charAt(0) == '-' ? -1 : 1;
        String digits = offset.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
        if (hours > 23 || minutes > 59) {
            return null;
        }
        return sign * (hours * 3600 + minutes * 60);
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        String nine = (fraction.length() > 9 ? fraction.substring(0, 9) : fraction + "000000000").substring(0, 9);
        return Integer.parseInt(nine);
    }

    private static int number(String digits) {
        return Integer.parseInt(digits);
    }

    private static int optionalNumber(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }
}
