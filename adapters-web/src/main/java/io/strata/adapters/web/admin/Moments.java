package io.strata.adapters.web.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Points in time as clients send them: an ISO-8601 date-time with offset, or a date meaning 00:00 UTC. */
final class Moments {

    private Moments() {
    }

    /** The moments a client may name: ISO-8601 allows years of nine digits, which the database's timestamps cannot hold. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    static Instant parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant moment = read(field, text);
        if (moment.isBefore(EARLIEST) || moment.isAfter(LATEST)) {
            // such a moment reached PostgreSQL as a year it refuses ("timestamp out of range"): a 500 before
            throw new IllegalArgumentException("'" + field + "' must lie between 0001-01-01 and 9999-12-31 (UTC); got '" + io.strata.domain.text.PlainText.echo(text.trim()) + "'");
        }
        return moment;
    }

    private static Instant read(String field, String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new IllegalArgumentException("'" + field + "' must be an ISO-8601 date-time with offset, like 2030-01-31T18:00:00Z, "
                        + "or a date, like 2030-01-31; got '" + io.strata.domain.text.PlainText.echo(text) + "'");
            }
        }
    }
}
