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

    /**
     * The driver's own sentence ("Connection to host:port refused. Check that …"), the deepest one that says something,
     * and for a refused TLS check what it means and what to set: the driver's words for those are Java's
     * ("PKIX path building failed: … unable to find valid certification path to requested target", session 57's probe
     * of an external server with a certificate of its own).
     */
    static String reason(Throwable cause) {
        String reason = String.valueOf(cause.getMessage());
        StringBuilder chain = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException && t.getMessage() != null) {
                reason = t.getMessage();
            }
            chain.append(' ').append(t.getMessage());
        }
        String advice = tlsAdvice(chain.toString());
        return advice.isEmpty() ? reason : reason + (reason.endsWith(".") ? " " : ". ") + advice;
    }

    private static String tlsAdvice(String said) {
        if (said.contains("Could not open SSL root certificate file")) {
            return "sslmode=verify-ca and verify-full check the server's certificate against an authority's certificate, and"
                    + " none was found: give its file with sslrootcert=/path/to/root.crt in STRATA_DB_URL";
        }
        if (said.contains("PKIX path building failed") || said.contains("unable to find valid certification path")) {
            return "The server's certificate is not signed by an authority Strata was given: put the authority's certificate"
                    + " in a file and name it with sslrootcert=/path/to/root.crt in STRATA_DB_URL (with sslmode=verify-full, which"
                    + " also checks the host name), or use sslmode=require to encrypt without checking who answers";
        }
        if (said.contains("could not be verified by hostnameverifier")) {
            return "The server's certificate names another host than STRATA_DB_URL does: connect by a name the certificate"
                    + " holds, or use sslmode=verify-ca, which checks the authority but not the name";
        }
        return "";
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
