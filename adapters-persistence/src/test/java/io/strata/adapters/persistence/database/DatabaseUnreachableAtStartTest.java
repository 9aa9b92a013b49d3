package io.strata.adapters.persistence.database;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start refused by the server's TLS check said only Java's words ("PKIX path building failed: …"). The chains here are
 * built as pgjdbc builds them (its MakeSSL wraps the handshake's exception in "SSL error: …"), with the words session
 * 57's probe of a PostgreSQL 15 with a self-signed certificate saw (another authority; no sslrootcert), and pgjdbc's
 * sentence for a host name the certificate does not hold. All three were also seen so by hand, with the jar against
 * Debian's PostgreSQL 15 (ssl on, a certificate for db.internal, Strata connecting to localhost).
 */
class DatabaseUnreachableAtStartTest {

    private static final String URL = "jdbc:postgresql://db.internal:5432/strata?sslmode=verify-full&password=secret";

    @Test
    void aCertificateOfAnotherAuthoritySaysWhatToSet() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed: sun.security.provider.certpath."
                + "SunCertPathBuilderException: unable to find valid certification path to requested target");
        PSQLException driver = new PSQLException("SSL error: PKIX path building failed: sun.security.provider.certpath."
                + "SunCertPathBuilderException: unable to find valid certification path to requested target", PSQLState.CONNECTION_FAILURE, handshake);

        String said = new DatabaseUnreachableAtStart(URL, "strata", new RuntimeException("pool", driver)).getMessage();

        assertThat(said).startsWith("Strata could not connect to its database at jdbc:postgresql://db.internal:5432/strata?sslmode=verify-full"
                        + "&password=*** as user 'strata': SSL error: PKIX path building failed")
                .endsWith(". The server's certificate is not signed by an authority Strata was given: put the authority's certificate"
                        + " in a file and name it with sslrootcert=/path/to/root.crt in STRATA_DB_URL (with sslmode=verify-full, which"
                        + " also checks the host name), or use sslmode=require to encrypt without checking who answers");
    }

    @Test
    void noAuthorityFileSaysToNameOne() {
        PSQLException driver = new PSQLException("Could not open SSL root certificate file /root/.postgresql/root.crt.", PSQLState.CONNECTION_FAILURE);

        assertThat(new DatabaseUnreachableAtStart(URL, "strata", driver).getMessage())
                .contains("Could not open SSL root certificate file /root/.postgresql/root.crt. sslmode=verify-ca")
                .endsWith("none was found: give its file with sslrootcert=/path/to/root.crt in STRATA_DB_URL");
    }

    @Test
    void anotherHostNameSaysToConnectByOneTheCertificateHolds() {
        PSQLException driver = new PSQLException("The hostname 127.0.0.1 could not be verified by hostnameverifier PgjdbcHostnameVerifier.",
                PSQLState.CONNECTION_FAILURE);

        assertThat(new DatabaseUnreachableAtStart(URL, "strata", driver).getMessage())
                .endsWith("connect by a name the certificate holds, or use sslmode=verify-ca, which checks the authority but not the name");
    }

    @Test
    void aRefusedConnectionIsTheDriversSentenceAlone() {
        PSQLException driver = new PSQLException("Connection to localhost:1 refused. Check that the hostname and port are correct and that"
                + " the postmaster is accepting TCP/IP connections.", PSQLState.CONNECTION_UNABLE_TO_CONNECT);

        assertThat(new DatabaseUnreachableAtStart(URL, "strata", driver).getMessage()).endsWith("accepting TCP/IP connections.");
    }
}
