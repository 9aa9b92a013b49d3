package io.strata.adapters.persistence.testing;

import java.time.ZoneId;
import java.util.Optional;

/**
 * The time zone of the test database's sessions. PostgreSQL turns a {@code timestamptz} into a date or a local time in
 * the session's zone, and the JDBC driver sets that zone to the JVM's at connect; on a machine and a JVM in UTC, SQL
 * that forgets to say {@code at time zone 'UTC'} gives the right answer by luck. The surefire execution
 * {@code far-from-utc} sets {@value #PROPERTY} (and a far JVM zone), so every pooled connection starts with
 * {@code set time zone} to a zone where a local day and a UTC day differ by hours.
 */
public final class SessionTimeZone {

    /** The system property naming the session's zone (an IANA id such as {@code Pacific/Pago_Pago}); unset: the driver's choice. */
    public static final String PROPERTY = "strata.test.session-time-zone";

    private SessionTimeZone() {
    }

    /** The zone the test sessions are set to, if the run asks for one. */
    public static Optional<ZoneId> requested() {
        String zone = System.getProperty(PROPERTY);
        return zone == null || zone.isBlank() ? Optional.empty() : Optional.of(ZoneId.of(zone.trim()));
    }

    /** The statement each new connection runs first, if a zone is requested; the id is checked by {@link ZoneId#of}. */
    public static Optional<String> initialStatement() {
        return requested().map(zone -> "set time zone '" + zone.getId() + "'");
    }
}
