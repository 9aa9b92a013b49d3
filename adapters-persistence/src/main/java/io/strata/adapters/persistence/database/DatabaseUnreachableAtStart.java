package io.strata.adapters.persistence.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The external database (STRATA_DB_URL) could not be connected to when the pool started: Strata stops (exit status 1)
 * and says so in a few lines naming the settings to check, instead of Spring's 130 lines of nested causes. It does not
 * wait for the database: a service manager's restart policy can start it again until the database is there.
 */
public final class DatabaseUnreachableAtStart extends RuntimeException {

    DatabaseUnreachableAtStart(String url, String user, Throwable cause) {
        super("Strata could not connect to its database at " + masked(url) + " as user '" + user + "': " + reason(cause), cause);
    }

    /** A password given in the URL's parameters is not printed. */
    static String masked(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** The driver's own sentence ("Connection to host:port refused. Check that …"), the deepest one that says something. */
    private static String reason(Throwable cause) {
        String reason = String.valueOf(cause.getMessage());
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException && t.getMessage() != null) {
                reason = t.getMessage();
            }
        }
        return reason;
    }

    /** Spring Boot's report of a start that failed so (META-INF/spring.factories). */
    public static final class Analyzer extends AbstractFailureAnalyzer<DatabaseUnreachableAtStart> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnreachableAtStart cause) {
            return new FailureAnalysis(cause.getMessage() + " (STRATA_DB_URL, STRATA_DB_USER).",
                    "Start that PostgreSQL or let it take Strata's connections, or correct STRATA_DB_URL, STRATA_DB_USER and "
                            + "STRATA_DB_PASSWORD (unset STRATA_DB_URL to use the embedded database); then start Strata again. Strata "
                            + "does not wait for its database at start: it stops with exit status 1, so a service manager can start it "
                            + "again until the database takes connections.",
                    cause);
        }
    }
}
