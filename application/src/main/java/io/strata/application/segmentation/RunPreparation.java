package io.strata.application.segmentation;

import java.time.LocalDate;

/**
 * Work a run needs before it assigns, so that its assignment and follow-ups can read the result: the run's
 * predictions, which predicted-value tiers and rules on predicted fields use.
 */
public interface RunPreparation {

    void beforeAssignment(long runId, LocalDate asOf);
}
