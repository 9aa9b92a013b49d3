package io.strata.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Strata started while its external database is down stops at once and says, in a few lines, which database it could
 * not reach and what to set or start (docs/architecture.md, "When the database goes away"), with no password in the
 * log. Before, Spring reported the failure of bean 'demoStart' with 130 lines of nested causes, naming no setting, and
 * the log's first line printed a password given in the URL.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseDownAtStartTest {

    @Test
    void aStartWithTheDatabaseDownStopsWithASentenceNamingTheSettings(CapturedOutput output) throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = free.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/strata?password=secret-in-the-url";

        assertThatThrownBy(() -> new SpringApplicationBuilder(StrataApplication.class).run("--server.port=0", "--strata.db.url=" + url,
                "--strata.db.user=strata", "--strata.db.password=never-printed", "--strata.api-token=" + EndToEndTest.TOKEN,
                "--strata.admin-password=" + EndToEndTest.ADMIN_PASSWORD, "--strata.predictions.warm-up=false"))
                .isInstanceOf(Exception.class);

        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("Strata could not connect to its database at jdbc:postgresql://127.0.0.1:" + closedPort
                        + "/strata?password=*** as user 'strata': Connection to 127.0.0.1:" + closedPort + " refused. Check that the "
                        + "hostname and port are correct and that the postmaster is accepting TCP/IP connections. (STRATA_DB_URL, STRATA_DB_USER).")
                .contains("Start that PostgreSQL or let it take Strata's connections, or correct STRATA_DB_URL, STRATA_DB_USER and "
                        + "STRATA_DB_PASSWORD (unset STRATA_DB_URL to use the embedded database); then start Strata again. Strata does not "
                        + "wait for its database at start: it stops with exit status 1, so a service manager can start it again until the "
                        + "database takes connections.")
                .doesNotContain("secret-in-the-url").doesNotContain("never-printed")
                .doesNotContain("Caused by:").doesNotContain("at com.zaxxer");
    }
}
