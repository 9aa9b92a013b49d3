package io.strata.bootstrap.wiring;

import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.recovery.RestartSweep;
import io.strata.application.recovery.port.out.ScheduledStarts;
import io.strata.application.recovery.port.out.UnfinishedWork;
import io.strata.application.recovery.WorkItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * At start, records as FAILED the imports and runs that a stopped process left RUNNING and no live node works on
 * (see docs/architecture.md, "Interrupted work"), so the console never shows a ghost in progress.
 */
@Component
@Order(1)
public class InterruptedWorkAtStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InterruptedWorkAtStart.class);

    private final RestartSweep sweep;

    private final io.strata.application.segmentation.port.in.RunSegmentation runs;

    public InterruptedWorkAtStart(UnfinishedWork work, ScheduledStarts starts, AuditTrail audit, Transactions transactions,
                                  io.strata.application.segmentation.port.in.RunSegmentation runs) {
        this.sweep = new RestartSweep(work, starts, audit, transactions);
        this.runs = runs;
    }

    @Override
    public void run(ApplicationArguments args) {
        sweep();
        // a run answers before its follow-ups (issue 18); a stop in between would leave its pages "not measured yet"
        runs.resumeFollowUps();
    }

    /** The sweep itself, answering what it recorded as interrupted. */
    public List<WorkItem> sweep() {
        List<WorkItem> interrupted = sweep.failInterrupted();
        interrupted.forEach(item -> log.warn("{} {} was RUNNING when the application stopped; recorded as FAILED (interrupted by a restart)",
                item.kind().subjectType(), item.id()));
        return interrupted;
    }
}
