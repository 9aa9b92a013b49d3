package io.strata.application.campaign;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Out-port: the built-in dispatch. Launching writes every treated customer with their action here; the rows stay
 * downloadable and keep their webhook status, so a failing endpoint loses nothing.
 */
public interface DeliveryOutbox {

    /** Writes the campaign's treated audience as PENDING deliveries (again: adds only what is missing); answers the count written. */
    long enqueue(long campaignId);

    /** PENDING or FAILED deliveries after the given delivery id, in id order. */
    List<Delivery> unsent(long campaignId, long afterDeliveryId, int limit);

    void markSent(List<Long> deliveryIds, int attempts, Instant at);

    void markFailed(List<Long> deliveryIds, int attempts, String error, Instant at);

    DeliveryCounts counts(long campaignId);

    /** Every delivery of the campaign in customer id order, for download. */
    void stream(long campaignId, Consumer<Delivery> deliveries);
}
