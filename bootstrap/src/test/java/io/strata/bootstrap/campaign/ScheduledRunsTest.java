package io.strata.bootstrap.campaign;

import io.strata.adapters.persistence.work.WorkClaims;
import io.strata.application.schedule.DueWorkReport;
import io.strata.application.schedule.port.in.RunDueWork;
import io.strata.bootstrap.SteerableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schedules of the active segmentation, driven by the suite's clock: the test moves it and looks at it through
 * {@link RunDueWork}, as db-scheduler's beat does, so nothing here sleeps waiting for a moment to come.
 */
class ScheduledRunsTest extends CampaignTestSupport {

    @Autowired
    SteerableClock clock;

    @org.junit.jupiter.api.AfterEach
    void backToTheSystemsTime() {
        clock.reset();
    }

    @Autowired
    RunDueWork dueWork;

    @Autowired
    WorkClaims claims;

    private long segmentation;

    @BeforeEach
    void base() throws Exception {
        handMadeBase();
        segmentation = activeRfmClassic();
    }

    @Test
    void aCronScheduleRunsOnceItsMomentHasComeAndNotAgainBeforeTheNext() throws Exception {
        assertThat(putSchedule("{\"cron\": \"*/10 * * * *\", \"timeZone\": \"UTC\"}").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(10));
        Instant lookedAt = clock.instant();

        DueWorkReport first = dueWork.runDueWork();
        DueWorkReport second = dueWork.runDueWork();

        assertThat(first.runsStarted()).hasSize(1);
        assertThat(second.runsStarted()).isEmpty();
        JsonNode run = completed(first.runsStarted().get(0));
        assertThat(run.get("asOf").asString()).as("as of the day it starts").isEqualTo(LocalDate.ofInstant(lookedAt, ZoneOffset.UTC).toString());
        JsonNode schedule = json(get("/api/v1/segmentations/" + segmentation + "/schedule"));
        assertThat(schedule.get("recentTriggers")).hasSize(1);
        assertThat(schedule.get("recentTriggers").get(0).get("trigger").asString()).isEqualTo("CRON");
        assertThat(schedule.get("recentTriggers").get(0).get("runId").asLong()).isEqualTo(first.runsStarted().get(0));
        assertThat(Instant.parse(schedule.get("nextRun").get("plannedAt").asString()).atZone(ZoneOffset.UTC).getMinute() % 10).isZero();
    }

    @Test
    void runsMissedWhileTheApplicationWasDownRunOnceAtTheNextLook() throws Exception {
        assertThat(putSchedule("{\"dailyAt\": \"06:00\", \"timeZone\": \"Europe/Berlin\"}").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofDays(3));

        DueWorkReport back = dueWork.runDueWork();
        DueWorkReport again = dueWork.runDueWork();

        assertThat(back.runsStarted()).hasSize(1);
        assertThat(again.runsStarted()).isEmpty();
        completed(back.runsStarted().get(0));
        JsonNode triggers = json(get("/api/v1/segmentations/" + segmentation + "/schedule")).get("recentTriggers");
        assertThat(triggers).hasSize(1);
        assertThat(triggers.get(0).get("trigger").asString()).isEqualTo("DAILY");
        assertThat(Instant.parse(triggers.get(0).get("plannedAt").asString()).atZone(ZoneId.of("Europe/Berlin")).toLocalTime())
                .isEqualTo(LocalTime.of(6, 0));
    }

    @Test
    void afterImportsARunStartsOnceOrdersImportsHaveBeenQuietForTheQuietTime() throws Exception {
        assertThat(putSchedule("{\"afterImports\": true, \"quietMinutes\": 5}").statusCode()).isEqualTo(200);
        assertThat(dueWork.runDueWork().runsStarted()).as("no import since the schedule was set").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(importOrders("order_id,customer_id,ordered_at,amount\nlate-1,w02,2024-06-29,40\n").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(4));
        DueWorkReport stillImporting = dueWork.runDueWork();
        clock.advance(Duration.ofMinutes(1));
        DueWorkReport quiet = dueWork.runDueWork();
        DueWorkReport afterwards = dueWork.runDueWork();

        assertThat(stillImporting.runsStarted()).isEmpty();
        assertThat(quiet.runsStarted()).hasSize(1);
        assertThat(afterwards.runsStarted()).isEmpty();
        completed(quiet.runsStarted().get(0));
        assertThat(json(get("/api/v1/segmentations/" + segmentation + "/schedule")).get("recentTriggers").get(0).get("trigger").asString())
                .isEqualTo("AFTER_IMPORTS");
    }

    @Test
    void aScheduledRunMeetingARunningOneWaitsForTheNextLookWhileAManualOneAnswers409() throws Exception {
        assertThat(putSchedule("{\"cron\": \"0 * * * *\"}").statusCode()).isEqualTo(200);
        long running = jdbc.sql("insert into segmentation_runs (segmentation_id, as_of, status) values (?, '2024-06-30', 'RUNNING') returning run_id")
                .param(segmentation).query(Long.class).single();
        // a worker lives and holds the run's claim: without it, the look would record the run as FAILED (StoppedRunSweepTest)
        claims.hold(WorkClaims.Space.RUNS, Long.toString(running));
        boolean released = false;
        try {
            clock.advance(Duration.ofHours(1));

            DueWorkReport scheduled = dueWork.runDueWork();
            HttpResponse<String> manual = post("/api/v1/segmentation-runs", "application/json", "{\"asOf\":\"2024-06-30\"}");
            DueWorkReport stillRunning = dueWork.runDueWork();

            assertThat(scheduled.runsStarted()).isEmpty();
            assertThat(scheduled.runsSkipped()).as("waits instead (until session 53: skipped, not retried)").isEmpty();
            assertThat(scheduled.runsWaiting()).hasSize(1);
            assertThat(json(get("/api/v1/segmentations/" + segmentation + "/schedule")).get("recentTriggers")).isEmpty();
            assertThat(manual.statusCode()).isEqualTo(409);
            assertThat(json(manual).get("runningRunId").asLong()).isEqualTo(running);
            assertThat(stillRunning.runsWaiting()).as("owed at every look while the run runs").isEqualTo(scheduled.runsWaiting());

            jdbc.sql("update segmentation_runs set status = 'FAILED', finished_at = now() where run_id = ?").param(running).update();
            claims.release(WorkClaims.Space.RUNS, Long.toString(running));
            released = true;
            DueWorkReport after = dueWork.runDueWork();

            assertThat(after.runsStarted()).hasSize(1);
            completed(after.runsStarted().get(0));
            JsonNode trigger = json(get("/api/v1/segmentations/" + segmentation + "/schedule")).get("recentTriggers").get(0);
            assertThat(trigger.get("runId").asLong()).isEqualTo(after.runsStarted().get(0));
            assertThat(trigger.get("plannedAt").asString()).isEqualTo(scheduled.runsWaiting().get(0).plannedAt().toString());
        } finally {
            if (!released) {
                jdbc.sql("update segmentation_runs set status = 'FAILED', finished_at = now() where run_id = ?").param(running).update();
                claims.release(WorkClaims.Space.RUNS, Long.toString(running));
            }
        }
    }

    @Test
    void aScheduleIsShownWithItsNextPlannedRunInItsTimeZone() throws Exception {
        Instant before = clock.instant();
        HttpResponse<String> set = putSchedule("{\"dailyAt\": \"06:00\", \"timeZone\": \"Europe/Berlin\", \"cron\": \"30 18 * * 1-5\"}");

        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonNode schedule = json(get("/api/v1/segmentations/" + segmentation + "/schedule"));
        assertThat(schedule.get("dailyAt").asString()).isEqualTo("06:00");
        assertThat(schedule.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(schedule.get("cron").asString()).isEqualTo("30 18 * * 1-5");
        assertThat(schedule.get("afterImports").asBoolean()).isFalse();
        assertThat(schedule.get("quietMinutes").asLong()).isEqualTo(5);
        assertThat(schedule.get("active").asBoolean()).isTrue();
        Instant next = Instant.parse(schedule.get("nextRun").get("plannedAt").asString());
        LocalTime local = next.atZone(ZoneId.of("Europe/Berlin")).toLocalTime();
        assertThat(local).isIn(LocalTime.of(6, 0), LocalTime.of(18, 30));
        assertThat(schedule.get("nextRun").get("trigger").asString()).isEqualTo(local.equals(LocalTime.of(6, 0)) ? "DAILY" : "CRON");
        assertThat(next).isAfter(before).isBefore(before.plus(Duration.ofHours(25)));
        assertThat(auditEntries("segmentation_schedule", Long.toString(segmentation), "CHANGED")).isEqualTo(1);

        assertThat(delete("/api/v1/segmentations/" + segmentation + "/schedule").statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/segmentations/" + segmentation + "/schedule").statusCode()).isEqualTo(404);
        // removing it again: nothing to remove, said in words (not an empty 404)
        HttpResponse<String> again = delete("/api/v1/segmentations/" + segmentation + "/schedule");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(again).get("detail").asString())
                .isEqualTo("segmentation " + segmentation + " has no schedule, so there is none to remove: it runs only by hand");
    }

    @Test
    void aCronThatDoesNotParseAnUnknownTimeZoneAndAQuietTimeUnderAMinuteAreRefusedNamingTheField() throws Exception {
        assertRefused("{\"cron\": \"0 6 * *\"}", "cron");
        assertRefused("{\"cron\": \"61 6 * * *\"}", "cron");
        assertRefused("{\"dailyAt\": \"06:00\", \"timeZone\": \"Mars/Olympus_Mons\"}", "timeZone");
        assertRefused("{\"afterImports\": true, \"quietMinutes\": 0}", "quietMinutes");
        assertRefused("{\"dailyAt\": \"6 o'clock\"}", "dailyAt");
        assertThat(get("/api/v1/segmentations/" + segmentation + "/schedule").statusCode()).as("nothing was stored").isEqualTo(404);
        assertThat(put("/api/v1/segmentations/999999/schedule", "{\"dailyAt\": \"06:00\"}").statusCode()).isEqualTo(404);
    }

    /**
     * A retired segmentation can never be activated again, so a schedule of it would never run. Until session 56 it was
     * stored all the same (200, "active": false), as if it waited for an activation that the API refuses (409).
     */
    @Test
    void aScheduleOfARetiredSegmentationIsRefusedAndNothingIsStored() throws Exception {
        HttpResponse<String> tiers = post("/api/v1/segmentations", "application/json", "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}");
        long retired = json(tiers).get("id").asLong();
        assertThat(post("/api/v1/segmentations/" + retired + "/retire", "application/json", "").statusCode()).isEqualTo(200);

        HttpResponse<String> refused = put("/api/v1/segmentations/" + retired + "/schedule", "{\"dailyAt\": \"06:00\", \"timeZone\": \"UTC\"}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(refused).get("detail").asString()).isEqualTo("segmentation " + retired + " is retired: it cannot be activated"
                + " again, so a schedule of it would never run; set the schedule on the active segmentation, or on one you will activate");
        assertThat(get("/api/v1/segmentations/" + retired + "/schedule").statusCode()).as("nothing was stored").isEqualTo(404);
        assertThat(post("/api/v1/segmentations/" + retired + "/activate", "application/json", "").statusCode())
                .as("why: it cannot be activated").isEqualTo(409);
    }

    /**
     * Retiring a segmentation removes its schedule in the same unit of work, said in the retirement's audit entry: it
     * would never run again. Until session 56 it stayed stored ("active": false) for good.
     */
    @Test
    void retiringASegmentationRemovesItsScheduleAndSaysSo() throws Exception {
        HttpResponse<String> tiers = post("/api/v1/segmentations", "application/json", "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}");
        long retiring = json(tiers).get("id").asLong();
        HttpResponse<String> set = put("/api/v1/segmentations/" + retiring + "/schedule", "{\"dailyAt\": \"06:00\", \"timeZone\": \"UTC\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(json(set).get("active").asBoolean()).as("kept for when it is activated").isFalse();

        assertThat(post("/api/v1/segmentations/" + retiring + "/retire", "application/json", "").statusCode()).isEqualTo(200);

        assertThat(get("/api/v1/segmentations/" + retiring + "/schedule").statusCode()).as("the schedule went with it").isEqualTo(404);
        assertThat(jdbc.sql("select detail from audit_events where subject_type = 'segmentation' and subject_id = ? and action = 'RETIRED'")
                .param(Long.toString(retiring)).query(String.class).single()).isEqualTo("retired; its schedule removed");
    }

    @Test
    void retiringASegmentationWithoutAScheduleSaysOnlyRetired() throws Exception {
        HttpResponse<String> tiers = post("/api/v1/segmentations", "application/json", "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}");
        long retiring = json(tiers).get("id").asLong();
        assertThat(post("/api/v1/segmentations/" + retiring + "/retire", "application/json", "").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select detail from audit_events where subject_type = 'segmentation' and subject_id = ? and action = 'RETIRED'")
                .param(Long.toString(retiring)).query(String.class).single()).isEqualTo("retired");
    }

    private void assertRefused(String body, String field) throws Exception {
        HttpResponse<String> refused = putSchedule(body);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(refused).get("field").asString()).isEqualTo(field);
    }

    private HttpResponse<String> putSchedule(String body) throws Exception {
        return put("/api/v1/segmentations/" + segmentation + "/schedule", body);
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).DELETE().build());
    }

    long auditEntries(String subjectType, String subjectId, String action) {
        return jdbc.sql("select count(*) from audit_events where subject_type = ? and subject_id = ? and action = ?")
                .params(subjectType, subjectId, action).query(Long.class).single();
    }

    /** The run once it finished (the engine works in the background); fails unless it completed. */
    JsonNode completed(long runId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = json(get("/api/v1/segmentation-runs/" + runId));
            if (!run.get("status").asString().equals("RUNNING")) {
                assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("COMPLETED");
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + runId + " did not finish in 30 s");
    }
}
