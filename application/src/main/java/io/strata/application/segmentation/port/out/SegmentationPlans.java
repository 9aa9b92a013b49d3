package io.strata.application.segmentation.port.out;

import io.strata.application.segmentation.PlannedWork;
import io.strata.application.segmentation.ReplacedPlans;

import java.util.List;

/** Out-port: the tactical segments and campaigns planned on the active segmentation, those left on replaced ones, and schedules. */
public interface SegmentationPlans {

    /** Active tactical segments and unfinished campaigns (draft, scheduled, running) not yet marked as replaced, by id. */
    List<PlannedWork> onActive();

    /** Marks every tactical segment and campaign not yet marked as planned on this (now replaced) segmentation. */
    void markReplaced(long segmentationId);

    /** Plans marked as on this segmentation are current again: it has been activated once more. */
    void markCurrent(long segmentationId);

    ReplacedPlans replaced();

    /**
     * The schedule of a segmentation being retired, removed in the retirement's unit of work (it would never run: a
     * retired segmentation cannot be activated again); whether it had one.
     */
    boolean removeSchedule(long segmentationId);
}
