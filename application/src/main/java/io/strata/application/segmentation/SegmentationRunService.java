package io.strata.application.segmentation;

import io.strata.application.segmentation.port.out.SegmentationDefinitions;
import io.strata.application.segmentation.port.in.RunSegmentation;
import io.strata.application.segmentation.port.out.SegmentationRuns;
import io.strata.application.segmentation.port.out.SegmentationEngine;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.CurrentActor;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.incident.Incident;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Runs the active general segmentation: the run is recorded RUNNING (the store refuses a second one), the engine
 * computes it set-based, and the run ends COMPLETED or FAILED. A failed run leaves the previous results current,
 * since readers use the latest completed run.
 */
public final class SegmentationRunService implements RunSegmentation {

    /** The most runs one read answers: a list's largest page (1000) and one more, which tells whether a next page exists. */
    static final int MOST_RUNS_READ = 1001;


    private final SegmentationDefinitions definitions;
    private final SegmentationRuns runs;
    private final SegmentationEngine engine;
    private static final java.util.logging.Logger log = java.util.logging.Logger.getLogger(SegmentationRunService.class.getName());

    private final Executor executor;
    private final Executor followUpWorker;
    private final BigDecimal smallSegmentShare;
    private final List<RunPreparation> preparations;
    private final List<RunFollowUp> followUps;
    private final List<CompletedRunFollowUp> completedFollowUps;
    private final AuditTrail audit;
    private final CurrentActor actor;
    private final java.time.Clock clock;
    /** A run is recorded RUNNING in one unit of work with its audit entry, and with what a schedule records of it. */
    private final Transactions transactions;
    /**
     * Set when Strata stops: the follow-ups under way stop before their next step and stay undone, for the next start's
     * {@link #resumeFollowUps()}, rather than be cut mid-statement when the database's pool closes.
     */
    private volatile boolean stopping;

    /** A run's date lies in the range imports accept for purchases: from 1900 to a day past the server's clock. */
    static final LocalDate EARLIEST_RUN_DATE = LocalDate.of(1900, 1, 1);

    public SegmentationRunService(SegmentationDefinitions definitions, SegmentationRuns runs, SegmentationEngine engine,
                                  Executor executor, Executor followUpWorker, BigDecimal smallSegmentShare, List<RunPreparation> preparations,
                                  List<RunFollowUp> followUps, List<CompletedRunFollowUp> completedFollowUps, AuditTrail audit,
                                  CurrentActor actor, java.time.Clock clock, Transactions transactions) {
        this.transactions = transactions;
        this.completedFollowUps = List.copyOf(completedFollowUps);
        this.preparations = List.copyOf(preparations);
        this.clock = clock;
        this.audit = audit;
        this.actor = actor;
        this.followUps = List.copyOf(followUps);
        this.definitions = definitions;
        this.runs = runs;
        this.engine = engine;
        this.executor = executor;
        this.followUpWorker = followUpWorker;
        this.smallSegmentShare = smallSegmentShare;
    }

    @Override
    public SegmentationRunView start(LocalDate asOf) {
        return startClaimed(asOf, () -> true, runId -> { }).orElseThrow();
    }

    @Override
    public Optional<SegmentationRunView> startClaimed(LocalDate asOf, BooleanSupplier claim, LongConsumer record) {
        OptionalLong runId = begin(asOf, claim, record);
        if (runId.isEmpty()) {
            return Optional.empty();
        }
        long id = runId.getAsLong();
        // only once the run's record is committed: its worker reads and completes it
        try {
            CompletableFuture.runAsync(() -> execute(id, asOf, () -> { }), executor);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the worker was shut down (Strata stops) after the run was recorded: it stays RUNNING under this node's
            // claim, which ends with the process, and the next start's sweep records it interrupted
            throw new RunBegunThenFailed(id, true, stopping);
        }
        try {
            return Optional.of(view(id));
        } catch (RuntimeException unread) {
            throw new RunBegunThenFailed(id, false, unread);
        }
    }

    @Override
    public SegmentationRunView runAndWait(LocalDate asOf) {
        long runId = begin(asOf, () -> true, id -> { }).getAsLong();
        // answered once the run is COMPLETED or FAILED; the follow-ups after completion go on on the worker
        CompletableFuture<Void> settled = new CompletableFuture<>();
        try {
            CompletableFuture.runAsync(() -> execute(runId, asOf, () -> settled.complete(null)), executor);
            settled.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // execute() records the failure on the run itself
        }
        return view(runId);
    }

    /**
     * The run recorded RUNNING, its audit entry, and what the caller claims and records with it (a schedule: that it
     * starts the run, or that a cut run's mark is taken), in one unit of work: a process killed in it leaves none of it.
     * Before session 59 a schedule's claim was committed before the run began, so a process killed in between lost the
     * run. Empty when the claim was refused (another node has it). The run's claim ends if the unit of work is undone.
     *
     * <p>The run's claim is taken first, and the unit of work runs on what holds it ({@link SegmentationRuns#onClaim}):
     * beginning a run takes one connection of the pool. Until session 60 the claim was taken inside the unit of work on a
     * second connection, so N runs started at once on a pool of N connections each held one and waited for another: all
     * of them, and every page meanwhile, waited the pool's whole connection timeout and failed.
     */
    private OptionalLong begin(LocalDate asOf, BooleanSupplier claim, LongConsumer record) {
        checkRunDate(asOf);
        StoredSegmentation active = definitions.active().orElseThrow(NoActiveSegmentation::new);
        long runId = runs.reserve();
        boolean recorded = false;
        try {
            OptionalLong begun = runs.onClaim(runId, () -> transactions.inOne(() -> {
                if (!claim.getAsBoolean()) {
                    return OptionalLong.empty();
                }
                runs.begin(runId, active.id(), asOf);
                audit.record(AuditEntry.of(actor.name(), AuditAction.RAN, "segmentation_run", Long.toString(runId))
                        .withDetail("segmentation " + active.id() + " as of " + asOf));
                record.accept(runId);
                return OptionalLong.of(runId);
            }));
            recorded = begun.isPresent();
            return begun;
        } finally {
            if (!recorded) {
                runs.abandon(runId);
            }
        }
    }

    /**
     * A run as of year 4001 would become everyone's latest run and freeze campaign audiences from it: a date no one
     * means is refused before anything is written.
     */
    private void checkRunDate(LocalDate asOf) {
        LocalDate latest = LocalDate.now(clock).plusDays(1);
        if (asOf.isBefore(EARLIEST_RUN_DATE) || asOf.isAfter(latest)) {
            throw new IllegalArgumentException("asOf " + asOf + " is outside the dates a run can be as of, " + EARLIEST_RUN_DATE
                    + " to " + latest + " (a day past today); leave asOf out to run as of today");
        }
    }

    /** Runs the run; {@code settled} is told as soon as it is COMPLETED or FAILED, before the follow-ups after completion. */
    private void execute(long runId, LocalDate asOf, Runnable settled) {
        try {
            assign(runId, asOf);
        } catch (RuntimeException e) {
            runs.fail(runId, failure(runId, e));
            return;
        } finally {
            settled.run();
        }
        if (stopping) {
            log.info(() -> "run " + runId + ": completed while Strata stops; the work after it (migrations, measurements) is left to the next start");
            return;
        }
        // on a worker of their own: a run asked for meanwhile starts at once instead of queueing behind them (at 1M the
        // migrations and measurements take 10-23 s; issue 19 item 2). They read completed runs only.
        CompletableFuture.runAsync(() -> followUp(runId), followUpWorker);
    }

    /**
     * Strata is stopping: the work after a run (readying its rows, migrations, measurements) stops before its next
     * step, and a run completing from now on leaves it undone; the next start does it ({@link #resumeFollowUps()}). The
     * step under way finishes: whoever stops Strata waits for the workers before the database goes.
     */
    public void stopFollowUps() {
        stopping = true;
    }

    /**
     * What the pages show of a run (the migration since the previous run, the programme against the holdout, the
     * campaigns' results) is worked out once, on the run's worker, so that no page visit reads the run's assignments;
     * a caller who waits for the run has its answer already, and pages say "not measured yet" until then.
     */
    private void followUp(long runId) {
        // under a claim: the run's own worker and a look at the clock (for a run a Spark job completed) may both get here
        if (!runs.claimFollowUps(runId)) {
            return;
        }
        try {
            if (runs.isFollowedUp(runId)) {
                return;
            }
            boolean finished = true;
            try {
                finished = followUpSteps(runId);
            } finally {
                // a step's own failure is logged by it and not done again; a stop leaves them all to the next start
                if (finished) {
                    runs.followedUp(runId);
                } else {
                    log.info(() -> "run " + runId + ": the work after it stopped with Strata before its end; the next start does it again");
                }
            }
        } finally {
            runs.releaseFollowUps(runId);
        }
    }

    /** The follow-ups' steps, each looking first whether Strata stops; false when one was left for that reason. */
    private boolean followUpSteps(long runId) {
        if (stopping) {
            return false;
        }
        long completed = System.nanoTime();
        // first: the previews asked for right after the answer, and the migration below, read the run's rows
        String ready = readyForReaders(runId);
        long readied = System.nanoTime();
        if (!warmMigration(runId)) {
            return false;
        }
        for (CompletedRunFollowUp followUp : completedFollowUps) {
            if (stopping) {
                return false;
            }
            afterCompletion(followUp, runId);
        }
        log.info(() -> "run " + runId + ": ready for readers (" + ready + ") " + (readied - completed) / 1_000_000
                + " ms, then migrations and completed-run follow-ups (programme and campaign measurements) "
                + (System.nanoTime() - readied) / 1_000_000 + " ms, after the answer");
        return true;
    }

    private void assign(long runId, LocalDate asOf) {
        {
            SegmentationRunView run = view(runId);
            StoredSegmentation segmentation = definitions.find(run.segmentationId()).orElseThrow();
            boolean predictionsFirst = PredictionsFirst.needed(segmentation.definition());
            long prepared = System.nanoTime();
            if (predictionsFirst) {
                preparations.forEach(preparation -> preparation.beforeAssignment(runId, asOf));
            }
            long started = System.nanoTime();
            // otherwise the predictions run beside the assignment, on its snapshot, and the run waits for both
            PreparationsAlongside alongside = new PreparationsAlongside(preparations, runId, asOf);
            long customers;
            long assigned;
            try {
                customers = predictionsFirst || preparations.isEmpty() ? engine.assign(runId, segmentation.definition(), asOf)
                        : engine.assign(runId, segmentation.definition(), asOf, alongside::start);
                assigned = System.nanoTime();
            } finally {
                alongside.finish();
            }
            if (!predictionsFirst && !alongside.started()) {
                // an engine that cannot share its snapshot: the predictions follow the assignment
                preparations.forEach(preparation -> preparation.beforeAssignment(runId, asOf));
            }
            long predicted = System.nanoTime();
            followUps.forEach(followUp -> followUp.afterAssignment(runId, segmentation.definition(), asOf));
            runs.complete(runId, customers);
            String predictions = predictionsFirst ? (started - prepared) / 1_000_000 + " ms before the assignment"
                    : alongside.started() ? "alongside the assignment, waited for " + (predicted - assigned) / 1_000_000 + " ms after it"
                    : (predicted - assigned) / 1_000_000 + " ms after the assignment";
            // operators (and bench/segmentation-benchmark.sh) read what a run cost, apart from queueing and HTTP
            log.info(() -> "run " + runId + ": " + customers + " customers assigned in " + (assigned - started) / 1_000_000
                    + " ms, follow-ups (tactical segments) " + (System.nanoTime() - predicted) / 1_000_000 + " ms, preparations (predictions) "
                    + predictions);
        }
    }

    /** The store's work on the run's fresh rows; a failure costs the first readers time, not the run: logged only. */
    private String readyForReaders(long runId) {
        try {
            return runs.readyForReaders(runId);
        } catch (RuntimeException e) {
            log.warning("run " + runId + ": its rows could not be readied for readers (the first previews may be slower): " + e.getMessage());
            return "failed";
        }
    }

    private void afterCompletion(CompletedRunFollowUp followUp, long runId) {
        try {
            followUp.afterCompletion(runId);
        } catch (RuntimeException e) {
            log.warning("run " + runId + ": " + followUp.getClass().getSimpleName() + " could not finish; the next run does it again: "
                    + e.getMessage());
        }
    }

    /** What a failed run says to its readers: a definition's own problem as it is, anything else as an incident. */
    private static String failure(long runId, RuntimeException e) {
        if (Incident.explainsItself(e) && e.getMessage() != null) {
            return e.getMessage();
        }
        return Incident.record("Run " + runId + " could not be completed because of a problem on Strata's side; the previous results stay current",
                "Start the run again; if it fails again, give the reference to your administrator.", e).message();
    }

    /**
     * The migration from the previous run, and any missing between earlier consecutive runs the trend pages show (runs
     * from before migrations were kept, or a worker stopped before this step): pages only read them. False when Strata
     * stops before the last.
     */
    private boolean warmMigration(long runId) {
        try {
            long to = runId;
            for (int pair = 1; pair < io.strata.application.segmentation.port.in.FollowTrends.RUNS; pair++) {
                if (stopping) {
                    return false;
                }
                Optional<Long> from = runs.previousCompleted(to);
                if (from.isEmpty()) {
                    break;
                }
                runs.migration(from.get(), to);
                to = from.get();
            }
        } catch (RuntimeException e) {
            log.warning("the migration of run " + runId + " could not be prepared; it is computed when first asked for: " + e.getMessage());
        }
        return true;
    }

    private SegmentationRunView view(long runId) {
        return runs.find(runId).map(run -> run.view(smallSegmentShare)).orElseThrow(() -> new SegmentationNotFound("there is no run " + runId));
    }

    @Override
    public Optional<SegmentationRunView> run(long runId) {
        return runs.find(runId).map(run -> run.view(smallSegmentShare));
    }

    @Override
    public List<SegmentationRunView> recentRuns(Long before, int limit) {
        // up to a list's largest page (1000) and the one more that says whether there is a next page
        return runs.recent(before, Math.max(1, Math.min(limit, MOST_RUNS_READ))).stream().map(run -> run.view(smallSegmentShare)).toList();
    }

    @Override
    public Optional<SegmentationRunView> latestCompletedRun() {
        return runs.latestCompleted().flatMap(runs::find).map(run -> run.view(smallSegmentShare));
    }

    @Override
    public void assignments(long runId, Consumer<AssignmentRow> rows) {
        view(runId);
        runs.streamAssignments(runId, rows);
    }

    @Override
    public MigrationView migration(Long fromRunId, long toRunId) {
        SegmentationRunView to = view(toRunId);
        long from = fromRunId != null ? fromRunId : runs.previousCompleted(toRunId).orElseThrow(() -> new SegmentationNotFound(
                "run " + toRunId + " has no earlier completed run of the same segmentation to compare with"));
        SegmentationRunView earlier = view(from);
        if (earlier.segmentationId() != to.segmentationId()) {
            throw new SegmentationConflict("runs " + from + " and " + toRunId + " belong to different segmentations; migration compares runs of one segmentation");
        }
        return runs.migration(from, toRunId);
    }

    @Override
    public void resumeFollowUps() {
        if (stopping) {
            return;
        }
        // a stop interrupted them, or a Spark job completed the run (no worker of this application ran it); a run whose
        // own worker is still at them is left to it by the claim
        runs.latestCompleted().filter(runId -> !runs.isFollowedUp(runId))
                .ifPresent(runId -> CompletableFuture.runAsync(() -> followUp(runId), followUpWorker));
    }

    @Override
    public boolean followedUp(long runId) {
        view(runId);
        return runs.isFollowedUp(runId);
    }

    @Override
    public Optional<MigrationView> storedMigration(long toRunId) {
        return runs.previousCompleted(toRunId).flatMap(from -> runs.storedMigration(from, toRunId));
    }

    @Override
    public List<CustomerRunEntry> segmentHistory(String customerId) {
        return runs.historyOf(customerId);
    }

    @Override
    public List<SegmentMember> segmentMembers(long runId, String segmentKey, String search, long afterKey, int limit) {
        String query = search == null || search.isBlank() ? null : search.strip();
        return runs.members(runId, segmentKey, query, Math.max(0, afterKey), Math.max(1, Math.min(limit, 500)));
    }
}
