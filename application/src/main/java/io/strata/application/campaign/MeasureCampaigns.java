package io.strata.application.campaign;

import java.util.function.Consumer;

/** In-port: a launched campaign's audience, deliveries and results. */
public interface MeasureCampaigns {

    AudienceView audience(long id);

    void members(long id, Consumer<CampaignAudiences.AudienceMember> members);

    void deliveries(long id, Consumer<Delivery> deliveries);

    ResultsView results(long id);
}
