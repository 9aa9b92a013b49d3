package io.strata.application.campaign.port.out;

import io.strata.application.campaign.Destination;
import java.util.Optional;

/** Out-port: where a campaign's deliveries are sent, read at every relay; empty when no webhook is configured. */
public interface DeliveryDestinations {

    Optional<Destination> destinationOf(long campaignId);
}
