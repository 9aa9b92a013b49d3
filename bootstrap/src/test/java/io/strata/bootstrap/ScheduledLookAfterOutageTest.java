package io.strata.bootstrap;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.database.DatabaseReach;
import io.strata.application.schedule.DueWorkReport;
import io.strata.application.schedule.ScheduledWork;
import io.strata.application.schedule.port.in.RunDueWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The look at the clock (db-scheduler's task {@code strata-due-work}: scheduled runs, automatic launches, the sweeps,
 * the outbox's relay) comes back by itself promptly after the database was away while db-scheduler completed its
 * execution (docs/architecture.md, "When the database goes away"). Before, the execution stayed picked in
 * {@code scheduled_tasks}, and the look ran again only once db-scheduler found it dead by its missed heartbeats: half an
 * hour and more by its defaults, with nothing scheduled done meanwhile.
 *
 * <p>A node of its own, on a database of its own (so that the suite's node, whose look is due once a day, never takes
 * the task), whose connections pass through a link the test cuts: the node's look cuts it as it returns, so that
 * db-scheduler's completion of the execution (its reschedule) meets the database away.
 */
class ScheduledLookAfterOutageTest extends EndToEndTest {

    private static final String DATABASE = "look_after_outage";
    private static final String SCHEDULER = "The scheduler (db-scheduler, the look at the clock strata-due-work)";
    /** The thread db-scheduler runs the look and completes its execution on ({@code DueWorkScheduler}'s executor). */
    private static final String LOOK_THREAD = "db-scheduler-\\d+";
    /** How soon after the restore the look must run again: the node polls every second. */
    private static final long BOUND_SECONDS = 15;

    @Autowired
    private HikariDataSource suiteDatabase;

    @AfterEach
    void dropTheNodesDatabase() {
        jdbc.sql("drop database if exists " + DATABASE + " with (force)").update();
    }

    @Test
    @Timeout(240)
    void theLookRunsAgainWithinSecondsWhenTheDatabaseWentAwayWhileItsExecutionWasBeingCompleted() throws Exception {
        jdbc.sql("drop database if exists " + DATABASE + " with (force)").update();
        jdbc.sql("create database " + DATABASE).update();
        String url = suiteDatabase.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + DATABASE + "$1");
        JdbcClient nodesDatabase = JdbcClient.create(new SingleConnectionDataSource(url, true));
        Matcher address = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)").matcher(url);
        assertThat(address.matches()).as(url).isTrue();
        CuttableLink link = new CuttableLink(address.group(1), Integer.parseInt(address.group(2)));
        LookThenCut looks = new LookThenCut(link);
        // the node stops before the link closes (in the reverse order), so that its stop is not one more outage
        try (link; ConfigurableApplicationContext node = new SpringApplicationBuilder(StrataApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("lookThenCut", RunDueWork.class,
                        () -> looks.around(context.getBean(ScheduledWork.class)), definition -> definition.setPrimary(true)))
                .run("--server.port=0",
                        "--strata.data-dir=" + Files.createTempDirectory("strata-look-after-outage"),
                        "--strata.db.url=jdbc:postgresql://127.0.0.1:" + link.port() + "/" + address.group(3),
                        "--strata.db.user=" + suiteDatabase.getUsername(),
                        "--strata.db.pool-size=3",
                        "--strata.api-token=" + TOKEN,
                        "--strata.admin-password=" + ADMIN_PASSWORD,
                        "--strata.predictions.warm-up=false",
                        "--strata.schedules.check-every=PT1S",
                        "--strata.schedules.polling-interval=PT1S")) {
            try (LogLines reach = new LogLines(DatabaseReach.class, Level.DEBUG)) {
                looks.armed = true;
                assertThat(looks.cut.await(60, TimeUnit.SECONDS)).as("the node's look ran and cut the link as it returned").isTrue();
                // db-scheduler's completion of the execution, on the look's thread, met the database away
                assertThat(reach.awaitEvents(event -> event.getThreadName().matches(LOOK_THREAD)
                        && event.getFormattedMessage().startsWith(SCHEDULER), 1, 30)).as("the completion failed").isTrue();
                assertThat(nodesDatabase.sql("select picked from scheduled_tasks where task_name = 'strata-due-work'").query(Boolean.class).single())
                        .as("the execution stays picked while the database is away").isTrue();

                looks.restored = true;
                link.restore();

                assertThat(looks.lookedAfterTheRestore.await(BOUND_SECONDS, TimeUnit.SECONDS))
                        .as("the look ran again within %d s of the restore (before: only once db-scheduler found its execution dead)", BOUND_SECONDS)
                        .isTrue();
                assertThat(reach.await(Level.INFO, line -> line.startsWith(SCHEDULER + " reaches the database again"), 1, BOUND_SECONDS))
                        .as("and said that it reaches the database again").isTrue();
            }
        }
    }

    /** The node's look, which cuts the link as it returns once armed, and notes a look begun after the restore. */
    private static final class LookThenCut {

        private final CuttableLink link;
        private final CountDownLatch cut = new CountDownLatch(1);
        private final CountDownLatch lookedAfterTheRestore = new CountDownLatch(1);
        private volatile boolean armed;
        private volatile boolean restored;

        LookThenCut(CuttableLink link) {
            this.link = link;
        }

        RunDueWork around(RunDueWork work) {
            return () -> {
                if (restored) {
                    lookedAfterTheRestore.countDown();
                }
                DueWorkReport report = work.runDueWork();
                if (armed) {
                    armed = false;
                    try {
                        link.cut();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    cut.countDown();
                }
                return report;
            };
        }
    }
}
