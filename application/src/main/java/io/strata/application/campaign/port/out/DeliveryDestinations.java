package io.strata.application.campaign.port.out;

import io.strata.application.campaign.Destination;
import java.util.Optional;

/**
 * Out-port: the start-up setting's webhook ({@code STRATA_DISPATCH_WEBHOOK_URL}), read at every relay for the deliveries
 * that no stored destination takes; empty when it is not set. Stored destinations come from {@link StoredDestinations}.
 */
public interface DeliveryDestinations {

    Optional<Destination> destinationOf(long campaignId);
}
