package io.strata.bootstrap.campaign;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.application.schedule.DueWorkReport;
import io.strata.application.schedule.port.in.RunDueWork;
import io.strata.bootstrap.StrataApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one database: looking at the clock at the same moment they start one owed run and launch one due
 * campaign once; a node that dies in the middle of a scheduled launch leaves it whole for the next look, on any node,
 * which launches it once. The second node runs on the system clock, so what is owed is made owed in the database.
 */
class SchedulerAcrossNodesTest extends CampaignTestSupport {

    private static ConfigurableApplicationContext secondNode;

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    RunDueWork dueWork;

    private long segmentation;

    @BeforeEach
    void base() throws Exception {
        handMadeBase();
        segmentation = activeRfmClassic();
        run("2024-06-30");
    }

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
            secondNode = null;
        }
    }

    @Test
    void twoNodesLookingAtTheClockAtOnceRunAnOwedScheduleOnceAndLaunchADueCampaignOnce() throws Exception {
        assertThat(put("/api/v1/segmentations/" + segmentation + "/schedule", "{\"cron\": \"0 * * * *\"}").statusCode()).isEqualTo(200);
        jdbc.sql("update segmentation_schedules set handled_until = now() - interval '2 hours' where segmentation_id = ?").param(segmentation).update();
        long campaign = dueCampaign();
        long runsBefore = count("select count(*) from segmentation_runs");
        RunDueWork second = secondNode().getBean(RunDueWork.class);

        List<DueWorkReport> reports = atOnce(dueWork, second);

        assertThat(reports.stream().mapToInt(r -> r.runsStarted().size()).sum()).isEqualTo(1);
        assertThat(reports.stream().flatMap(r -> r.launched().stream()).toList()).containsExactly(campaign);
        assertThat(count("select count(*) from schedule_firings where segmentation_id = " + segmentation)).isEqualTo(1);
        assertThat(count("select count(*) from segmentation_runs")).isEqualTo(runsBefore + 1);
        assertThat(launchEntries(campaign)).isEqualTo(1);
        assertThat(count("select count(*) from campaign_deliveries where campaign_id = " + campaign)).isEqualTo(18);
        awaitNoRunRunning();
    }

    @Test
    void aNodeThatDiesInTheMiddleOfAScheduledLaunchNeitherLosesNorRepeatsIt() throws Exception {
        long campaign = dueCampaign();
        RunDueWork dying = secondNode().getBean(RunDueWork.class);
        ExecutorService node = Executors.newSingleThreadExecutor();
        try (Connection holder = dataSource.getConnection(); Statement sql = holder.createStatement()) {
            // the launch gets as far as enqueueing the deliveries (state changed, audience frozen), then waits here
            holder.setAutoCommit(false);
            sql.execute("lock table campaign_deliveries in exclusive mode");
            Future<DueWorkReport> launching = node.submit(dying::runDueWork);
            int stuck = awaitLaunchWaitingOnDeliveries();

            // the node dies: its connection goes, and with it the unfinished unit of work
            assertThat(count("select count(*) from (select pg_terminate_backend(" + stuck + ")) t")).isEqualTo(1);
            assertThat(launching.get(20, TimeUnit.SECONDS).launched()).isEmpty();
            holder.rollback();
        } finally {
            node.shutdownNow();
        }
        stopSecondNode();

        assertThat(json(get("/api/v1/campaigns/" + campaign)).get("state").asString()).isEqualTo("SCHEDULED");
        assertThat(count("select count(*) from campaign_audience where campaign_id = " + campaign)).isZero();
        assertThat(count("select count(*) from campaign_deliveries where campaign_id = " + campaign)).isZero();
        assertThat(launchEntries(campaign)).isZero();

        DueWorkReport afterRestart = dueWork.runDueWork();
        DueWorkReport again = dueWork.runDueWork();

        assertThat(afterRestart.launched()).containsExactly(campaign);
        assertThat(again.launched()).isEmpty();
        assertThat(json(get("/api/v1/campaigns/" + campaign)).get("state").asString()).isEqualTo("RUNNING");
        // the 18 members with email consent; w01 and w20 are counted as excluded, not stored
        assertThat(count("select count(*) from campaign_audience where campaign_id = " + campaign)).isEqualTo(18);
        assertThat(json(get("/api/v1/campaigns/" + campaign + "/audience")).get("members").asLong()).isEqualTo(20);
        assertThat(count("select count(*) from campaign_deliveries where campaign_id = " + campaign)).isEqualTo(18);
        assertThat(launchEntries(campaign)).isEqualTo(1);
    }

    /** A scheduled campaign whose start has passed on every node's clock (the suite's clock may run days ahead). */
    private long dueCampaign() throws Exception {
        long id = createCampaign(winBack("0"));
        HttpResponse<String> scheduled = action(id, "schedule", "{\"startAt\":\"" + Instant.now().plus(Duration.ofDays(3650)) + "\"}");
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
        jdbc.sql("update campaigns set start_at = now() - interval '1 minute' where campaign_id = ?").param(id).update();
        return id;
    }

    private static List<DueWorkReport> atOnce(RunDueWork first, RunDueWork second) throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<DueWorkReport> a = nodes.submit(() -> {
                go.await();
                return first.runDueWork();
            });
            Future<DueWorkReport> b = nodes.submit(() -> {
                go.await();
                return second.runDueWork();
            });
            go.countDown();
            return List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
        } finally {
            nodes.shutdownNow();
        }
    }

    /** The backend of the launch waiting for the deliveries table (20 s at most). */
    private int awaitLaunchWaitingOnDeliveries() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<Integer> waiting = jdbc.sql("select pid from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%campaign_deliveries%'")
                    .query(Integer.class).list();
            if (waiting.size() == 1) {
                return waiting.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the launch never reached the deliveries");
    }

    private void awaitNoRunRunning() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (count("select count(*) from segmentation_runs where status = 'RUNNING'") > 0) {
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError("a segmentation run was still RUNNING after 30 s");
            }
            Thread.sleep(50);
        }
    }

    private long launchEntries(long campaign) {
        return count("select count(*) from audit_events where subject_type = 'campaign' and subject_id = '" + campaign + "' and action = 'LAUNCHED'");
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private ConfigurableApplicationContext secondNode() throws Exception {
        if (secondNode == null) {
            secondNode = new SpringApplicationBuilder(StrataApplication.class).run(
                    "--server.port=0",
                    "--strata.data-dir=" + Files.createTempDirectory("strata-second-node"),
                    "--strata.db.url=" + dataSource.getJdbcUrl(),
                    "--strata.db.user=" + dataSource.getUsername(), "--strata.db.password=" + dataSource.getPassword(),
                    "--strata.db.pool-size=4",
                    "--strata.api-token=" + TOKEN,
                    "--strata.admin-password=" + ADMIN_PASSWORD,
                    "--strata.schedules.check-every=PT24H");
        }
        return secondNode;
    }
}
