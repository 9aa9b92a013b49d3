package io.strata.application.campaign.port.in;

import io.strata.application.campaign.DispatchReport;
import io.strata.application.campaign.StoredCampaign;
import io.strata.application.campaign.DeliveryCounts;
import io.strata.application.campaign.LaunchCommand;
import java.time.Instant;

/** In-port: move campaigns through their life and hand their deliveries out. */
public interface RunCampaigns {

    /** Fixes a draft for launch; {@code startAt} (optional) replaces the planned start. */
    StoredCampaign schedule(long id, Instant startAt);

    /** Freezes the audience from the latest completed run, writes the deliveries and starts dispatching them. */
    StoredCampaign launch(LaunchCommand command);

    /** The audience a launch would freeze now (members, treatment, control, excluded for consent); changes nothing. */
    io.strata.application.campaign.AudienceEstimate estimate(long id);

    StoredCampaign complete(long id);

    StoredCampaign cancel(long id, String reason);

    /**
     * Queues the unsent (PENDING and FAILED) deliveries for the webhook, when one is configured, and answers at once with
     * how many were queued and the outbox's state before sending; the deliveries go out in the background.
     */
    DispatchReport dispatch(long id);
}
