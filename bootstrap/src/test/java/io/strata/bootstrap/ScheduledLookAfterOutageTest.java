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
        JdbcClient nodesDatabase = nodesDatabase();
        CuttableLink link = linkTo(nodesDatabaseUrl());
        LookThenCut looks = new LookThenCut(link);
        // the node stops before the link closes (in the reverse order), so that its stop is not one more outage
        try (link; ConfigurableApplicationContext node = node(link, looks)) {
            try (LogLines reach = new LogLines(DatabaseReach.class, Level.DEBUG)) {
                cutAsTheLookReturns(looks, reach, nodesDatabase);

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

    /**
     * db-scheduler's version check: the late completion is its own statement with the version this node picked, so when
     * another node took the execution meanwhile (db-scheduler's revival of a dead execution, then that node's pick: each
     * moves the version on) the late completion changes nothing and is dropped; it does not release the other node's
     * execution, which would let a third pick run a second look beside that node's.
     */
    @Test
    @Timeout(240)
    void aLateCompletionIsDroppedNotAppliedWhenAnotherNodeTookTheExecutionMeanwhile() throws Exception {
        JdbcClient nodesDatabase = nodesDatabase();
        CuttableLink link = linkTo(nodesDatabaseUrl());
        LookThenCut looks = new LookThenCut(link);
        try (link; ConfigurableApplicationContext node = node(link, looks)) {
            try (LogLines reach = new LogLines(DatabaseReach.class, Level.DEBUG);
                 LogLines late = new LogLines("io.strata.bootstrap.schedule.LateCompletion", Level.INFO)) {
                cutAsTheLookReturns(looks, reach, nodesDatabase);
                long picked = nodesDatabase.sql("select version from scheduled_tasks where task_name = 'strata-due-work'").query(Long.class).single();

                // another node takes the execution while this one cannot reach the database: db-scheduler's statements, by hand
                assertThat(nodesDatabase.sql("update scheduled_tasks set picked = false, picked_by = null, last_heartbeat = null,"
                        + " execution_time = now(), version = version + 1 where task_name = 'strata-due-work' and version = ?")
                        .param(picked).update()).as("revived as dead").isEqualTo(1);
                assertThat(nodesDatabase.sql("update scheduled_tasks set picked = true, picked_by = 'another-node', last_heartbeat = now(),"
                        + " version = version + 1 where task_name = 'strata-due-work' and picked = false and version = ?")
                        .param(picked + 1).update()).as("picked by another node").isEqualTo(1);
                Row taken = row(nodesDatabase);

                looks.restored = true;
                link.restore();

                assertThat(late.await(Level.INFO, line -> line.startsWith("The look at the clock (strata-due-work) was taken up meanwhile"), 1,
                        BOUND_SECONDS)).as("the late completion was tried and dropped within %d s of the restore", BOUND_SECONDS).isTrue();
                assertThat(late.lines(Level.INFO, line -> line.startsWith("The look at the clock (strata-due-work) was taken up meanwhile")))
                        .singleElement().asString().contains("nothing is left to complete: Expected one execution to be updated, but updated 0.");
                assertThat(late.lines(Level.INFO, line -> line.contains("is completed now"))).as("not applied").isEmpty();
                assertThat(row(nodesDatabase)).as("the other node's execution is as it took it").isEqualTo(taken)
                        .isEqualTo(new Row(true, "another-node", picked + 2, taken.executionTime()));
                assertThat(looks.lookedAfterTheRestore.getCount()).as("no look on this node: the execution is the other node's").isEqualTo(1);
            }
        }
    }

    /** The execution's row, as db-scheduler's statements change it. */
    private record Row(boolean picked, String pickedBy, long version, java.time.Instant executionTime) {
    }

    private static Row row(JdbcClient database) {
        return database.sql("select picked, picked_by, version, execution_time from scheduled_tasks where task_name = 'strata-due-work'")
                .query((rs, n) -> new Row(rs.getBoolean(1), rs.getString(2), rs.getLong(3), rs.getTimestamp(4).toInstant())).single();
    }

    /** Arms the node's look, which cuts the link as it returns; db-scheduler's completion of the execution then fails. */
    private static void cutAsTheLookReturns(LookThenCut looks, LogLines reach, JdbcClient nodesDatabase) throws InterruptedException {
        looks.armed = true;
        assertThat(looks.cut.await(60, TimeUnit.SECONDS)).as("the node's look ran and cut the link as it returned").isTrue();
        // db-scheduler's completion of the execution, on the look's thread, met the database away
        assertThat(reach.awaitEvents(event -> event.getThreadName().matches(LOOK_THREAD)
                && event.getFormattedMessage().startsWith(SCHEDULER), 1, 30)).as("the completion failed").isTrue();
        assertThat(nodesDatabase.sql("select picked from scheduled_tasks where task_name = 'strata-due-work'").query(Boolean.class).single())
                .as("the execution stays picked while the database is away").isTrue();
    }

    /** A database of the node's own, read by the test around the link. */
    private JdbcClient nodesDatabase() {
        jdbc.sql("drop database if exists " + DATABASE + " with (force)").update();
        jdbc.sql("create database " + DATABASE).update();
        return JdbcClient.create(new SingleConnectionDataSource(nodesDatabaseUrl(), suiteDatabase.getUsername(), suiteDatabase.getPassword(), true));
    }

    private String nodesDatabaseUrl() {
        return suiteDatabase.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + DATABASE + "$1");
    }

    private static CuttableLink linkTo(String url) throws IOException {
        Matcher address = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)").matcher(url);
        assertThat(address.matches()).as(url).isTrue();
        return new CuttableLink(address.group(1), Integer.parseInt(address.group(2)));
    }

    /** The node, its connections through the link, its look and db-scheduler's polls every second. */
    private ConfigurableApplicationContext node(CuttableLink link, LookThenCut looks) throws IOException {
        return new SpringApplicationBuilder(StrataApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("lookThenCut", RunDueWork.class,
                        () -> looks.around(context.getBean(ScheduledWork.class)), definition -> definition.setPrimary(true)))
                .run("--server.port=0",
                        "--strata.data-dir=" + Files.createTempDirectory("strata-look-after-outage"),
                        "--strata.db.url=jdbc:postgresql://127.0.0.1:" + link.port() + "/" + nodesDatabaseUrl().replaceFirst("^jdbc:postgresql://[^/]+/", ""),
                        "--strata.db.user=" + suiteDatabase.getUsername(), "--strata.db.password=" + suiteDatabase.getPassword(),
                        "--strata.db.pool-size=4",
                        "--strata.api-token=" + TOKEN,
                        "--strata.admin-password=" + ADMIN_PASSWORD,
                        "--strata.predictions.warm-up=false",
                        "--strata.schedules.check-every=PT1S",
                        "--strata.schedules.polling-interval=PT1S");
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
