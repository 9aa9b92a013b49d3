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

    static Instant parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new IllegalArgumentException("'" + field + "' must be an ISO-8601 date-time with offset, like 2030-01-31T18:00:00Z, "
                        + "or a date, like 2030-01-31; got '" + text + "'");
            }
        }
    }
}
