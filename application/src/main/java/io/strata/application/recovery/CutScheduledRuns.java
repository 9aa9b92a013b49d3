package io.strata.application.recovery;

import io.strata.application.recovery.port.out.ScheduledStarts;

import java.util.Optional;

/**
 * A run a stop or a crash cut, as the sweeps record it: if a schedule started it, its run is owed again (once), and the
 * record says so instead of asking the user to start it. Before session 58 the schedule had moved on when it started the
 * run, so a daily run cut by a deploy was lost for the day while its record said "Start the run again."
 */
final class CutScheduledRuns {

    private static final String START_AGAIN = " Start the run again.";

    private final ScheduledStarts starts;

    CutScheduledRuns(ScheduledStarts starts) {
        this.starts = starts;
    }

    /** The trigger that started the run, read in the sweep's unit of work before the run is recorded. */
    Optional<ScheduledStart> startedBy(long runId) {
        return starts.startedBy(runId);
    }

    /**
     * What the cut run's record says: {@code cut} (which ends by asking the user to start the run again) as it is for a
     * run started by hand; for a scheduled one, that its schedule starts it again, or, for a second attempt, why not.
     */
    static String reason(String cut, Optional<ScheduledStart> start) {
        if (start.isEmpty() || !cut.endsWith(START_AGAIN)) {
            return cut;
        }
        ScheduledStart s = start.get();
        String what = cut.substring(0, cut.length() - START_AGAIN.length());
        String planned = "the " + s.trigger() + " run planned at " + s.plannedAt();
        if (s.secondAttempt()) {
            return what + " Its schedule had started it again for " + planned + " after run " + s.againAfterRun() + " was cut too, so it is "
                    + "not started a third time by itself (a run that stops Strata's process every time would run for ever): find why "
                    + "the application stopped (its log), then start the run again.";
        }
        return what + " Its schedule started it (" + planned + "), so that run is owed again: Strata starts it again by itself at "
                + "its next look at the clock, once. There is nothing to do.";
    }

    /** After the run was recorded as cut, in the same unit of work: its schedule owes it again, unless it was the second attempt. */
    boolean oweAgain(long runId, Optional<ScheduledStart> start) {
        if (start.isEmpty() || start.get().secondAttempt()) {
            return false;
        }
        starts.oweAgain(runId);
        return true;
    }

    static String auditDetail(String detail, boolean owedAgain) {
        return owedAgain ? detail + "; its schedule owes the run again" : detail;
    }
}
