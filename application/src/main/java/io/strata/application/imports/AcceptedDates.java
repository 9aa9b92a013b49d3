package io.strata.application.imports;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The dates and times an import accepts: from 1900-01-01 (00:00 UTC) to one day past the server's clock. Earlier
 * years and later ones are typos (2999 for 2019) or placeholders (0000-01-01); stored, a future order would hold the
 * purchase-facts horizon in the future for good. The day of slack covers senders whose clocks or time zones run ahead.
 * Taken once per import from the application's clock.
 */
record AcceptedDates(Instant earliest, Instant latest) {

    static final LocalDate FLOOR = LocalDate.of(1900, 1, 1);
    static final Duration AHEAD = Duration.ofDays(1);

    static AcceptedDates at(Instant now) {
        return new AcceptedDates(FLOOR.atStartOfDay(ZoneOffset.UTC).toInstant(), now.plus(AHEAD));
    }

    /** Why an instant is refused, or {@code null} when it is accepted. */
    String refusal(Instant value, String raw) {
        if (value.isBefore(earliest) || value.isAfter(latest)) {
            return outside(raw);
        }
        return null;
    }

    /** Why a date is refused, or {@code null} when it is accepted. */
    String refusal(LocalDate value, String raw) {
        if (value.isBefore(FLOOR) || value.isAfter(LocalDate.ofInstant(latest, ZoneOffset.UTC))) {
            return outside(raw);
        }
        return null;
    }

    private String outside(String raw) {
        return "'" + raw + "' is outside the accepted dates: from " + FLOOR + " to one day past the server's clock ("
                + latest + "); check the year";
    }
}
