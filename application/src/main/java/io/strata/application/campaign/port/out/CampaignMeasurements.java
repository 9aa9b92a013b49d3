package io.strata.application.campaign.port.out;

import io.strata.application.campaign.MeasuredOutcomes;

import java.util.Optional;

/** Out-port: each launched campaign's latest measured outcomes, replaced by every new measurement. */
public interface CampaignMeasurements {

    void store(long campaignId, MeasuredOutcomes outcomes);

    Optional<MeasuredOutcomes> latest(long campaignId);
}
