package io.strata.application.schedule;

import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.CurrentActor;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.campaign.CampaignConflict;
import io.strata.application.campaign.LaunchCommand;
import io.strata.application.campaign.StoredCampaigns;
import io.strata.application.campaign.port.in.RunCampaigns;
import io.strata.application.campaign.port.out.DeliveryOutbox;
import io.strata.application.incident.Incident;
import io.strata.application.recovery.StoppedRunSweep;
import io.strata.application.schedule.port.in.RunDueWork;
import io.strata.application.schedule.port.out.ImportActivity;
import io.strata.application.schedule.port.out.PassingFailures;
import io.strata.application.schedule.port.out.RunSchedules;
import io.strata.application.schedule.port.out.ScheduledLaunches;
import io.strata.application.segmentation.RunBegunThenFailed;
import io.strata.application.segmentation.RunInProgress;
import io.strata.application.segmentation.SegmentationRunView;
import io.strata.application.segmentation.StoredSegmentation;
import io.strata.application.segmentation.port.in.RunSegmentation;
import io.strata.application.segmentation.port.out.SegmentationDefinitions;
import io.strata.domain.campaign.IllegalTransition;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.schedule.PlannedRun;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * One look at the clock: records as FAILED the runs and imports whose worker stopped ({@link StoppedRunSweep}; first, so
 * that such a run does not make the owed run skip as busy, nor such an import hold the after-imports trigger), starts the run the active segmentation's schedule owes, and launches the scheduled campaigns
 * whose start has come, each exactly as a person would through the same use cases. The clock is injected, so tests
 * move time instead of waiting; the scheduler in the bootstrap only calls this.
 *
 * <p>Across nodes: a run is claimed by moving the schedule's {@code handledUntil} only if no one moved it first, and
 * one run at a time is the runs' own rule; a launch is one unit of work that only a SCHEDULED campaign can make, so
 * a second node finds it launched and leaves it. A node that dies in a launch rolls it back whole, and the next look
 * at the clock, on any node, launches it; one that dies after the launch committed leaves untried deliveries, which the
 * next look relays. A scheduled run cut by a stop or a crash is owed again, once ({@code runAgain}).
 */
public final class ScheduledWork implements RunDueWork {

    private static final Logger LOG = Logger.getLogger(ScheduledWork.class.getName());

    private final RunSchedules schedules;
    private final SegmentationDefinitions segmentations;
    private final ImportActivity imports;
    private final RunSegmentation runs;
    private final ScheduledLaunches launches;
    private final RunCampaigns campaigns;
    private final DeliveryOutbox outbox;
    /** Names a campaign in a line about it (its id and name), read only when such a line is written. */
    private final StoredCampaigns stored;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final StoppedRunSweep stoppedRuns;
    private final PassingFailures passing;
    private final Clock clock;

    /**
     * How many looks in a row may meet a passing failure of the database ({@link PassingFailures}) at an owed run's start
     * before the moment is recorded skipped: the first look and four more (about four minutes at the default beat of a
     * minute). In a row: a look whose start has any other outcome (it starts, another node claimed it, a running run makes
     * it wait, a failure that does not pass) counts them again from none. Nothing of a failed start is kept (the claim is undone with it), so the next look can try again; a failure
     * that stays must not be tried at every look for ever.
     */
    public static final int START_ATTEMPTS = 5;

    /**
     * The passing failures met in a row at each segmentation's owed moment, counted by this node: the look runs on one node
     * at a time, but not always the same one, so with several nodes a moment may be tried up to this many times per node
     * (and again after a restart), never at every look for ever.
     */
    private final Map<String, FailedStarts> failedStarts = new ConcurrentHashMap<>();

    /**
     * The moment a start was tried for (an owed moment: the schedule's handled moment as read and the planned moment; a cut
     * run's start again: its trigger) and the passing failures met at it, the first when.
     */
    private record FailedStarts(String moment, int attempts, Instant first) {
    }

    /** Counts a passing failure of a start at {@code moment}: the attempts so far, or null when the failure does not pass. */
    private FailedStarts passingAttempt(String key, String moment, RuntimeException failed, Instant now) {
        if (!passing.passes(failed)) {
            return null;
        }
        return failedStarts.merge(key, new FailedStarts(moment, 1, now),
                (before, fresh) -> before.moment().equals(moment) ? new FailedStarts(moment, before.attempts() + 1, before.first()) : fresh);
    }

    public ScheduledWork(RunSchedules schedules, SegmentationDefinitions segmentations, ImportActivity imports, RunSegmentation runs,
                         ScheduledLaunches launches, RunCampaigns campaigns, DeliveryOutbox outbox, StoredCampaigns stored, AuditTrail audit,
                         Transactions transactions, StoppedRunSweep stoppedRuns, PassingFailures passing, Clock clock) {
        this.passing = passing;
        this.schedules = schedules;
        this.segmentations = segmentations;
        this.imports = imports;
        this.runs = runs;
        this.launches = launches;
        this.campaigns = campaigns;
        this.outbox = outbox;
        this.stored = stored;
        this.audit = audit;
        this.transactions = transactions;
        this.stoppedRuns = stoppedRuns;
        this.clock = clock;
    }

    /**
     * Set when Strata stops: the look stops before its next step. Until session 59 a look under way at a SIGTERM went on
     * launching every due campaign, one after the other, and the stop waited for all of them (probed with the jar: a stop
     * with a wait of 1 s took 22 s and launched three campaigns after the SIGTERM, while the web server still took
     * requests); at ten million customers a launch takes about a minute, so a deploy's stop would take minutes, and the
     * service manager's kill would cut whichever launch was under way then.
     */
    private volatile boolean stopping;

    @Override
    public void stopLooking() {
        stopping = true;
    }

    @Override
    public DueWorkReport runDueWork() {
        Instant now = clock.instant();
        if (stopping) {
            return new DueWorkReport(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        }
        List<Long> failed = failStoppedRuns(now);
        failStoppedImports();
        followUpUnattendedRun();
        List<Long> started = new ArrayList<>();
        List<ScheduleFiring> skipped = new ArrayList<>();
        List<PlannedRun> waiting = new ArrayList<>();
        segmentations.active().filter(active -> !stopping).ifPresent(active -> runIfOwed(active, now, waiting).ifPresent(firing -> {
            if (firing.runId() != null) {
                started.add(firing.runId());
            } else {
                skipped.add(firing);
            }
        }));
        List<Long> launched = new ArrayList<>();
        List<Long> flagged = new ArrayList<>();
        List<PlannedLaunch> due = stopping ? List.of() : launches.due(now);
        for (int i = 0; i < due.size(); i++) {
            if (stopping) {
                // each stays SCHEDULED and due: the first look after the restart, on any node, launches it
                LOG.info((due.size() - i) + " scheduled campaign(s) due now are left for the first look after the restart: Strata stops");
                break;
            }
            switch (launch(due.get(i), now)) {
                case LAUNCHED -> launched.add(due.get(i).campaignId());
                case FLAGGED -> flagged.add(due.get(i).campaignId());
                case LEFT -> { }
            }
        }
        if (!stopping) {
            relayUntriedDeliveries();
        }
        return new DueWorkReport(failed, started, skipped, launched, flagged, waiting);
    }

    /** The latest completed run's follow-ups, if nobody did them: a Spark job completed it, or a stop interrupted them. */
    private void followUpUnattendedRun() {
        try {
            runs.resumeFollowUps();
        } catch (RuntimeException e) {
            LOG.warning("could not look for a completed run without its follow-ups: " + e.getMessage());
        }
    }

    private List<Long> failStoppedRuns(Instant now) {
        try {
            List<Long> failed = stoppedRuns.failStopped(now);
            failed.forEach(run -> LOG.warning("run " + run + " was RUNNING without a worker; recorded as FAILED"));
            return failed;
        } catch (RuntimeException e) {
            // the rest of the look goes on; the next look sweeps again
            LOG.warning("runs without a worker could not be swept, and are swept again at the next look: " + e);
            return List.of();
        }
    }

    /** Imports whose node stopped (killed, while another node serves): first, so none of them holds the after-imports trigger. */
    private void failStoppedImports() {
        try {
            stoppedRuns.failStoppedImports().forEach(id -> LOG.warning("import " + id + " was RUNNING without its node; recorded as FAILED"));
        } catch (RuntimeException e) {
            LOG.warning("imports without their node could not be swept, and are swept again at the next look: " + e);
        }
    }

    /**
     * Deliveries a launch committed but whose node stopped before relaying them go out at the next look at the clock, on
     * any node; claims keep two nodes from sending one delivery, and a running relay's own claims hide its rows here.
     */
    private void relayUntriedDeliveries() {
        for (long campaignId : outbox.campaignsWithUntriedDeliveries()) {
            try {
                campaigns.dispatch(campaignId);
            } catch (RuntimeException failed) {
                LOG.warning("the untried deliveries of " + stored.named(campaignId) + " could not be relayed, and are tried again: " + failed);
            }
        }
    }

    /**
     * Starts the owed run, if any. One run at a time is the runs' own rule (one RUNNING run in the database, whichever
     * node or person started it): an owed run that meets a running one stays owed, so the next look after that run has
     * ended starts it (a manual run started before an import was not its run). Until session 53 it was recorded skipped
     * and the schedule moved on: a daily run that met a manual one was lost for the day, an after-imports run lost until
     * the next import. A passing failure of the database ({@link PassingFailures}: a connection lost, a session ended, a
     * deadlock, a lock wait run out) leaves it owed too, for the next look, up to {@link #START_ATTEMPTS} looks in a row;
     * then, and at once for any other failure, the moment is recorded skipped with the reason (until session 60 a failure
     * of a moment recorded the day's run skipped, and it never ran that day).
     *
     * <p>The claim ({@code handledUntil} moved by compare-and-set), a cut run's mark taken, the run recorded RUNNING and
     * the trigger recorded are one unit of work ({@link RunSegmentation#startClaimed}): until session 59 the claim was
     * committed first, so a process killed before the run began lost the day's run without a trace, and one killed
     * before the trigger was recorded left a run that its sweep did not know as the schedule's (not owed again).
     */
    private Optional<ScheduleFiring> runIfOwed(StoredSegmentation active, Instant now, List<PlannedRun> waiting) {
        Optional<StoredSchedule> stored = schedules.find(active.id());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Optional<OwedAgain> again = schedules.owedAgain(active.id());
        Optional<PlannedRun> owed = stored.get().schedule().due(stored.get().handledUntil(), now, imports.ordersAndEvents());
        if (owed.isEmpty()) {
            return again.isPresent() ? runAgain(again.get(), now, waiting) : Optional.empty();
        }
        PlannedRun run = owed.get();
        Instant handledUntil = stored.get().handledUntil();
        String what = "the " + run.trigger() + " run of segmentation " + active.id() + " planned at " + run.plannedAt();
        String attemptsKey = "owed " + active.id();
        AtomicReference<ScheduleFiring> started = new AtomicReference<>();
        try {
            // as of the day it starts, in Strata's days (UTC)
            boolean begun = runs.startClaimed(LocalDate.ofInstant(now, ZoneOffset.UTC),
                    () -> {
                        if (!schedules.advance(active.id(), handledUntil, now)) {
                            return false;
                        }
                        // a cut run still owed is done by this one, as several missed moments owe one run; its mark is
                        // taken before the run's row, in the order runAgain takes the two: a node starting the cut run
                        // again meanwhile makes this one wait for the mark, not lock the two the other way round (a
                        // deadlock between the nodes, this start recorded skipped while the other's run ran)
                        again.ifPresent(cut -> schedules.takeOwedAgain(cut.firingId()));
                        return true;
                    },
                    runId -> {
                        ScheduleFiring firing = ScheduleFiring.started(active.id(), run.trigger(), run.plannedAt(), now, runId);
                        schedules.recordFiring(firing);
                        started.set(firing);
                    }).isPresent();
            failedStarts.remove(attemptsKey);
            return begun ? Optional.of(started.get()) : Optional.empty(); // not begun: another node claimed it first
        } catch (RunBegunThenFailed began) {
            // the run and its trigger were committed: it started, whatever failed after
            failedStarts.remove(attemptsKey);
            LOG.warning(afterTheStart(what, began, false));
            return Optional.of(started.get());
        } catch (RunInProgress busy) {
            // nothing of the claim is kept: the run stays owed. A look that meets a running run did not fail: the passing
            // failures are counted again from none, so START_ATTEMPTS bounds failing looks in a row, not failing looks
            // spread over a long run (until session 60's review a failure at 01:00, a three-hour run, then four brief
            // failures skipped the moment as "failed at each of 5 looks ... from 01:00 to 04:05")
            failedStarts.remove(attemptsKey);
            waiting.add(run);
            LOG.info(what + " waits for the next look: " + (busy.runningRunId() == null ? "another run" : "run " + busy.runningRunId()) + " is running");
            return Optional.empty();
        } catch (RuntimeException failed) {
            FailedStarts attempts = passingAttempt(attemptsKey, handledUntil + " " + run.plannedAt(), failed, now);
            if (attempts != null) {
                if (attempts.attempts() < START_ATTEMPTS) {
                    // nothing of the start was kept (the claim undone with it): the moment is still owed
                    waiting.add(run);
                    LOG.warning(what + " could not start because Strata's database failed for a moment (attempt " + attempts.attempts()
                            + " of " + START_ATTEMPTS + "); nothing of the start was kept, and the next look at the clock tries again: "
                            + innermost(failed));
                    return Optional.empty();
                }
            }
            failedStarts.remove(attemptsKey);
            ScheduleFiring skipped = ScheduleFiring.skipped(active.id(), run.trigger(), run.plannedAt(), now,
                    "skipped: " + whyNotStarted(run, active.id(), failed, attempts, now));
            boolean recorded = transactions.inOne(() -> {
                if (!schedules.advance(active.id(), handledUntil, now)) {
                    return false;
                }
                schedules.recordFiring(skipped);
                return true;
            });
            return recorded ? Optional.of(skipped) : Optional.empty();
        }
    }

    /**
     * The log line of a run whose start committed (the run RUNNING, its trigger recorded) before something failed: said
     * as what happened. Until session 60 it read "could not start", with an incident saying the run was not started
     * again, while the run was RUNNING and the next start's sweep recorded it.
     */
    private static String afterTheStart(String what, RunBegunThenFailed began, boolean startedAgain) {
        if (!began.cut()) {
            return what + " started as run " + began.runId() + ", which runs; only reading it back failed: " + innermost(began);
        }
        return what + " started as run " + began.runId() + ", but the run's worker refused it because Strata is stopping: the run"
                + " stays RUNNING until the next start records it interrupted, "
                + (startedAgain ? "and, being already its schedule's start again of a cut run, it is not started a third time"
                        + " (start it by hand then)" : "and its schedule then starts it again, once");
    }

    /** The failure's innermost cause, for a line of the log: the database's own words, without the stack trace. */
    private static String innermost(Throwable failure) {
        Throwable deepest = failure;
        for (int i = 0; i < 50 && deepest.getCause() != null && deepest.getCause() != deepest; i++) {
            deepest = deepest.getCause();
        }
        return deepest.getClass().getSimpleName() + ": " + String.valueOf(deepest.getMessage()).lines().findFirst().orElse("");
    }

    /**
     * Why an owed run did not start, as the calendar and the schedule's triggers show it: a refusal of the product's own
     * (a date no run can be as of) as it is worded; anything else (the database refused the run's row, a lock, a table
     * gone) as an incident, whose details and stack trace go to the log once under the reference the reader is given.
     * Until session 59 the failure's own message was stored, so the calendar showed the database's words ("ERROR: new
     * row for relation ... violates check constraint ...", the SQL statement with it).
     */
    private static String whyNotStarted(PlannedRun run, long segmentationId, RuntimeException failed, FailedStarts passing, Instant now) {
        if (passing == null && Incident.explainsItself(failed) && failed.getMessage() != null) {
            LOG.warning("the " + run.trigger() + " run of segmentation " + segmentationId + " could not start: " + failed.getMessage());
            return failed.getMessage();
        }
        String planned = "the " + run.trigger().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " run planned at " + run.plannedAt();
        if (passing != null) {
            return Incident.record(planned + " could not start because Strata's database failed at each of " + passing.attempts()
                            + " looks at the clock, from " + passing.first() + " to " + now + ", and it is not started again",
                    "Start a run by hand (Run now on the segmentations page) once the database answers again, or wait for the schedule's"
                            + " next run; if this keeps happening, give the reference to your administrator.", failed).message();
        }
        return Incident.record(planned + " could not start because of a problem on Strata's side, and it is not started again",
                "Start a run by hand (Run now on the segmentations page) or wait for the schedule's next run; if this keeps happening, give"
                        + " the reference to your administrator.", failed).message();
    }

    /**
     * Starts again, once, a scheduled run that a stop or a crash cut (the restart's or the look's sweep recorded it and
     * marked it owed again, {@code CutScheduledRuns}). Until session 58 the schedule had moved on when it started the
     * run, so a daily run cut by a deploy was lost for the day. Like an owed run, it waits for the next look while
     * another run runs. The mark is taken in the unit of work that records the run RUNNING and its trigger: until session
     * 59 it was taken first, so a process killed before the run began lost the start again (session 58's "left").
     */
    private Optional<ScheduleFiring> runAgain(OwedAgain cut, Instant now, List<PlannedRun> waiting) {
        PlannedRun run = new PlannedRun(cut.trigger(), cut.plannedAt());
        String what = "the " + cut.trigger() + " run of segmentation " + cut.segmentationId() + " planned at " + cut.plannedAt();
        String attemptsKey = "again " + cut.segmentationId();
        AtomicReference<ScheduleFiring> started = new AtomicReference<>();
        try {
            Optional<SegmentationRunView> begun = runs.startClaimed(LocalDate.ofInstant(now, ZoneOffset.UTC),
                    () -> schedules.takeOwedAgain(cut.firingId()),
                    runId -> {
                        ScheduleFiring firing = ScheduleFiring.again(cut, now, runId, null);
                        schedules.recordFiring(firing);
                        started.set(firing);
                    });
            failedStarts.remove(attemptsKey);
            if (begun.isEmpty()) {
                return Optional.empty(); // another node started it
            }
            LOG.info(what + " starts again as run " + begun.get().runId() + ": run " + cut.cutRun() + ", which its schedule started, was cut by a stop or a crash");
            return Optional.of(started.get());
        } catch (RunBegunThenFailed began) {
            failedStarts.remove(attemptsKey);
            LOG.warning(afterTheStart(what + ", cut in run " + cut.cutRun() + ",", began, true));
            return Optional.of(started.get());
        } catch (RunInProgress busy) {
            // the mark was taken in the unit of work that could not record the run: undone with it, still owed; a look
            // that did not fail, so the passing failures are counted again from none (as in runIfOwed)
            failedStarts.remove(attemptsKey);
            waiting.add(run);
            LOG.info(what + ", cut in run " + cut.cutRun() + ", waits for the next look to start again: "
                    + (busy.runningRunId() == null ? "another run" : "run " + busy.runningRunId()) + " is running");
            return Optional.empty();
        } catch (RuntimeException failed) {
            // a passing failure of the start (the database away a moment) does not use up the one start again: the next
            // look tries, up to START_ATTEMPTS looks in a row; then, and at once for any other failure, the start again is
            // recorded skipped with its words (until session 60 it was tried at every look for ever, a WARN line each)
            FailedStarts attempts = passingAttempt(attemptsKey, "firing " + cut.firingId(), failed, now);
            if (attempts != null && attempts.attempts() < START_ATTEMPTS) {
                waiting.add(run);
                LOG.warning(what + ", cut in run " + cut.cutRun() + ", could not start again because Strata's database failed for a moment"
                        + " (attempt " + attempts.attempts() + " of " + START_ATTEMPTS + "); nothing of the start was kept, and the next look"
                        + " at the clock tries again: " + innermost(failed));
                return Optional.empty();
            }
            failedStarts.remove(attemptsKey);
            ScheduleFiring skipped = ScheduleFiring.again(cut, now, null, "skipped: " + whyNotStarted(run, cut.segmentationId(), failed, attempts, now));
            boolean recorded = transactions.inOne(() -> {
                if (!schedules.takeOwedAgain(cut.firingId())) {
                    return false; // another node took it
                }
                schedules.recordFiring(skipped);
                return true;
            });
            return recorded ? Optional.of(skipped) : Optional.empty();
        }
    }

    private enum Outcome { LAUNCHED, FLAGGED, LEFT }

    private Outcome launch(PlannedLaunch due, Instant now) {
        Optional<String> targetMissing = targetMissing(due);
        if (targetMissing.isPresent()) {
            return flag(due, targetMissing.get(), now);
        }
        try {
            campaigns.launch(new LaunchCommand(due.campaignId(), null));
            return Outcome.LAUNCHED;
        } catch (IllegalTransition movedMeanwhile) {
            // launched by hand or by another node, or cancelled, since it was read: nothing left to do
            return Outcome.LEFT;
        } catch (CampaignConflict | InvalidCampaign refused) {
            return flag(due, refused.getMessage(), now);
        } catch (RuntimeException failed) {
            // the launch rolled back whole; the next look at the clock tries again
            LOG.warning(StoredCampaigns.named(due.campaignId(), due.name()) + " could not be launched at its start, and is tried again: " + failed);
            return Outcome.LEFT;
        }
    }

    private Optional<String> targetMissing(PlannedLaunch due) {
        Optional<StoredSegmentation> active = segmentations.active();
        if (active.isEmpty()) {
            return Optional.of("not launched: no general segmentation is active, so its target segment '" + due.targetSegment()
                    + "' no longer exists");
        }
        if (active.get().definition().segment(due.targetSegment()).isEmpty()) {
            return Optional.of("not launched: its target segment '" + due.targetSegment() + "' is not a segment of the active general"
                    + " segmentation " + active.get().definition().name() + " (another segmentation was activated); launch it by hand"
                    + " once that is right, or cancel it");
        }
        return Optional.empty();
    }

    private Outcome flag(PlannedLaunch due, String reason, Instant now) {
        boolean flagged = transactions.inOne(() -> {
            if (!launches.flag(due.campaignId(), reason, now)) {
                return false;
            }
            audit.record(AuditEntry.of(CurrentActor.SYSTEM, AuditAction.FLAGGED, "campaign", Long.toString(due.campaignId())).withDetail(reason));
            return true;
        });
        if (flagged) {
            LOG.warning(StoredCampaigns.named(due.campaignId(), due.name()) + " was not launched at its start: " + reason);
        }
        return flagged ? Outcome.FLAGGED : Outcome.LEFT;
    }
}
