package io.strata.application.recovery;

import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.CurrentActor;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.recovery.port.out.ScheduledStarts;
import io.strata.application.recovery.port.out.UnfinishedWork;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * While the application runs (at each look at the clock, not only at start): a RUNNING run whose claim no live session
 * holds has lost its worker, e.g. a Spark job killed halfway, or a node that died. Such a run is recorded as FAILED with
 * the reason and audited, so it neither waits for a restart nor blocks the next run. A run no worker has taken up yet
 * (begun for a Spark job that has not started) is given {@code unclaimedGrace} from its start before it is failed.
 *
 * <p>Imports too: a RUNNING import whose claim no live session holds lost its node (killed, or its connection to the
 * database gone). An import's claim is taken before its record says RUNNING and let go after it says how it ended, so
 * such an import has no worker; before, it stayed RUNNING until some node started again, and with another node serving
 * meanwhile it held the after-imports trigger (which waits until no import runs) and showed as running in the console.
 */
public final class StoppedRunSweep {

    static final String WORKER_STOPPED = "The run's worker stopped before it finished (its process ended or lost its database "
            + "connection), so the run has no results and the previous results stay current. Start the run again.";

    static final String IMPORT_NODE_STOPPED = "The node working on this import stopped before it finished (its process ended or "
            + "lost its database connection), so nothing of it was written. Send the file again.";

    private final UnfinishedWork work;
    private final CutScheduledRuns scheduled;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final Duration unclaimedGrace;

    public StoppedRunSweep(UnfinishedWork work, ScheduledStarts starts, AuditTrail audit, Transactions transactions, Duration unclaimedGrace) {
        if (unclaimedGrace == null || unclaimedGrace.isNegative()) {
            throw new IllegalArgumentException("the grace of an unclaimed run must be zero or more, not " + unclaimedGrace);
        }
        this.work = work;
        this.scheduled = new CutScheduledRuns(starts);
        this.audit = audit;
        this.transactions = transactions;
        this.unclaimedGrace = unclaimedGrace;
    }

    /** Answers the ids of the runs it recorded as FAILED. */
    public List<Long> failStopped(Instant now) {
        List<Long> failed = new ArrayList<>();
        for (RunningRun run : work.runningRuns()) {
            if (!run.takenUp() && now.isBefore(run.startedAt().plus(unclaimedGrace))) {
                continue; // its job may still be starting
            }
            String cut = run.takenUp() ? WORKER_STOPPED : neverTakenUp();
            WorkItem item = new WorkItem(WorkItem.Kind.SEGMENTATION_RUN, Long.toString(run.runId()));
            boolean recorded = transactions.inOne(() -> {
                Optional<ScheduledStart> start = scheduled.startedBy(run.runId());
                // the claim decides, in the unit of work: a worker that took the run up meanwhile holds it, and the run is left
                if (!work.failIfUnattended(item, CutScheduledRuns.reason(cut, start))) {
                    return false;
                }
                boolean owedAgain = scheduled.oweAgain(run.runId(), start);
                audit.record(AuditEntry.of(CurrentActor.SYSTEM, AuditAction.INTERRUPTED, item.kind().subjectType(), item.id())
                        .withDetail(CutScheduledRuns.auditDetail(run.takenUp()
                                ? "recorded as FAILED while the application ran: it was RUNNING and its worker no longer held its claim"
                                : "recorded as FAILED while the application ran: it was RUNNING and no worker took it up within " + unclaimedGrace,
                                owedAgain)));
                return true;
            });
            if (recorded) {
                failed.add(run.runId());
            }
        }
        return List.copyOf(failed);
    }

    /** Answers the ids of the imports it recorded as FAILED. */
    public List<String> failStoppedImports() {
        List<String> failed = new ArrayList<>();
        for (WorkItem item : work.running()) {
            if (item.kind() != WorkItem.Kind.IMPORT) {
                continue;
            }
            boolean recorded = transactions.inOne(() -> {
                // the claim decides, in the unit of work: the node working on the import holds it, and the import is left
                if (!work.failIfUnattended(item, IMPORT_NODE_STOPPED)) {
                    return false;
                }
                audit.record(AuditEntry.of(CurrentActor.SYSTEM, AuditAction.INTERRUPTED, item.kind().subjectType(), item.id())
                        .withDetail("recorded as FAILED while the application ran: it was RUNNING and its node no longer held its claim"));
                return true;
            });
            if (recorded) {
                failed.add(item.id());
            }
        }
        return List.copyOf(failed);
    }

    private String neverTakenUp() {
        return "No worker took up the run within " + words(unclaimedGrace) + " of its start (a Spark job submitted for it did not "
                + "start, or was not submitted), so the run has no results and the previous results stay current. Start the run again.";
    }

    private static String words(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes > 0 && duration.equals(Duration.ofMinutes(minutes))) {
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        return duration.toSeconds() + " seconds";
    }
}
