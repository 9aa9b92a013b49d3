package io.strata.application.recovery.port.out;

import io.strata.application.recovery.RunningRun;
import io.strata.application.recovery.WorkItem;
import java.util.List;

/**
 * Out-port: imports and runs recorded as RUNNING, and whether any live node still works on one. While a node works on
 * one it holds a claim on it in the database, which ends with the node's connection if the node dies.
 */
public interface UnfinishedWork {

    /** Every import and run recorded as RUNNING. */
    List<WorkItem> running();

    /** Every segmentation run recorded as RUNNING, with its start and whether a worker took it up. */
    List<RunningRun> runningRuns();

    /**
     * Records the item as FAILED with the reason if it is still RUNNING and no live node holds its claim; answers
     * whether it did. Joins the caller's unit of work, and keeps the claim until that ends, so no node can take the
     * item up in between.
     */
    boolean failIfUnattended(WorkItem item, String reason);
}
