package io.strata.application.campaign.port.out;

import io.strata.application.campaign.DeliveryFailed;
import io.strata.application.campaign.WebhookMessage;
import io.strata.application.campaign.Destination;

/** Out-port: sends one signed message of deliveries to a destination, within a bounded time. */
public interface DeliveryWebhook {

    /** Posts one message; throws {@link DeliveryFailed} when the destination does not accept it in time. */
    void post(Destination destination, WebhookMessage message);
}
