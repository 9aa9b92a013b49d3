package io.strata.application.campaign.port.in;

import java.util.List;
import java.util.Optional;

import io.strata.application.campaign.AudienceMember;
import io.strata.application.campaign.port.out.CampaignAudiences;
import io.strata.application.campaign.Delivery;
import io.strata.application.campaign.ResultsView;
import io.strata.application.campaign.AudienceView;
import java.util.function.Consumer;

/** In-port: a launched campaign's audience, deliveries and results. */
public interface MeasureCampaigns {

    AudienceView audience(long id);

    void members(long id, Consumer<AudienceMember> members);

    void deliveries(long id, Consumer<Delivery> deliveries);

    /** Computed from the audience now (the API's results). */
    ResultsView results(long id);

    /**
     * The results and incremental revenue as last measured (at the launch, after each completed run, at the
     * completion), computed the same way from the kept aggregates; empty when not measured yet. Pages read this.
     */
    Optional<io.strata.application.campaign.MeasuredResults> measuredResults(long id);

    /** Measures a launched campaign's results now and keeps them (a planner's "Measure now", e.g. after an orders import). */
    void measure(long id);

    /** The launched campaigns whose audience holds this customer (treatment or control), newest launch first. */
    List<io.strata.application.campaign.CustomerCampaign> campaignsOf(String customerId);

    /** The revenue a launched campaign added (with a 95 % interval) and its conversions day by day since the launch. */
    io.strata.application.campaign.RevenueAndTimeline revenueAndTimeline(long id);
}
