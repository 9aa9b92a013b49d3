package io.strata.application.schedule.port.out;

import io.strata.application.schedule.PlannedLaunch;

import java.time.Instant;
import java.util.List;

/** Out-port: scheduled campaigns by their start, and the flags on those that were not launched by themselves. */
public interface ScheduledLaunches {

    /** Scheduled, not flagged, starting at or before {@code now}: the earliest first. */
    List<PlannedLaunch> due(Instant now);

    /** Scheduled, not flagged, starting between {@code from} and {@code to}. */
    List<PlannedLaunch> planned(Instant from, Instant to);

    /** Scheduled and flagged, the latest flag first. */
    List<PlannedLaunch> flagged();

    /** Flags the campaign with the reason; false when it was flagged already. Joins the caller's unit of work. */
    boolean flag(long campaignId, String reason, Instant at);
}
