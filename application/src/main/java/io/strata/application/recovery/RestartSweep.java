package io.strata.application.recovery;

import io.strata.application.recovery.port.out.UnfinishedWork;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.CurrentActor;
import io.strata.application.audit.port.out.Transactions;

import java.util.ArrayList;
import java.util.List;

/**
 * At start: imports and runs still recorded as RUNNING that no live node works on were interrupted (the process was
 * killed, the machine stopped). Each is recorded as FAILED with an explanation and audited, in one unit of work;
 * those another node is working on are left alone, so several nodes may share one database.
 */
public final class RestartSweep {

    private final UnfinishedWork work;
    private final AuditTrail audit;
    private final Transactions transactions;

    public RestartSweep(UnfinishedWork work, AuditTrail audit, Transactions transactions) {
        this.work = work;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** Answers the items it recorded as interrupted. */
    public List<WorkItem> failInterrupted() {
        List<WorkItem> interrupted = new ArrayList<>();
        for (WorkItem item : work.running()) {
            boolean failed = transactions.inOne(() -> {
                if (!work.failIfUnattended(item, item.kind().interruption())) {
                    return false;
                }
                audit.record(AuditEntry.of(CurrentActor.SYSTEM, AuditAction.INTERRUPTED, item.kind().subjectType(), item.id())
                        .withDetail("recorded as FAILED at start: it was RUNNING and no node was working on it"));
                return true;
            });
            if (failed) {
                interrupted.add(item);
            }
        }
        return List.copyOf(interrupted);
    }
}
