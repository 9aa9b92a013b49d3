package io.strata.bootstrap;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.database.DatabaseReach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log while the database is out of reach (docs/architecture.md, "When the database goes away"): each part that works
 * on its own (the pool's connecting, the scheduler, the clean-up of expired console sessions) says once, in one WARN
 * line naming the cause, that it cannot reach the database, and once, in one INFO line, that it reaches it again.
 * Before, db-scheduler logged "Unhandled exception. Will keep running." with a stack trace at every poll (10 s) and
 * Spring Session's clean-up "Unexpected error occurred in scheduled task" with one every minute.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageLogTest extends EndToEndTest {

    private static final String SCHEDULER = "The scheduler (db-scheduler, the look at the clock strata-due-work)";
    private static final String SESSIONS = "The clean-up of expired console sessions";
    private static final String POOL = "Strata's pool of database connections";

    @Autowired
    private HikariDataSource dataSource;

    /**
     * A second node whose connections pass through a link the test cuts; its scheduler polls every second and its
     * clean-up runs every second, so that each fails several times while the link is cut.
     */
    @Test
    @Timeout(240)
    void eachPartSaysOnceThatItCannotReachTheDatabaseAndOnceThatItDoesAgain(CapturedOutput output) throws Exception {
        Matcher address = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)").matcher(dataSource.getJdbcUrl());
        assertThat(address.matches()).as(dataSource.getJdbcUrl()).isTrue();
        // the lines are taken once the node has started: a start in a JVM where an earlier test closed an application
        // resets Logback (Spring Boot's logging then counts as not set up), which would drop an appender added before it
        try (CuttableLink link = new CuttableLink(address.group(1), Integer.parseInt(address.group(2)));
             ConfigurableApplicationContext node = new SpringApplicationBuilder(StrataApplication.class).run(
                     "--server.port=0", "--strata.db.url=jdbc:postgresql://127.0.0.1:" + link.port() + "/" + address.group(3),
                     "--strata.db.user=" + dataSource.getUsername(), "--strata.db.password=" + dataSource.getPassword(), "--strata.db.pool-size=4",
                     "--strata.api-token=" + TOKEN, "--strata.admin-password=" + ADMIN_PASSWORD,
                     "--strata.schedules.check-every=PT1S", "--strata.schedules.polling-interval=PT1S",
                     "--strata.sessions.cleanup-cron=* * * * * *", "--strata.predictions.warm-up=false");
             LogLines reach = new LogLines(DatabaseReach.class, Level.DEBUG)) {
            int logBefore = output.getOut().length();

            link.cut();

            assertThat(reach.await(Level.DEBUG, startsWith(SCHEDULER + " still cannot reach"), 3, 60)).as("the scheduler polled on").isTrue();
            assertThat(reach.await(Level.DEBUG, startsWith(SESSIONS + " still cannot reach"), 3, 60)).as("the clean-up ran on").isTrue();
            String refused = "Connection to 127.0.0.1:" + link.port() + " refused. Check that the hostname and port are correct and that "
                    + "the postmaster is accepting TCP/IP connections.";
            // a part whose statement was under way when the link was cut says that its connection broke instead
            String cause = " cannot reach the database: (" + Pattern.quote(refused) + "|An I/O error occurred while sending to the backend\\.) "
                    + "It tries again ";
            assertThat(reach.lines(Level.WARN, startsWith(SCHEDULER))).singleElement().asString().matches(Pattern.quote(SCHEDULER) + cause
                    + "at its next poll; the log says when it reaches the database again\\.");
            assertThat(reach.lines(Level.WARN, startsWith(SESSIONS))).singleElement().asString().matches(Pattern.quote(SESSIONS) + cause
                    + "every minute; the log says when it reaches the database again\\.");
            // a connection the pool was opening as the link was cut (Hikari fills the pool after the start) broke in its
            // handshake, which the driver says in its own words
            assertThat(reach.lines(Level.WARN, startsWith(POOL + " cannot reach"))).singleElement().asString().matches(Pattern.quote(POOL
                    + " cannot reach the database: ") + "(" + Pattern.quote(refused) + "|The connection attempt failed\\.)" + Pattern.quote(
                    " It tries again at the next request and every few seconds (requests are answered 503 \"database is unavailable\" "
                    + "meanwhile); the log says when it reaches the database again."));
            // the connections the cut broke, found so by Hikari as it handed them out (one that broke under a statement is not):
            // Strata's one line at most, not Hikari's for each
            assertThat(reach.lines(Level.WARN, startsWith(POOL + " found connections"))).hasSizeLessThanOrEqualTo(1)
                    .allSatisfy(line -> assertThat(line).startsWith(POOL + " found connections that the database had closed "
                            + "(\"This connection has been closed.\")"));
            String duringTheOutage = output.getOut().substring(logBefore);
            assertThat(duringTheOutage).doesNotContain("Failed to validate connection")
                    .doesNotContain("Unhandled exception. Will keep running.")
                    .doesNotContain("Unexpected error occurred in scheduled task").doesNotContain("Pool is empty")
                    .doesNotContain("Caused by:");

            link.restore();

            // the scheduler's own line after the restore is not awaited: this node shares db-scheduler's table with the
            // suite's node, whose look, once it takes the task, is due again a day later (a cut while db-scheduler
            // completes the look's execution no longer holds it: ScheduledLookAfterOutageTest)
            assertThat(reach.await(Level.INFO, startsWith(SESSIONS + " reaches the database again"), 1, 60)).isTrue();
            assertThat(reach.await(Level.INFO, startsWith(POOL + " reaches the database again"), 1, 60)).isTrue();
            assertThat(reach.lines(Level.INFO, startsWith(SESSIONS))).singleElement().asString()
                    .matches(Pattern.quote(SESSIONS) + " reaches the database again, after \\d+ failed attempts over \\d+ s\\.");
        }
    }

    private static Predicate<String> startsWith(String prefix) {
        return line -> line.startsWith(prefix);
    }
}
