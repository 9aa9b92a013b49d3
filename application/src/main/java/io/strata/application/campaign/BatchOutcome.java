package io.strata.application.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What became of one claimed batch of a campaign's deliveries: SENT (the receiver accepted it) or FAILED (with the last
 * reason), after how many attempts, and when. The relay records it on the batch's rows, which ends their claim.
 */
public record BatchOutcome(long campaignId, List<Long> deliveryIds, DeliveryStatus status, int attempts, String error, Instant at) {

    public BatchOutcome {
        if (status == DeliveryStatus.PENDING || deliveryIds.isEmpty() || attempts < 1) {
            throw new IllegalArgumentException("a batch's outcome is SENT or FAILED, of at least one delivery after at least one attempt");
        }
        deliveryIds = List.copyOf(deliveryIds);
        Objects.requireNonNull(at, "at");
    }

    static BatchOutcome sent(WebhookMessage message, int attempts, Instant at) {
        return new BatchOutcome(message.campaignId(), message.deliveryIds(), DeliveryStatus.SENT, attempts, null, at);
    }

    static BatchOutcome failed(WebhookMessage message, int attempts, String error, Instant at) {
        return new BatchOutcome(message.campaignId(), message.deliveryIds(), DeliveryStatus.FAILED, attempts, error, at);
    }

    boolean sent() {
        return status == DeliveryStatus.SENT;
    }
}
