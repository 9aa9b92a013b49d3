package io.strata.application.campaign;

import java.time.Instant;

/** In-port: move campaigns through their life and hand their deliveries out. */
public interface RunCampaigns {

    /** Fixes a draft for launch; {@code startAt} (optional) replaces the planned start. */
    StoredCampaign schedule(long id, Instant startAt);

    /** Freezes the audience from the latest completed run, writes the deliveries and starts dispatching them. */
    StoredCampaign launch(LaunchCommand command);

    StoredCampaign complete(long id);

    StoredCampaign cancel(long id, String reason);

    /** Sends the unsent deliveries to the webhook now (when one is configured) and answers the outbox's state. */
    DispatchReport dispatch(long id);

    record DispatchReport(long campaignId, boolean webhookConfigured, DeliveryCounts deliveries) {
    }
}
