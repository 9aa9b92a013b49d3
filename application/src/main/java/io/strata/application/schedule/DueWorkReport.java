package io.strata.application.schedule;

import io.strata.domain.schedule.PlannedRun;

import java.util.List;

/**
 * What one look at the clock did: runs found without their worker and recorded as FAILED, runs started, runs skipped,
 * campaigns launched and campaigns flagged instead, and the owed run that waits for the next look because another run
 * was running, or because its start met a passing failure of the database (it stays owed: nothing is recorded of it until
 * it starts).
 */
public record DueWorkReport(List<Long> runsFailed, List<Long> runsStarted, List<ScheduleFiring> runsSkipped, List<Long> launched,
                            List<Long> flagged, List<PlannedRun> runsWaiting) {

    public DueWorkReport(List<Long> runsFailed, List<Long> runsStarted, List<ScheduleFiring> runsSkipped, List<Long> launched,
                         List<Long> flagged) {
        this(runsFailed, runsStarted, runsSkipped, launched, flagged, List.of());
    }

    public DueWorkReport {
        runsWaiting = List.copyOf(runsWaiting);
        runsFailed = List.copyOf(runsFailed);
        runsStarted = List.copyOf(runsStarted);
        runsSkipped = List.copyOf(runsSkipped);
        launched = List.copyOf(launched);
        flagged = List.copyOf(flagged);
    }
}
