package io.strata.application.campaign.port.out;

import io.strata.application.campaign.MeasuredOutcomes;

import java.util.List;
import java.util.Optional;

/**
 * Out-port: each launched campaign's latest measured outcomes, replaced by every new measurement, and which campaigns
 * the measurement still follows.
 */
public interface CampaignMeasurements {

    void store(long campaignId, MeasuredOutcomes outcomes);

    Optional<MeasuredOutcomes> latest(long campaignId);

    /**
     * Settles, in one statement, every launched campaign not settled yet whose latest measurement was taken at or after its
     * horizon (window end + {@code followDays} days) and has a later run, pinning that run; an always-on campaign that
     * is not stopped is never settled (its audience still grows). Answers how many were settled.
     */
    int settle(int followDays);

    /**
     * The launched campaigns not settled whose kept figures may have moved: never measured, measured before their window
     * ended, or the latest completed run of their frozen run's segmentation after it is not the one they were measured
     * against. Ascending ids.
     */
    List<Long> toMeasure();

    /** The later run a settled campaign's migration is read from; empty while the measurement still follows it. */
    Optional<Long> settledLaterRun(long campaignId);
}
