package io.strata.application.schedule;

import java.time.Instant;

/** A scheduled campaign and when it starts; {@code flagReason} says why it was not launched by itself, when it was not. */
public record PlannedLaunch(long campaignId, String name, String targetSegment, Instant startAt, Instant flaggedAt, String flagReason) {

    public boolean flagged() {
        return flagReason != null;
    }
}
