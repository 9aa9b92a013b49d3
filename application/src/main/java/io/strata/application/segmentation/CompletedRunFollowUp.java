package io.strata.application.segmentation;

/**
 * Work that reads a run once it is complete and its readers can see it, done on the run's worker after a waiting
 * caller has its answer: figures that would otherwise be worked out on page visits (the programme's effect).
 */
public interface CompletedRunFollowUp {

    void afterCompletion(long runId);
}
