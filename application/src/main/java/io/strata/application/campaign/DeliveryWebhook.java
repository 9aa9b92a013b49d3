package io.strata.application.campaign;

/** Out-port: sends one signed message of deliveries to a destination, within a bounded time. */
public interface DeliveryWebhook {

    /** Posts one message; throws {@link DeliveryFailed} when the destination does not accept it in time. */
    void post(Destination destination, WebhookMessage message);

    class DeliveryFailed extends RuntimeException {
        public DeliveryFailed(String message) {
            super(message);
        }
    }
}
