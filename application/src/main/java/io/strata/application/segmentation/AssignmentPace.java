package io.strata.application.segmentation;

/**
 * How work beside a run's assignment (its predictions) gives way to it. The assignment's statement keeps both cores
 * busy while its parallel workers scan and aggregate, and leaves one idle once only its leader writes the rows
 * (docs/benchmarks.md, "Session 37: predictions"); work that takes CPU in the first part lengthens the run by about half
 * of it, work in the second costs the run little. So the work beside it asks at its natural breaks (a batch of buyers
 * read, before the fit, a chunk of forecasts) and waits while the statement's workers are at work.
 */
public interface AssignmentPace {

    /** Never waits: an assignment that is not watched (or work that runs before or after it). */
    AssignmentPace NONE = () -> { };

    /** Returns at once, or once the assignment's statement leaves a core idle; the wait is bounded. */
    void giveWay();
}
