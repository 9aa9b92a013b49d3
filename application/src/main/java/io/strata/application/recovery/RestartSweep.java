package io.strata.application.recovery;

import io.strata.application.recovery.port.out.ScheduledStarts;
import io.strata.application.recovery.port.out.UnfinishedWork;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.CurrentActor;
import io.strata.application.audit.port.out.Transactions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * At start: imports and runs still recorded as RUNNING that no live node works on were interrupted (the process was
 * killed, the machine stopped). Each is recorded as FAILED with an explanation and audited, in one unit of work;
 * those another node is working on are left alone, so several nodes may share one database. A run a schedule started
 * is owed again by it, once ({@link CutScheduledRuns}).
 */
public final class RestartSweep {

    private final UnfinishedWork work;
    private final CutScheduledRuns scheduled;
    private final AuditTrail audit;
    private final Transactions transactions;

    public RestartSweep(UnfinishedWork work, ScheduledStarts starts, AuditTrail audit, Transactions transactions) {
        this.work = work;
        this.scheduled = new CutScheduledRuns(starts);
        this.audit = audit;
        this.transactions = transactions;
    }

    /** Answers the items it recorded as interrupted. */
    public List<WorkItem> failInterrupted() {
        List<WorkItem> interrupted = new ArrayList<>();
        for (WorkItem item : work.running()) {
            boolean failed = transactions.inOne(() -> {
                Optional<ScheduledStart> start = item.kind() == WorkItem.Kind.SEGMENTATION_RUN
                        ? scheduled.startedBy(Long.parseLong(item.id())) : Optional.empty();
                if (!work.failIfUnattended(item, CutScheduledRuns.reason(item.kind().interruption(), start))) {
                    return false;
                }
                boolean owedAgain = start.isPresent() && scheduled.oweAgain(Long.parseLong(item.id()), start);
                audit.record(AuditEntry.of(CurrentActor.SYSTEM, AuditAction.INTERRUPTED, item.kind().subjectType(), item.id())
                        .withDetail(CutScheduledRuns.auditDetail("recorded as FAILED at start: it was RUNNING and no node was working on it", owedAgain)));
                return true;
            });
            if (failed) {
                interrupted.add(item);
            }
        }
        return List.copyOf(interrupted);
    }
}
