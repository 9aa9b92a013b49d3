package io.strata.application.campaign.port.in;

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

    ResultsView results(long id);
}
