package io.strata.bootstrap.schedule;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.application.schedule.DueWorkReport;
import io.strata.application.schedule.ScheduledWork;
import io.strata.application.schedule.port.in.RunDueWork;
import io.strata.bootstrap.EndToEndTest;
import io.strata.bootstrap.StrataApplication;
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
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The look at the clock (db-scheduler's task {@code strata-due-work}: automatic launches, scheduled runs, runs owed again,
 * the relay of untried deliveries) when the process looking is killed in the middle of it, or stopped while it looks
 * (session 59's probe with the jar: docs/architecture.md, "When Strata is stopped").
 *
 * <ul>
 *   <li>Killed: the execution stays picked by the dead process. With db-scheduler's defaults (heartbeat 5 minutes,
 *   dead after 6 missed) no node looked for 30 to 40 minutes: the probe's campaigns due at 09:00:24, whose launch the
 *   kill cut, were still SCHEDULED after the restart. Now it is found dead after a minute without heartbeat.</li>
 *   <li>Stopped: db-scheduler waited up to 2 × 30 minutes for the look under way (the probe: a stop with a wait of 1 s
 *   took 22 s and launched three campaigns after the SIGTERM). Now it waits at most the stop's wait.</li>
 * </ul>
 *
 * <p>A node of its own on a database of its own (the suite's node never takes the task there), polling every second.
 */
class LookCutByAStopOrACrashTest extends EndToEndTest {

    private static final String DATABASE = "look_cut_by_a_stop";

    @Autowired
    private HikariDataSource suiteDatabase;

    @AfterEach
    void dropTheNodesDatabase() {
        jdbc.sql("drop database if exists " + DATABASE + " with (force)").update();
    }

    /**
     * What a process killed in a look leaves, written as db-scheduler's pick writes it: picked, by that process, with the
     * heartbeat it recorded last (45 s ago: a heartbeat every 10 s would have renewed it, had it lived). Oracles: 5 s
     * later it is still picked (less than a minute without heartbeat: a live node in a long look is not taken from);
     * within 50 s of the mark (dead at 15 s, looked for every 20 s) the node looks again. Before: not for 30 minutes.
     */
    @Test
    @Timeout(240)
    void aLookLeftPickedByAKilledProcessRunsAgainWithinAMinuteOfItsLastHeartbeat() throws Exception {
        JdbcClient database = nodesDatabase();
        CountingLook looks = new CountingLook();
        try (ConfigurableApplicationContext node = node(looks, "30s")) {
            assertThat(looks.looked.await(60, TimeUnit.SECONDS)).as("the node looked once").isTrue();
            int marked = 0;
            for (int attempt = 0; attempt < 200 && marked == 0; attempt++) {
                // between two of the node's looks (it picks the task every second)
                marked = database.sql("update scheduled_tasks set picked = true, picked_by = 'killed-process', last_heartbeat = now() - interval '45 seconds',"
                        + " version = version + 1 where task_name = 'strata-due-work' and not picked").update();
                if (marked == 0) {
                    Thread.sleep(20);
                }
            }
            assertThat(marked).as("the execution marked as the killed process left it").isEqualTo(1);
            int before = looks.count.get();

            Thread.sleep(5_000);
            assertThat(database.sql("select picked_by from scheduled_tasks where task_name = 'strata-due-work'").query(String.class).single())
                    .as("45 + 5 s without heartbeat: not dead yet").isEqualTo("killed-process");
            assertThat(looks.count.get()).as("no look meanwhile").isEqualTo(before);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
            while (looks.count.get() == before && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(looks.count.get()).as("the node looked again within 50 s of the mark (before: after 30 to 40 minutes)").isGreaterThan(before);
        }
    }

    /**
     * A stop (the context closed, as at a SIGTERM) while the look is held in a step, as in a long launch, with a stop's
     * wait of 2 s: the stop ends within 8 s (db-scheduler waits 1 s, interrupts the look, waits 1 s more; the web server's
     * and the run worker's waits have nothing to wait for), and the look was told to stop before its next step. Before:
     * the stop waited for the look, up to an hour.
     */
    @Test
    @Timeout(240)
    void aStopWaitsForALookUnderWayAtMostItsWaitAndTellsTheLookToStop() throws Exception {
        nodesDatabase();
        HeldLook looks = new HeldLook();
        ConfigurableApplicationContext node = node(looks, "2s");
        try {
            looks.armed = true;
            assertThat(looks.held.await(60, TimeUnit.SECONDS)).as("a look is held in its step").isTrue();

            long stopping = System.nanoTime();
            CompletableFuture<Void> stop = CompletableFuture.runAsync(node::close);
            try {
                stop.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // reported below; the look is let go so that the stop can end
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopping);
            looks.letGo.countDown();
            stop.get(120, TimeUnit.SECONDS);
            assertThat(seconds).as("the stop ended within 8 s though the look was held (before: it waited for the look)").isLessThan(8);
            assertThat(looks.toldToStop).as("the look was told to stop before its next step").isTrue();
        } finally {
            looks.letGo.countDown();
            node.close();
        }
    }

    private JdbcClient nodesDatabase() {
        jdbc.sql("drop database if exists " + DATABASE + " with (force)").update();
        jdbc.sql("create database " + DATABASE).update();
        return JdbcClient.create(new SingleConnectionDataSource(nodesDatabaseUrl(), suiteDatabase.getUsername(), suiteDatabase.getPassword(), true));
    }

    private String nodesDatabaseUrl() {
        return suiteDatabase.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + DATABASE + "$1");
    }

    private ConfigurableApplicationContext node(RunDueWork looks, String stopWait) throws IOException {
        return new SpringApplicationBuilder(StrataApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("looksOfTheTest", RunDueWork.class,
                        () -> looks instanceof CountingLook counting ? counting.around(context.getBean(ScheduledWork.class))
                                : ((HeldLook) looks).around(context.getBean(ScheduledWork.class)), definition -> definition.setPrimary(true)))
                .run("--server.port=0",
                        "--strata.data-dir=" + Files.createTempDirectory("strata-look-cut"),
                        "--strata.db.url=" + nodesDatabaseUrl(),
                        "--strata.db.user=" + suiteDatabase.getUsername(), "--strata.db.password=" + suiteDatabase.getPassword(),
                        "--strata.db.pool-size=4",
                        "--strata.api-token=" + TOKEN,
                        "--strata.admin-password=" + ADMIN_PASSWORD,
                        "--strata.predictions.warm-up=false",
                        "--spring.lifecycle.timeout-per-shutdown-phase=" + stopWait,
                        "--strata.schedules.check-every=PT1S",
                        "--strata.schedules.polling-interval=PT1S");
    }

    /** The node's looks, counted. */
    private static final class CountingLook implements RunDueWork {
        private final CountDownLatch looked = new CountDownLatch(1);
        private final AtomicInteger count = new AtomicInteger();
        private volatile RunDueWork work;

        RunDueWork around(RunDueWork work) {
            this.work = work;
            return this;
        }

        @Override
        public DueWorkReport runDueWork() {
            DueWorkReport report = work.runDueWork();
            count.incrementAndGet();
            looked.countDown();
            return report;
        }

        @Override
        public void stopLooking() {
            work.stopLooking();
        }
    }

    /** Once armed, the next look is held in its step until let go (or interrupted), as a long launch holds it. */
    private static final class HeldLook implements RunDueWork {
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch letGo = new CountDownLatch(1);
        private volatile boolean armed;
        private volatile boolean toldToStop;
        private volatile RunDueWork work;

        RunDueWork around(RunDueWork work) {
            this.work = work;
            return this;
        }

        @Override
        public DueWorkReport runDueWork() {
            if (armed) {
                armed = false;
                held.countDown();
                try {
                    letGo.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return work.runDueWork();
                }
            }
            return work.runDueWork();
        }

        @Override
        public void stopLooking() {
            toldToStop = true;
            work.stopLooking();
        }
    }
}
