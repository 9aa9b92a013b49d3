package io.strata.application.schedule;

import java.util.List;

/**
 * What one look at the clock did: runs found without their worker and recorded as FAILED, runs started, runs skipped,
 * campaigns launched and campaigns flagged instead.
 */
public record DueWorkReport(List<Long> runsFailed, List<Long> runsStarted, List<ScheduleFiring> runsSkipped, List<Long> launched,
                            List<Long> flagged) {

    public DueWorkReport {
        runsFailed = List.copyOf(runsFailed);
        runsStarted = List.copyOf(runsStarted);
        runsSkipped = List.copyOf(runsSkipped);
        launched = List.copyOf(launched);
        flagged = List.copyOf(flagged);
    }
}
