package io.strata.application.campaign;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Out-port: an optional HTTP endpoint that takes deliveries in batches. */
public interface DeliveryWebhook {

    /** The configured endpoint, read at every dispatch; empty when the webhook is off. */
    Optional<URI> target();

    /** Posts one batch; throws {@link DeliveryFailed} when the endpoint does not accept it. */
    void post(URI target, long campaignId, List<Delivery> batch);

    class DeliveryFailed extends RuntimeException {
        public DeliveryFailed(String message) {
            super(message);
        }
    }
}
