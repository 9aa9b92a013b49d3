package io.strata.domain.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunScheduleTest {

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    private static ImportQuiet finished(String utc) {
        return new ImportQuiet(Optional.of(at(utc)), false);
    }

    @Test
    void dailyAtSixInBerlinIsFiveUtcInWinterAndFourInSummer() {
        RunSchedule daily = RunSchedule.of("06:00", "Europe/Berlin", null, false, null);
        assertThat(daily.nextCalendarRun(at("2026-12-03T10:00:00Z"))).contains(new PlannedRun(Trigger.DAILY, at("2026-12-04T05:00:00Z")));
        assertThat(daily.nextCalendarRun(at("2027-07-01T03:00:00Z"))).contains(new PlannedRun(Trigger.DAILY, at("2027-07-01T04:00:00Z")));
    }

    @Test
    void theEarlierOfDailyAndCronIsTheNextRun() {
        RunSchedule both = RunSchedule.of("06:00", "UTC", "0 */4 * * *", false, null);
        assertThat(both.nextCalendarRun(at("2026-12-03T05:00:00Z"))).contains(new PlannedRun(Trigger.DAILY, at("2026-12-03T06:00:00Z")));
        assertThat(both.nextCalendarRun(at("2026-12-03T06:00:00Z"))).contains(new PlannedRun(Trigger.CRON, at("2026-12-03T08:00:00Z")));
    }

    @Test
    void nothingIsOwedBeforeThePlannedMoment() {
        RunSchedule daily = RunSchedule.of("06:00", "UTC", null, false, null);
        assertThat(daily.due(at("2026-12-03T07:00:00Z"), at("2026-12-04T05:59:59Z"), ImportQuiet.NONE)).isEmpty();
        assertThat(daily.due(at("2026-12-03T07:00:00Z"), at("2026-12-04T06:00:00Z"), ImportQuiet.NONE))
                .contains(new PlannedRun(Trigger.DAILY, at("2026-12-04T06:00:00Z")));
    }

    @Test
    void runsMissedWhileDownAreOwedOnceAsTheFirstMissedOne() {
        RunSchedule daily = RunSchedule.of("06:00", "UTC", null, false, null);
        Instant backAfterThreeDays = at("2026-12-06T12:00:00Z");
        assertThat(daily.due(at("2026-12-03T07:00:00Z"), backAfterThreeDays, ImportQuiet.NONE))
                .contains(new PlannedRun(Trigger.DAILY, at("2026-12-04T06:00:00Z")));
        assertThat(daily.nextPlanned(at("2026-12-03T07:00:00Z"), backAfterThreeDays, ImportQuiet.NONE)).as("the owed run is the next planned")
                .contains(new PlannedRun(Trigger.DAILY, at("2026-12-04T06:00:00Z")));
        // handled up to the moment it ran: the next is tomorrow's
        assertThat(daily.due(backAfterThreeDays, backAfterThreeDays.plusSeconds(60), ImportQuiet.NONE)).isEmpty();
        assertThat(daily.nextPlanned(backAfterThreeDays, backAfterThreeDays, ImportQuiet.NONE))
                .contains(new PlannedRun(Trigger.DAILY, at("2026-12-07T06:00:00Z")));
    }

    @Test
    void afterImportsARunIsOwedOnceImportsHaveBeenQuietForTheQuietTime() {
        RunSchedule afterImports = RunSchedule.of(null, null, null, true, 10);
        Instant handled = at("2026-12-03T08:00:00Z");
        ImportQuiet lastAtNine = finished("2026-12-03T09:00:00Z");
        assertThat(afterImports.due(handled, at("2026-12-03T09:09:59Z"), lastAtNine)).isEmpty();
        assertThat(afterImports.due(handled, at("2026-12-03T09:10:00Z"), lastAtNine))
                .contains(new PlannedRun(Trigger.AFTER_IMPORTS, at("2026-12-03T09:10:00Z")));
        assertThat(afterImports.nextPlanned(handled, at("2026-12-03T09:05:00Z"), lastAtNine))
                .contains(new PlannedRun(Trigger.AFTER_IMPORTS, at("2026-12-03T09:10:00Z")));
    }

    @Test
    void aRunningImportOrOneAlreadyHandledOwesNothing() {
        RunSchedule afterImports = RunSchedule.of(null, null, null, true, null);
        assertThat(afterImports.due(at("2026-12-03T08:00:00Z"), at("2026-12-03T12:00:00Z"),
                new ImportQuiet(Optional.of(at("2026-12-03T09:00:00Z")), true))).isEmpty();
        assertThat(afterImports.due(at("2026-12-03T09:30:00Z"), at("2026-12-03T12:00:00Z"), finished("2026-12-03T09:00:00Z"))).isEmpty();
        assertThat(afterImports.due(at("2026-12-03T08:00:00Z"), at("2026-12-03T12:00:00Z"), ImportQuiet.NONE)).isEmpty();
    }

    @Test
    void theQuietTimeIsFiveMinutesUnlessGiven() {
        assertThat(RunSchedule.of(null, null, null, true, null).quietTime()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theCalendarListsEveryPlannedRunInAWindow() {
        RunSchedule both = RunSchedule.of("06:00", "UTC", "0 12 * * *", false, null);
        assertThat(both.calendarRuns(at("2026-12-03T00:00:00Z"), at("2026-12-04T12:00:00Z"), 10)).containsExactly(
                new PlannedRun(Trigger.DAILY, at("2026-12-03T06:00:00Z")), new PlannedRun(Trigger.CRON, at("2026-12-03T12:00:00Z")),
                new PlannedRun(Trigger.DAILY, at("2026-12-04T06:00:00Z")), new PlannedRun(Trigger.CRON, at("2026-12-04T12:00:00Z")));
    }

    @Test
    void theCalendarListsAtMostTheLimit() {
        RunSchedule daily = RunSchedule.of("06:00", "UTC", null, false, null);
        assertThat(daily.calendarRuns(at("2026-12-03T00:00:00Z"), at("2026-12-31T00:00:00Z"), 3)).containsExactly(
                new PlannedRun(Trigger.DAILY, at("2026-12-03T06:00:00Z")), new PlannedRun(Trigger.DAILY, at("2026-12-04T06:00:00Z")),
                new PlannedRun(Trigger.DAILY, at("2026-12-05T06:00:00Z")));
    }

    @Test
    void aNodeWhoseClockIsBehindTheOneThatHandledARunPlansTheNextOneNotTheSameAgain() {
        // another node handled today's 06:00 run at 06:00:02 by its clock; this node's clock reads 05:59:30
        RunSchedule daily = RunSchedule.of("06:00", "UTC", null, false, null);
        assertThat(daily.nextPlanned(at("2026-12-04T06:00:02Z"), at("2026-12-04T05:59:30Z"), ImportQuiet.NONE))
                .contains(new PlannedRun(Trigger.DAILY, at("2026-12-05T06:00:00Z")));
    }

    @Test
    void aQuietTimeOfSevenDaysIsTheLongest() {
        assertThat(RunSchedule.of(null, null, null, true, 7 * 24 * 60).quietTime()).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> RunSchedule.of(null, null, null, true, 7 * 24 * 60 + 1)).isInstanceOfSatisfying(InvalidSchedule.class,
                e -> assertThat(e.field()).isEqualTo("quietMinutes"));
    }

    @Test
    void aQuietTimeUnderOneMinuteIsRefusedAsQuietMinutes() {
        assertThatThrownBy(() -> RunSchedule.of(null, null, null, true, 0)).isInstanceOfSatisfying(InvalidSchedule.class,
                e -> assertThat(e.field()).isEqualTo("quietMinutes"));
        assertThat(RunSchedule.of(null, null, null, true, 1).quietTime()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aTimeZoneThatDoesNotExistIsRefusedAsTimeZone() {
        assertThatThrownBy(() -> RunSchedule.of("06:00", "Europe/Atlantis", null, false, null)).isInstanceOfSatisfying(InvalidSchedule.class,
                e -> assertThat(e.field()).isEqualTo("timeZone"));
    }

    @Test
    void aWrongTimeOfDayIsRefusedAsDailyAt() {
        assertThatThrownBy(() -> RunSchedule.of("25:00", null, null, false, null)).isInstanceOfSatisfying(InvalidSchedule.class,
                e -> assertThat(e.field()).isEqualTo("dailyAt"));
    }

    @Test
    void aScheduleWithoutAnyTriggerIsRefused() {
        assertThatThrownBy(() -> RunSchedule.of(null, "UTC", " ", false, null)).isInstanceOf(InvalidSchedule.class)
                .hasMessageContaining("at least one trigger");
    }
}
