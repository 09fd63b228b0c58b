package io.quiver.domain.filter;

import io.quiver.domain.error.BadInputException;
import io.quiver.domain.payload.PayloadDateTime;
import io.quiver.domain.payload.PayloadValue;
import java.time.Instant;

/**
 * A range of instants. Payload values match when they are strings in one of the spellings
 * {@link PayloadDateTime} reads, so a bound and a stored value may be written differently (with or
 * without offset, {@code T} or space) and still compare as the instants they name.
 */
public record DatetimeRange(Instant lt, Instant gt, Instant gte, Instant lte) {

    /**
     * Reads bounds as the client wrote them; null means absent.
     *
     * @throws BadInputException when a bound is not a date-time Qdrant would accept
     */
    public static DatetimeRange parse(String lt, String gt, String gte, String lte) {
        return new DatetimeRange(bound(lt), bound(gt), bound(gte), bound(lte));
    }

    private static Instant bound(String text) {
        if (text == null) {
            return null;
        }
        return PayloadDateTime.parse(text)
                .orElseThrow(() -> new BadInputException("Invalid datetime: '" + text + "'"));
    }

    public boolean test(Instant instant) {
        return (lt == null || instant.isBefore(lt))
                && (gt == null || instant.isAfter(gt))
                && (gte == null || !instant.isBefore(gte))
                && (lte == null || !instant.isAfter(lte));
    }

    /** Whether one payload value is a date-time string inside the range. */
    public boolean test(PayloadValue value) {
        return value instanceof PayloadValue.StringValue s
                && PayloadDateTime.parse(s.value()).map(this::test).orElse(false);
    }
}
