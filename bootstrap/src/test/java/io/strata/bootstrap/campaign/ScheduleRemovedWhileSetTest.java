package io.strata.bootstrap.campaign;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schedule set while someone removes it: the setter is answered with the schedule it stored, whatever came after its
 * commit. Before session 56 the answer read the schedule again after the commit, and a removal committed in between
 * left nothing to read: 500 (session 56's probe: PUT, PUT and DELETE of one schedule at once, 3 of 143 PUTs 500).
 *
 * <p>The window is made to last: the test holds {@code audit_events} so that the PUT waits inside its unit of work,
 * asks for {@code segmentation_schedules} exclusively (queued behind the PUT), lets the PUT commit, and, holding the
 * table, removes the schedule as a second admin's DELETE would, while a read after the PUT's commit waits behind it.
 */
class ScheduleRemovedWhileSetTest extends CampaignTestSupport {

    @Autowired
    DataSource dataSource;

    private long segmentation;

    @BeforeEach
    void base() throws Exception {
        handMadeBase();
        segmentation = activeRfmClassic();
    }

    @Test
    void aScheduleRemovedRightAfterItWasSetIsAnsweredAsSetNeverA500() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        Future<HttpResponse<String>> put;
        try (Connection audit = dataSource.getConnection(); Connection remover = dataSource.getConnection()) {
            audit.setAutoCommit(false);
            remover.setAutoCommit(false);
            try (Statement hold = audit.createStatement()) {
                hold.execute("lock table audit_events in exclusive mode");
            }
            put = callers.submit(() -> send(HttpRequest.newBuilder(uri("/api/v1/segmentations/" + segmentation + "/schedule"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"dailyAt\": \"06:30\", \"timeZone\": \"Europe/Riga\"}")).build()));
            awaitSessionsWaitingForLocks(1);
            Future<Boolean> tableTaken = callers.submit(() -> {
                try (Statement take = remover.createStatement()) {
                    return take.execute("lock table segmentation_schedules in access exclusive mode");
                }
            });
            awaitSessionsWaitingForLocks(2);
            audit.rollback();
            tableTaken.get(60, TimeUnit.SECONDS);
            awaitWaitingOrDone(put);
            try (Statement remove = remover.createStatement()) {
                remove.executeUpdate("delete from segmentation_schedules where segmentation_id = " + segmentation);
            }
            remover.commit();
        }
        HttpResponse<String> answer = put.get(60, TimeUnit.SECONDS);
        callers.shutdown();

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode schedule = json(answer);
        assertThat(schedule.get("segmentationId").asLong()).isEqualTo(segmentation);
        assertThat(schedule.get("dailyAt").asString()).isEqualTo("06:30");
        assertThat(schedule.get("timeZone").asString()).isEqualTo("Europe/Riga");
        assertThat(get("/api/v1/segmentations/" + segmentation + "/schedule").statusCode()).as("removed after it was set").isEqualTo(404);
    }

    /** Until the PUT waits for the table (its read after the commit: the bug) or has its answer (the fix reads nothing more there). */
    private void awaitWaitingOrDone(Future<?> answer) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline) && !answer.isDone()
                && jdbc.sql("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
                .query(Long.class).single() < 1) {
            Thread.sleep(20);
        }
    }
}
