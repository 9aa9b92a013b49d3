package io.strata.application.schedule;

import io.strata.application.audit.ListTrail;
import io.strata.application.segmentation.MemorySegmentationDefinitions;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.campaign.AudienceEstimate;
import io.strata.application.campaign.CampaignConflict;
import io.strata.application.campaign.Delivery;
import io.strata.application.campaign.DeliveryCounts;
import io.strata.application.campaign.DeliveryRoute;
import io.strata.application.campaign.DispatchReport;
import io.strata.application.campaign.LaunchCommand;
import io.strata.application.campaign.BatchOutcome;
import io.strata.application.campaign.NamedCampaigns;
import io.strata.application.campaign.StoredCampaigns;
import io.strata.application.campaign.StoredCampaign;
import io.strata.application.campaign.port.in.RunCampaigns;
import io.strata.application.campaign.port.out.DeliveryOutbox;
import io.strata.application.recovery.RunningRun;
import io.strata.application.recovery.ScheduledStart;
import io.strata.application.recovery.port.out.ScheduledStarts;
import io.strata.application.recovery.StoppedRunSweep;
import io.strata.application.recovery.WorkItem;
import io.strata.application.recovery.port.out.UnfinishedWork;
import io.strata.application.schedule.port.out.RunSchedules;
import io.strata.application.schedule.port.out.ScheduledLaunches;
import io.strata.application.segmentation.AssignmentRow;
import io.strata.application.segmentation.CustomerRunEntry;
import io.strata.application.segmentation.DefinitionStatus;
import io.strata.application.segmentation.MigrationView;
import io.strata.application.segmentation.RunInProgress;
import io.strata.domain.schedule.PlannedRun;
import io.strata.application.segmentation.RunStatus;
import io.strata.application.segmentation.SegmentMember;
import io.strata.application.segmentation.SegmentationRunView;
import io.strata.application.segmentation.StoredSegmentation;
import io.strata.application.segmentation.port.in.RunSegmentation;
import io.strata.domain.campaign.CampaignState;
import io.strata.domain.campaign.IllegalTransition;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.campaign.Transition;
import io.strata.domain.schedule.ImportQuiet;
import io.strata.domain.schedule.RunSchedule;
import io.strata.domain.schedule.Trigger;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.SegmentationTemplates;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One look at the clock ({@link ScheduledWork}) with the stores held in memory: which run the schedule owes and whether
 * it starts or is skipped, which scheduled campaigns are launched, flagged or left for the next look, and that a failing
 * step does not stop the rest. Oracles: the schedule (daily at 06:00 UTC, handled until yesterday 07:00) and the
 * scripted answers of the use cases, written out here.
 */
class ScheduledWorkTest {

    private static final Instant NOW = Instant.parse("2026-12-07T06:30:00Z");
    private static final long SEGMENTATION = 5;
    private static final GeneralSegmentation TIERS = SegmentationTemplates.instantiate("frequency-tiers", "Tiers");

    private final MemorySchedules schedules = new MemorySchedules();
    private final MemorySegmentationDefinitions definitions = new MemorySegmentationDefinitions();
    private final ScriptedRuns runs = new ScriptedRuns(schedules);
    private final MemoryLaunches launches = new MemoryLaunches();
    private final ScriptedCampaigns campaigns = new ScriptedCampaigns();
    private final MemoryOutbox outbox = new MemoryOutbox();
    private final List<AuditEntry> audit = new ArrayList<>();
    private final MemoryUnfinishedWork unfinished = new MemoryUnfinishedWork();
    private final NamedCampaigns named = new NamedCampaigns(Map.of(12L, "Autumn \"reactivation\""));

    /** The look's time: {@link #NOW} unless a test moves it. */
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    /** A failure the store says passes (the database away a moment): the real ones are PostgreSQL's, in the bootstrap's tests. */
    private static final class PassingFailure extends RuntimeException {
        PassingFailure(String message) {
            super(message);
        }
    }

    private ScheduledWork work() {
        AuditTrail trail = new ListTrail(audit);
        Transactions transactions = new Transactions() {
            @Override
            public <T> T inOne(Supplier<T> work) {
                return work.get();
            }
        };
        return new ScheduledWork(schedules, definitions, () -> ImportQuiet.NONE, runs, launches, campaigns, outbox, new StoredCampaigns(named), trail,
                transactions,
                new StoppedRunSweep(unfinished, schedules, trail, transactions, Duration.ofMinutes(10)), failure -> failure instanceof PassingFailure,
                clock);
    }

    private void dailyAtSixHandledUntilYesterdaySeven() {
        definitions.active = Optional.of(new StoredSegmentation(SEGMENTATION, TIERS, DefinitionStatus.ACTIVE, 1, "frequency-tiers",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), true));
        schedules.stored = new StoredSchedule(SEGMENTATION, RunSchedule.of("06:00", "UTC", null, false, null),
                Instant.parse("2026-12-06T07:00:00Z"));
    }

    @Test
    void theRunOwedAtSixStartsAsOfTodayOnceAndTheNextLookFindsNothingOwed() {
        dailyAtSixHandledUntilYesterdaySeven();

        DueWorkReport report = work().runDueWork();

        assertThat(report.runsStarted()).containsExactly(41L);
        assertThat(report.runsSkipped()).isEmpty();
        assertThat(runs.startedAsOf).containsExactly(LocalDate.of(2026, 12, 7));
        assertThat(schedules.stored.handledUntil()).isEqualTo(NOW);
        assertThat(schedules.firings).containsExactly(ScheduleFiring.started(SEGMENTATION, Trigger.DAILY,
                Instant.parse("2026-12-07T06:00:00Z"), NOW, 41));

        DueWorkReport again = work().runDueWork();
        assertThat(again.runsStarted()).isEmpty();
        assertThat(again.runsSkipped()).isEmpty();
        assertThat(runs.startedAsOf).hasSize(1);
        assertThat(schedules.firings).hasSize(1);
    }

    private static final Instant SIX = Instant.parse("2026-12-07T06:00:00Z");
    private static final Instant SIX_AND_A_SECOND = Instant.parse("2026-12-07T06:00:01Z");

    /** Today's 06:00 run was started as run 40 and its worker then stopped (a deploy, a crash): the run is RUNNING without a claim. */
    private void todaysRunFortyCut(Long againAfterRun) {
        dailyAtSixHandledUntilYesterdaySeven();
        schedules.stored = new StoredSchedule(SEGMENTATION, schedules.stored.schedule(), SIX_AND_A_SECOND);
        schedules.firings.add(new ScheduleFiring(SEGMENTATION, Trigger.DAILY, SIX, SIX_AND_A_SECOND, 40L, null, againAfterRun, false));
        unfinished.runs = List.of(new RunningRun(40, SIX_AND_A_SECOND, true));
    }

    @Test
    void aScheduledRunCutByAStopIsRecordedSoAndStartedAgainOnceByTheSameLook() {
        todaysRunFortyCut(null);

        DueWorkReport report = work().runDueWork();

        assertThat(report.runsFailed()).containsExactly(40L);
        assertThat(unfinished.reasons.get("40")).isEqualTo("The run's worker stopped before it finished (its process ended or lost its"
                + " database connection), so the run has no results and the previous results stay current. Its schedule started it (the"
                + " DAILY run planned at 2026-12-07T06:00:00Z), so that run is owed again: Strata starts it again by itself at its next"
                + " look at the clock, once. There is nothing to do.");
        assertThat(audit).extracting(AuditEntry::detail).containsExactly("recorded as FAILED while the application ran: it was RUNNING and its"
                + " worker no longer held its claim; its schedule owes the run again");
        assertThat(report.runsStarted()).containsExactly(41L);
        assertThat(runs.startedAsOf).containsExactly(LocalDate.of(2026, 12, 7));
        assertThat(schedules.firings).containsExactly(
                new ScheduleFiring(SEGMENTATION, Trigger.DAILY, SIX, SIX_AND_A_SECOND, 40L, null, null, false),
                new ScheduleFiring(SEGMENTATION, Trigger.DAILY, SIX, NOW, 41L, null, 40L, false));
        assertThat(schedules.stored.handledUntil()).as("the schedule itself is not moved").isEqualTo(SIX_AND_A_SECOND);

        unfinished.runs = List.of();
        DueWorkReport again = work().runDueWork();
        assertThat(again.runsStarted()).as("once").isEmpty();
        assertThat(runs.startedAsOf).hasSize(1);
    }

    @Test
    void aDueMomentThatAlsoDoesACutRunTakesItsMarkBeforeTheRunIsRecordedAsStartingItAgainDoes() {
        // yesterday's run 40 was cut and is owed again; today's moment at six is due as well: one run does both
        dailyAtSixHandledUntilYesterdaySeven();
        schedules.firings.add(new ScheduleFiring(SEGMENTATION, Trigger.DAILY, Instant.parse("2026-12-06T06:00:00Z"),
                Instant.parse("2026-12-06T06:00:01Z"), 40L, null, null, true));

        DueWorkReport report = work().runDueWork();

        assertThat(report.runsStarted()).containsExactly(41L);
        assertThat(schedules.firings.get(0).owedAgain()).isFalse();
        // taken in the claim, before the run's row, as runAgain takes it: two nodes lock the mark and the run in one order
        assertThat(runs.owedAgainAtStart).containsExactly(false);
        assertThat(schedules.firings.get(1).runId()).isEqualTo(41L);
        assertThat(work().runDueWork().runsStarted()).as("once").isEmpty();
    }

    @Test
    void aSecondAttemptCutInItsTurnIsNotStartedAThirdTimeAndItsRecordSaysWhatToDo() {
        todaysRunFortyCut(39L);

        DueWorkReport report = work().runDueWork();

        assertThat(report.runsFailed()).containsExactly(40L);
        assertThat(unfinished.reasons.get("40")).isEqualTo("The run's worker stopped before it finished (its process ended or lost its"
                + " database connection), so the run has no results and the previous results stay current. Its schedule had started it"
                + " again for the DAILY run planned at 2026-12-07T06:00:00Z after run 39 was cut too, so it is not started a third time by"
                + " itself (a run that stops Strata's process every time would run for ever): find why the application stopped (its log),"
                + " then start the run again.");
        assertThat(report.runsStarted()).isEmpty();
        assertThat(schedules.firings).hasSize(1);
        assertThat(schedules.firings.get(0).owedAgain()).isFalse();
    }

    @Test
    void aRunStartedByHandAndCutIsNotStartedByTheScheduleAndItsRecordAsksToStartItAgain() {
        todaysRunFortyCut(null);
        schedules.firings.clear();

        DueWorkReport report = work().runDueWork();

        assertThat(report.runsFailed()).containsExactly(40L);
        assertThat(unfinished.reasons.get("40")).endsWith("the previous results stay current. Start the run again.");
        assertThat(report.runsStarted()).isEmpty();
    }

    @Test
    void aCutScheduledRunMeetingARunningOneWaitsForTheNextLookAndStaysOwed() {
        todaysRunFortyCut(null);
        runs.refusal = new RunInProgress(42L);

        DueWorkReport report = work().runDueWork();

        assertThat(report.runsStarted()).isEmpty();
        assertThat(report.runsWaiting()).containsExactly(new PlannedRun(Trigger.DAILY, SIX));
        stillOwedAndStartedByTheNextLook();
    }

    @Test
    void aCutScheduledRunWhoseStartFailsStaysOwedAndTheNextLookStartsIt() {
        todaysRunFortyCut(null);
        runs.refusal = new PassingFailure("the database is away");

        DueWorkReport report = work().runDueWork();

        assertThat(report.runsStarted()).isEmpty();
        assertThat(report.runsSkipped()).as("the one start again is not used up").isEmpty();
        stillOwedAndStartedByTheNextLook();
    }

    /**
     * Session 60: a start again that fails for good (the database refuses the run's row) is recorded skipped at once, its
     * mark taken, and one that meets a passing failure at five looks in a row after the fifth: not tried at every look for
     * ever (before, a WARN line at each look, the mark never taken).
     */
    @Test
    void aCutScheduledRunWhoseStartAgainFailsForGoodIsRecordedSkippedNotTriedForEver() {
        todaysRunFortyCut(null);
        runs.refusal = new IllegalStateException("ERROR: new row violates check constraint");

        DueWorkReport report = work().runDueWork();

        assertThat(report.runsSkipped()).singleElement().satisfies(firing -> {
            assertThat(firing.againAfterRun()).isEqualTo(40L);
            assertThat(firing.runId()).isNull();
            assertThat(firing.skipped()).startsWith("skipped: the daily run planned at 2026-12-07T06:00:00Z could not start because of a"
                    + " problem on Strata's side, and it is not started again (reference ");
        });
        assertThat(schedules.firings.get(0).owedAgain()).as("the mark taken").isFalse();
        assertThat(schedules.firings).hasSize(2);
        unfinished.runs = List.of();
        assertThat(work().runDueWork().runsSkipped()).as("not tried again").isEmpty();

        // another cut run owed again, whose start meets a passing failure at each look
        schedules.firings.clear();
        schedules.firings.add(new ScheduleFiring(SEGMENTATION, Trigger.DAILY, SIX, SIX_AND_A_SECOND, 40L, null, null, true));
        runs.refusal = new PassingFailure("the database is away");
        ScheduledWork look = work();
        for (int attempt = 1; attempt < ScheduledWork.START_ATTEMPTS; attempt++) {
            assertThat(look.runDueWork().runsWaiting()).as("attempt %d", attempt).hasSize(1);
        }
        assertThat(look.runDueWork().runsSkipped()).singleElement().extracting(ScheduleFiring::skipped).asString()
                .contains("could not start because Strata's database failed at each of 5 looks at the clock");
        assertThat(schedules.firings.get(0).owedAgain()).isFalse();
        assertThat(look.runDueWork().runsWaiting()).isEmpty();
        assertThat(runs.startedAsOf).isEmpty();
    }

    /** Run 40's trigger still owed after the look; once nothing refuses, the next look starts it again as run 41. */
    private void stillOwedAndStartedByTheNextLook() {
        assertThat(schedules.firings).hasSize(1);
        assertThat(schedules.firings.get(0).owedAgain()).as("still owed").isTrue();

        runs.refusal = null;
        unfinished.runs = List.of();
        assertThat(work().runDueWork().runsStarted()).containsExactly(41L);
        assertThat(schedules.firings.get(1).againAfterRun()).isEqualTo(40L);
        assertThat(schedules.firings.get(0).owedAgain()).isFalse();
    }

    @Test
    void aRunStillRunningLeavesTheOwedRunOwedAndTheNextLookAfterItStartsIt() {
        dailyAtSixHandledUntilYesterdaySeven();
        runs.refusal = new RunInProgress(40L);

        DueWorkReport report = work().runDueWork();

        assertThat(report.runsStarted()).isEmpty();
        assertThat(report.runsSkipped()).isEmpty();
        assertThat(report.runsWaiting()).containsExactly(new PlannedRun(Trigger.DAILY, Instant.parse("2026-12-07T06:00:00Z")));
        assertThat(schedules.firings).as("nothing recorded of a run that waits").isEmpty();
        assertThat(schedules.stored.handledUntil()).as("the claim given back").isEqualTo(Instant.parse("2026-12-06T07:00:00Z"));

        runs.refusal = null;
        DueWorkReport next = work().runDueWork();

        assertThat(next.runsStarted()).containsExactly(41L);
        assertThat(next.runsWaiting()).isEmpty();
        assertThat(schedules.firings).containsExactly(ScheduleFiring.started(SEGMENTATION, Trigger.DAILY,
                Instant.parse("2026-12-07T06:00:00Z"), NOW, 41));
        assertThat(schedules.stored.handledUntil()).isEqualTo(NOW);
    }

    @Test
    void aRunThatCannotStartIsSkippedWithTheProductsReasonOrAnIncidentsReference() {
        dailyAtSixHandledUntilYesterdaySeven();
        // a failure of the store (the database's words): the calendar shows the product's sentence and a reference, the
        // failure goes to the log (until session 59 the calendar showed "skipped: cannot execute INSERT in a read-only transaction")
        runs.refusal = new IllegalStateException("ERROR: cannot execute INSERT in a read-only transaction");

        DueWorkReport report = work().runDueWork();

        assertThat(report.runsSkipped()).extracting(ScheduleFiring::skipped).singleElement().asString().doesNotContain("ERROR", "INSERT")
                .matches("skipped: the daily run planned at 2026-12-07T06:00:00Z could not start because of a problem on Strata's side, and"
                        + " it is not started again \\(reference [0-9a-f]{8}\\)\\. Start a run by hand \\(Run now on the segmentations page\\)"
                        + " or wait for the schedule's next run; if this keeps happening, give the reference to your administrator\\.");
        assertThat(report.runsStarted()).isEmpty();
    }

    /**
     * Session 60: a start that meets a failure of the database that passes (a connection lost a moment) leaves the moment
     * owed, nothing recorded, and the next look starts it, once. Before, the day's moment was recorded skipped at once and
     * the run never happened that day.
     */
    @Test
    void aPassingFailureLeavesTheMomentOwedAndTheNextLookStartsItOnce() {
        dailyAtSixHandledUntilYesterdaySeven();
        runs.refusal = new PassingFailure("An I/O error occurred while sending to the backend.");
        ScheduledWork look = work();

        List<String> lines = linesOf(look::runDueWork, report -> {
            assertThat(report.runsStarted()).isEmpty();
            assertThat(report.runsSkipped()).as("not skipped").isEmpty();
            assertThat(report.runsWaiting()).containsExactly(new PlannedRun(Trigger.DAILY, SIX));
        });
        assertThat(lines).containsExactly("the DAILY run of segmentation 5 planned at 2026-12-07T06:00:00Z could not start because Strata's"
                + " database failed for a moment (attempt 1 of 5); nothing of the start was kept, and the next look at the clock tries"
                + " again: PassingFailure: An I/O error occurred while sending to the backend.");
        assertThat(schedules.firings).as("nothing recorded").isEmpty();
        assertThat(schedules.stored.handledUntil()).as("the claim undone with the start").isEqualTo(Instant.parse("2026-12-06T07:00:00Z"));

        runs.refusal = null;
        now = NOW.plus(Duration.ofMinutes(1));
        DueWorkReport next = look.runDueWork();
        assertThat(next.runsStarted()).containsExactly(41L);
        assertThat(schedules.firings).containsExactly(ScheduleFiring.started(SEGMENTATION, Trigger.DAILY, SIX, now, 41));
        assertThat(look.runDueWork().runsStarted()).as("once").isEmpty();
        assertThat(runs.startedAsOf).hasSize(1);
    }

    /**
     * A passing failure that stays is tried at {@link ScheduledWork#START_ATTEMPTS} looks in a row, then recorded skipped
     * with the product's words (how often, since when) and an incident; not at every look for ever. A failure that
     * passes between two of them starts the run, and a new moment counts from one again.
     */
    @Test
    void aPassingFailureThatStaysIsSkippedAfterFiveLooksWithItsWords() {
        dailyAtSixHandledUntilYesterdaySeven();
        runs.refusal = new PassingFailure("terminating connection due to administrator command");
        ScheduledWork look = work();
        for (int attempt = 1; attempt < ScheduledWork.START_ATTEMPTS; attempt++) {
            now = NOW.plus(Duration.ofMinutes(attempt - 1));
            DueWorkReport report = look.runDueWork();
            assertThat(report.runsSkipped()).as("attempt %d", attempt).isEmpty();
            assertThat(report.runsWaiting()).as("attempt %d", attempt).hasSize(1);
        }
        assertThat(schedules.firings).isEmpty();

        now = NOW.plus(Duration.ofMinutes(4));
        List<String> incidents = new ArrayList<>();
        Handler handler = collecting(incidents);
        Logger.getLogger(io.strata.application.incident.Incident.class.getName()).addHandler(handler);
        DueWorkReport fifth;
        try {
            fifth = look.runDueWork();
        } finally {
            Logger.getLogger(io.strata.application.incident.Incident.class.getName()).removeHandler(handler);
        }
        assertThat(fifth.runsWaiting()).isEmpty();
        assertThat(fifth.runsSkipped()).extracting(ScheduleFiring::skipped).singleElement().asString()
                .matches("skipped: the daily run planned at 2026-12-07T06:00:00Z could not start because Strata's database failed at each of 5"
                        + " looks at the clock, from 2026-12-07T06:30:00Z to 2026-12-07T06:34:00Z, and it is not started again \\(reference"
                        + " [0-9a-f]{8}\\)\\. Start a run by hand \\(Run now on the segmentations page\\) once the database answers again, or"
                        + " wait for the schedule's next run; if this keeps happening, give the reference to your administrator\\.");
        assertThat(incidents).singleElement().asString().startsWith("incident ").contains("failed at each of 5 looks");
        assertThat(schedules.stored.handledUntil()).as("the moment handled").isEqualTo(now);
        assertThat(runs.startedAsOf).as("nothing ran").isEmpty();

        // the next moment, tomorrow at six: counted from one again, and a failure that passes lets it start
        now = Instant.parse("2026-12-08T06:30:00Z");
        assertThat(look.runDueWork().runsWaiting()).hasSize(1);
        runs.refusal = null;
        now = now.plus(Duration.ofMinutes(1));
        assertThat(look.runDueWork().runsStarted()).containsExactly(41L);
        assertThat(runs.startedAsOf).containsExactly(LocalDate.of(2026, 12, 8));
    }

    /**
     * Session 60 (review item 5): {@link ScheduledWork#START_ATTEMPTS} bounds failing looks in a row. A look whose start
     * meets a running run did not fail, and counts the passing failures again from none. The reviewer's scenario: one
     * passing failure at 06:30, then a three-hour run (a look each minute meets it), then four brief passing failures:
     * the moment stays owed (attempts 1 to 4 after the run), and only a fifth failing look in a row skips it, the
     * record saying "from 09:31 to 09:35". Before the fix the failure at 06:30 was still counted: the fourth failure
     * after the run skipped the moment as "failed at each of 5 looks at the clock, from 06:30 to 09:34".
     */
    @Test
    void aLookThatMeetsARunningRunCountsThePassingFailuresAgainFromNone() {
        dailyAtSixHandledUntilYesterdaySeven();
        ScheduledWork look = work();
        runs.refusal = new PassingFailure("terminating connection due to administrator command");
        now = NOW;
        assertThat(look.runDueWork().runsWaiting()).as("06:30, failing").hasSize(1);

        runs.refusal = new RunInProgress(40L);
        for (int minute = 1; minute <= 180; minute++) {
            now = NOW.plus(Duration.ofMinutes(minute));
            DueWorkReport report = look.runDueWork();
            assertThat(report.runsSkipped()).as("%s, a run running", now).isEmpty();
            assertThat(report.runsWaiting()).as("%s, a run running", now).hasSize(1);
        }

        runs.refusal = new PassingFailure("terminating connection due to administrator command");
        for (int attempt = 1; attempt < ScheduledWork.START_ATTEMPTS; attempt++) {
            now = Instant.parse("2026-12-07T09:30:00Z").plus(Duration.ofMinutes(attempt));
            DueWorkReport report = look.runDueWork();
            assertThat(report.runsSkipped()).as("failing look %d after the run, at %s", attempt, now).isEmpty();
            assertThat(report.runsWaiting()).as("failing look %d after the run, at %s", attempt, now).hasSize(1);
        }
        assertThat(schedules.firings).as("nothing recorded").isEmpty();

        now = Instant.parse("2026-12-07T09:35:00Z");
        DueWorkReport fifth = look.runDueWork();
        assertThat(fifth.runsSkipped()).extracting(ScheduleFiring::skipped).singleElement().asString()
                .contains("could not start because Strata's database failed at each of 5 looks at the clock, from 2026-12-07T09:31:00Z"
                        + " to 2026-12-07T09:35:00Z, and it is not started again");
        assertThat(runs.startedAsOf).isEmpty();
    }

    /** The same for a cut run's start again: a look meeting a running run between failing looks counts them again from none. */
    @Test
    void aStartAgainMeetingARunningRunCountsThePassingFailuresAgainFromNone() {
        todaysRunFortyCut(null);
        unfinished.runs = List.of();
        schedules.firings.clear();
        schedules.firings.add(new ScheduleFiring(SEGMENTATION, Trigger.DAILY, SIX, SIX_AND_A_SECOND, 40L, null, null, true));
        ScheduledWork look = work();
        PassingFailure away = new PassingFailure("the database is away");
        for (int attempt = 1; attempt < ScheduledWork.START_ATTEMPTS; attempt++) {
            runs.refusal = away;
            now = NOW.plus(Duration.ofMinutes(2L * attempt));
            assertThat(look.runDueWork().runsWaiting()).as("failing look %d", attempt).hasSize(1);
        }
        runs.refusal = new RunInProgress(42L);
        now = now.plus(Duration.ofMinutes(1));
        assertThat(look.runDueWork().runsWaiting()).as("a run running").hasSize(1);
        for (int attempt = 1; attempt < ScheduledWork.START_ATTEMPTS; attempt++) {
            runs.refusal = away;
            now = now.plus(Duration.ofMinutes(1));
            DueWorkReport report = look.runDueWork();
            assertThat(report.runsSkipped()).as("failing look %d after the run", attempt).isEmpty();
            assertThat(report.runsWaiting()).as("failing look %d after the run", attempt).hasSize(1);
        }
        assertThat(schedules.firings).hasSize(1);
        assertThat(schedules.firings.get(0).owedAgain()).as("still owed").isTrue();
        runs.refusal = null;
        assertThat(look.runDueWork().runsStarted()).containsExactly(41L);
    }

    /** A failure that is not passing (the database refusing the row for good) is recorded skipped at the first look, as before. */
    @Test
    void aFailureThatDoesNotPassIsSkippedAtOnce() {
        dailyAtSixHandledUntilYesterdaySeven();
        runs.refusal = new IllegalStateException("ERROR: new row violates check constraint");

        DueWorkReport report = work().runDueWork();

        assertThat(report.runsWaiting()).isEmpty();
        assertThat(report.runsSkipped()).singleElement().extracting(ScheduleFiring::skipped).asString()
                .contains("could not start because of a problem on Strata's side");
    }

    /**
     * Session 60: the run and its trigger were committed, and then the run's worker refused it (Strata stops): the line
     * says the run started and was cut, and that the next start's sweep records it; no incident says it could not start.
     */
    @Test
    void aRunWhoseWorkerRefusedItAfterItsStartIsSaidStartedAndCutNotSkipped() {
        dailyAtSixHandledUntilYesterdaySeven();
        runs.afterCommit = new io.strata.application.segmentation.RunBegunThenFailed(41, true,
                new java.util.concurrent.RejectedExecutionException("shut down"));
        List<String> incidents = new ArrayList<>();
        Handler handler = collecting(incidents);
        Logger.getLogger(io.strata.application.incident.Incident.class.getName()).addHandler(handler);
        List<String> lines;
        try {
            lines = linesOf(work()::runDueWork, report -> {
                assertThat(report.runsStarted()).containsExactly(41L);
                assertThat(report.runsSkipped()).isEmpty();
            });
        } finally {
            Logger.getLogger(io.strata.application.incident.Incident.class.getName()).removeHandler(handler);
        }
        assertThat(lines).containsExactly("the DAILY run of segmentation 5 planned at 2026-12-07T06:00:00Z started as run 41, but the run's"
                + " worker refused it because Strata is stopping: the run stays RUNNING until the next start records it interrupted, and its"
                + " schedule then starts it again, once");
        assertThat(incidents).isEmpty();
        assertThat(schedules.firings).containsExactly(ScheduleFiring.started(SEGMENTATION, Trigger.DAILY, SIX, NOW, 41));
    }

    /** The lines {@link ScheduledWork} logs while {@code look} runs, after {@code checks} of its report. */
    private static List<String> linesOf(Supplier<DueWorkReport> look, Consumer<DueWorkReport> checks) {
        List<String> lines = new ArrayList<>();
        Handler handler = collecting(lines);
        Logger.getLogger(ScheduledWork.class.getName()).addHandler(handler);
        try {
            checks.accept(look.get());
        } finally {
            Logger.getLogger(ScheduledWork.class.getName()).removeHandler(handler);
        }
        return lines;
    }

    private static Handler collecting(List<String> lines) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aRunTheProductRefusesIsSkippedWithTheRefusalsOwnWords() {
        dailyAtSixHandledUntilYesterdaySeven();
        runs.refusal = new IllegalArgumentException("asOf 2026-12-07 is outside the dates a run can be as of");

        DueWorkReport report = work().runDueWork();

        assertThat(report.runsSkipped()).extracting(ScheduleFiring::skipped)
                .containsExactly("skipped: asOf 2026-12-07 is outside the dates a run can be as of");
    }

    @Test
    void anotherNodeThatClaimedTheOwedRunFirstLeavesNothingToStartHere() {
        dailyAtSixHandledUntilYesterdaySeven();
        schedules.claimedElsewhere = true;

        DueWorkReport report = work().runDueWork();

        assertThat(report.runsStarted()).isEmpty();
        assertThat(report.runsSkipped()).isEmpty();
        assertThat(runs.startedAsOf).isEmpty();
        assertThat(schedules.firings).isEmpty();
    }

    @Test
    void noRunIsOwedBeforeItsTimeNorWithoutASchedule() {
        dailyAtSixHandledUntilYesterdaySeven();
        schedules.stored = new StoredSchedule(SEGMENTATION, RunSchedule.of("07:00", "UTC", null, false, null),
                Instant.parse("2026-12-06T07:00:00Z"));
        assertThat(work().runDueWork().runsStarted()).isEmpty();

        schedules.stored = null;
        assertThat(work().runDueWork().runsStarted()).isEmpty();
        assertThat(runs.startedAsOf).isEmpty();
        assertThat(schedules.firings).isEmpty();
    }

    @Test
    void dueCampaignsAreLaunchedFlaggedOrLeftForTheNextLookAsTheirLaunchAnswers() {
        dailyAtSixHandledUntilYesterdaySeven();
        schedules.stored = null;
        launches.due = List.of(planned(1, "loyal"), planned(2, "champions"), planned(3, "loyal"), planned(4, "loyal"), planned(5, "repeat"),
                planned(6, "repeat"), planned(7, "newcomers"));
        campaigns.launchAnswers.put(3L, new IllegalTransition(3, CampaignState.RUNNING, Transition.LAUNCH, List.of(Transition.COMPLETE)));
        campaigns.launchAnswers.put(4L, new CampaignConflict("no segmentation run has completed yet"));
        campaigns.launchAnswers.put(5L, new IllegalStateException("connection reset"));
        campaigns.launchAnswers.put(6L, new InvalidCampaign("budget", "the budget is spent"));
        launches.flaggedBefore.add(7L);
        campaigns.launchAnswers.put(7L, new CampaignConflict("the latest completed run has no segment 'newcomers'"));

        DueWorkReport report = work().runDueWork();

        assertThat(campaigns.launched).containsExactly(1L, 3L, 4L, 5L, 6L, 7L);
        assertThat(report.launched()).containsExactly(1L);
        assertThat(report.flagged()).containsExactly(2L, 4L, 6L);
        String missing = "not launched: its target segment 'champions' is not a segment of the active general segmentation Tiers (another"
                + " segmentation was activated); launch it by hand once that is right, or cancel it";
        assertThat(launches.flags).containsExactly(Map.entry(2L, missing), Map.entry(4L, "no segmentation run has completed yet"),
                Map.entry(6L, "the budget is spent"));
        assertThat(audit).containsExactly(
                AuditEntry.of("system", AuditAction.FLAGGED, "campaign", "2").withDetail(missing),
                AuditEntry.of("system", AuditAction.FLAGGED, "campaign", "4").withDetail("no segmentation run has completed yet"),
                AuditEntry.of("system", AuditAction.FLAGGED, "campaign", "6").withDetail("the budget is spent"));
    }

    /**
     * Strata stops (SIGTERM) while the look launches the first of three due campaigns: the launch under way finishes, the
     * other two are not launched by this look (before session 59 the stop waited while the look launched all of them),
     * nor are untried deliveries relayed, nor does a later look of the stopping node do anything; the first look after
     * the restart launches the two, once each.
     */
    @Test
    void aStopDuringALaunchLeavesTheOtherDueCampaignsAndTheRelayToTheFirstLookAfterTheRestart() {
        dailyAtSixHandledUntilYesterdaySeven();
        schedules.stored = null;
        launches.due = List.of(planned(1, "loyal"), planned(2, "loyal"), planned(3, "repeat"));
        outbox.untried = List.of(9L);
        ScheduledWork stopping = work();
        campaigns.whileLaunching.put(1L, stopping::stopLooking);

        DueWorkReport report = stopping.runDueWork();

        assertThat(campaigns.launched).containsExactly(1L);
        assertThat(report.launched()).containsExactly(1L);
        assertThat(campaigns.dispatched).as("no relay once stopping").isEmpty();
        assertThat(stopping.runDueWork().launched()).as("a later look of the stopping node").isEmpty();
        assertThat(campaigns.launched).containsExactly(1L);

        launches.due = List.of(planned(2, "loyal"), planned(3, "repeat"));
        DueWorkReport afterTheRestart = work().runDueWork();
        assertThat(afterTheRestart.launched()).containsExactly(2L, 3L);
        assertThat(campaigns.launched).containsExactly(1L, 2L, 3L);
        assertThat(campaigns.dispatched).containsExactly(9L);
    }

    @Test
    void withoutAnActiveSegmentationADueCampaignIsFlaggedAndNotLaunched() {
        launches.due = List.of(planned(9, "loyal"));

        DueWorkReport report = work().runDueWork();

        assertThat(report.flagged()).containsExactly(9L);
        assertThat(campaigns.launched).isEmpty();
        assertThat(launches.flags).containsExactly(Map.entry(9L,
                "not launched: no general segmentation is active, so its target segment 'loyal' no longer exists"));
    }

    @Test
    void runsAndImportsWithoutTheirWorkerAreFailedFirstAndAFailingSweepStopsNothingElse() {
        dailyAtSixHandledUntilYesterdaySeven();
        unfinished.runs = List.of(new RunningRun(30, Instant.parse("2026-12-07T05:00:00Z"), true),
                new RunningRun(31, Instant.parse("2026-12-07T06:25:00Z"), false));
        unfinished.items = List.of(new WorkItem(WorkItem.Kind.IMPORT, "imp-1"), new WorkItem(WorkItem.Kind.SEGMENTATION_RUN, "30"));

        DueWorkReport report = work().runDueWork();

        // run 31 was begun 5 minutes ago and not taken up: within its 10 minutes of grace
        assertThat(report.runsFailed()).containsExactly(30L);
        assertThat(unfinished.failed).containsExactly("30", "imp-1");
        assertThat(report.runsStarted()).containsExactly(41L);

        unfinished.broken = true;
        schedules.stored = new StoredSchedule(SEGMENTATION, schedules.stored.schedule(), Instant.parse("2026-12-06T07:00:00Z"));
        DueWorkReport broken = work().runDueWork();
        assertThat(broken.runsFailed()).isEmpty();
        assertThat(broken.runsStarted()).containsExactly(41L);
        assertThat(runs.followUpsResumed).isEqualTo(2);
    }

    @Test
    void untriedDeliveriesAreRelayedAndAFailingCampaignDoesNotStopTheOthers() {
        outbox.untried = List.of(11L, 12L, 13L);
        campaigns.dispatchFailures.add(12L);
        runs.resumeFails = true;

        List<String> lines = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger(ScheduledWork.class.getName()).addHandler(handler);
        try {
            work().runDueWork();
        } finally {
            Logger.getLogger(ScheduledWork.class.getName()).removeHandler(handler);
        }

        assertThat(campaigns.dispatched).containsExactly(11L, 12L, 13L);
        // the failing campaign named by id and name (its quotes escaped), read only for the line
        assertThat(lines).contains("the untried deliveries of campaign 12 \"Autumn \\\"reactivation\\\"\" could not be relayed, and are"
                + " tried again: java.lang.IllegalStateException: webhook store unavailable");
    }

    private static PlannedLaunch planned(long id, String target) {
        return new PlannedLaunch(id, "campaign " + id, target, Instant.parse("2026-12-07T06:00:00Z"), null, null);
    }

    private static final class MemorySchedules implements RunSchedules, ScheduledStarts {
        StoredSchedule stored;
        boolean claimedElsewhere;
        final List<ScheduleFiring> firings = new ArrayList<>();

        @Override
        public void lockForChange(long segmentationId) {
            // one thread: nothing to hold
        }

        @Override
        public Optional<StoredSchedule> find(long segmentationId) {
            return Optional.ofNullable(stored).filter(s -> s.segmentationId() == segmentationId);
        }

        @Override
        public void save(long segmentationId, RunSchedule schedule, Instant handledUntil) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(long segmentationId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean advance(long segmentationId, Instant expected, Instant to) {
            if (claimedElsewhere || stored == null || !stored.handledUntil().equals(expected)) {
                return false;
            }
            stored = new StoredSchedule(segmentationId, stored.schedule(), to);
            return true;
        }

        @Override
        public void recordFiring(ScheduleFiring firing) {
            firings.add(firing);
        }

        @Override
        public List<ScheduleFiring> firings(long segmentationId, int limit) {
            throw new UnsupportedOperationException();
        }

        // a firing's id is its index in firings

        @Override
        public Optional<OwedAgain> owedAgain(long segmentationId) {
            for (int i = firings.size() - 1; i >= 0; i--) {
                ScheduleFiring f = firings.get(i);
                if (f.segmentationId() == segmentationId && f.owedAgain()) {
                    return Optional.of(new OwedAgain(i, segmentationId, f.trigger(), f.plannedAt(), f.runId()));
                }
            }
            return Optional.empty();
        }

        @Override
        public boolean takeOwedAgain(long firingId) {
            if (!firings.get((int) firingId).owedAgain()) {
                return false;
            }
            mark((int) firingId, false);
            return true;
        }


        @Override
        public Optional<ScheduledStart> startedBy(long runId) {
            return firings.stream().filter(f -> f.runId() != null && f.runId() == runId)
                    .map(f -> new ScheduledStart(f.segmentationId(), f.trigger(), f.plannedAt(), f.againAfterRun())).findFirst();
        }

        @Override
        public void oweAgain(long runId) {
            for (int i = 0; i < firings.size(); i++) {
                ScheduleFiring f = firings.get(i);
                if (f.runId() != null && f.runId() == runId && f.againAfterRun() == null) {
                    mark(i, true);
                }
            }
        }

        private void mark(int i, boolean owedAgain) {
            ScheduleFiring f = firings.get(i);
            firings.set(i, new ScheduleFiring(f.segmentationId(), f.trigger(), f.plannedAt(), f.firedAt(), f.runId(), f.skipped(),
                    f.againAfterRun(), owedAgain));
        }
    }

    /**
     * Starts run 41, or refuses as scripted; a start with a schedule's claim is one unit of work over the schedules held
     * in memory: a refusal after the claim undoes everything the claim and the record changed, as the database's
     * rollback does.
     */
    private static final class ScriptedRuns implements RunSegmentation {
        final List<LocalDate> startedAsOf = new ArrayList<>();
        RuntimeException refusal;
        /** Thrown once the run and what the schedule records of it are committed (its worker refused it, say). */
        RuntimeException afterCommit;
        boolean resumeFails;
        int followUpsResumed;
        private final MemorySchedules schedules;

        ScriptedRuns(MemorySchedules schedules) {
            this.schedules = schedules;
        }

        /** At each start, whether a cut run's owed-again mark was still there when the run's row was written. */
        final List<Boolean> owedAgainAtStart = new ArrayList<>();

        @Override
        public SegmentationRunView start(LocalDate asOf) {
            if (refusal != null) {
                throw refusal;
            }
            owedAgainAtStart.add(schedules.firings.stream().anyMatch(ScheduleFiring::owedAgain));
            startedAsOf.add(asOf);
            return new SegmentationRunView(41, SEGMENTATION, "Tiers", RunStatus.RUNNING, asOf, NOW, null, null, null, List.of());
        }

        @Override
        public Optional<SegmentationRunView> startClaimed(LocalDate asOf, java.util.function.BooleanSupplier claim,
                                                          java.util.function.LongConsumer record) {
            StoredSchedule storedBefore = schedules.stored;
            List<ScheduleFiring> firingsBefore = new ArrayList<>(schedules.firings);
            try {
                if (!claim.getAsBoolean()) {
                    return Optional.empty();
                }
                SegmentationRunView run = start(asOf);
                record.accept(run.runId());
                if (afterCommit != null) {
                    throw afterCommit;
                }
                return Optional.of(run);
            } catch (RuntimeException undone) {
                if (undone == afterCommit) {
                    throw undone; // the unit of work was committed: nothing of it is undone
                }
                schedules.stored = storedBefore;
                schedules.firings.clear();
                schedules.firings.addAll(firingsBefore);
                throw undone;
            }
        }

        @Override
        public void resumeFollowUps() {
            followUpsResumed++;
            if (resumeFails) {
                throw new IllegalStateException("no connection");
            }
        }

        @Override
        public SegmentationRunView runAndWait(LocalDate asOf) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<SegmentationRunView> run(long runId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SegmentationRunView> recentRuns(Long before, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<SegmentationRunView> latestCompletedRun() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void assignments(long runId, Consumer<AssignmentRow> rows) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MigrationView migration(Long fromRunId, long toRunId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean followedUp(long runId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<MigrationView> storedMigration(long toRunId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SegmentMember> segmentMembers(long runId, String segmentKey, String search, long afterKey, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<CustomerRunEntry> segmentHistory(String customerId) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class MemoryLaunches implements ScheduledLaunches {
        List<PlannedLaunch> due = List.of();
        final List<Long> flaggedBefore = new ArrayList<>();
        final List<Map.Entry<Long, String>> flags = new ArrayList<>();

        @Override
        public List<PlannedLaunch> due(Instant now) {
            return due;
        }

        @Override
        public List<PlannedLaunch> planned(Instant from, Instant to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PlannedLaunch> flagged() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean flag(long campaignId, String reason, Instant at) {
            if (flaggedBefore.contains(campaignId)) {
                return false;
            }
            flags.add(Map.entry(campaignId, reason));
            return true;
        }
    }

    /** Launches as scripted: a campaign with an answer throws it, the others launch. */
    private static final class ScriptedCampaigns implements RunCampaigns {
        final Map<Long, RuntimeException> launchAnswers = new HashMap<>();
        /** Done while the campaign launches (a stop arriving meanwhile). */
        final Map<Long, Runnable> whileLaunching = new HashMap<>();
        final List<Long> launched = new ArrayList<>();
        final List<Long> dispatchFailures = new ArrayList<>();
        final List<Long> dispatched = new ArrayList<>();

        @Override
        public StoredCampaign launch(LaunchCommand command) {
            assertThat(command.launchAt()).isNull();
            launched.add(command.campaignId());
            whileLaunching.getOrDefault(command.campaignId(), () -> { }).run();
            RuntimeException answer = launchAnswers.get(command.campaignId());
            if (answer != null) {
                throw answer;
            }
            return null;
        }

        @Override
        public DispatchReport dispatch(long id) {
            dispatched.add(id);
            if (dispatchFailures.contains(id)) {
                throw new IllegalStateException("webhook store unavailable");
            }
            return null;
        }

        @Override
        public StoredCampaign schedule(long id, Instant startAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AudienceEstimate estimate(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StoredCampaign complete(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StoredCampaign cancel(long id, String reason) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class MemoryOutbox implements DeliveryOutbox {
        List<Long> untried = List.of();

        @Override
        public List<Long> campaignsWithUntriedDeliveries() {
            return untried;
        }

        @Override
        public long enqueue(long campaignId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DeliveryRoute> unsentRoutes(long campaignId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Delivery> claim(long campaignId, DeliveryRoute route, long afterDeliveryId, int limit, String node, Duration lease) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markSent(List<Long> deliveryIds, int attempts, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markFailed(List<Long> deliveryIds, int attempts, String error, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int markLate(BatchOutcome outcome, String node) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DeliveryCounts counts(long campaignId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stream(long campaignId, Consumer<Delivery> deliveries) {
            throw new UnsupportedOperationException();
        }
    }

    /** Every item listed is unattended (no live claim); {@code broken}: the store cannot be read. */
    private static final class MemoryUnfinishedWork implements UnfinishedWork {
        List<RunningRun> runs = List.of();
        List<WorkItem> items = List.of();
        final List<String> failed = new ArrayList<>();
        final Map<String, String> reasons = new HashMap<>();
        boolean broken;

        @Override
        public List<WorkItem> running() {
            if (broken) {
                throw new IllegalStateException("no connection");
            }
            return items;
        }

        @Override
        public List<RunningRun> runningRuns() {
            if (broken) {
                throw new IllegalStateException("no connection");
            }
            return runs;
        }

        @Override
        public boolean failIfUnattended(WorkItem item, String reason) {
            failed.add(item.id());
            reasons.put(item.id(), reason);
            return true;
        }
    }
}
