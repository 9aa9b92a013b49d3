package io.strata.application.campaign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One webhook request: a batch of a campaign's deliveries under a message id. The id is derived from the campaign and
 * the delivery ids, so every attempt at the same batch (a retry now, or a later dispatch of the same rows) carries the
 * same {@code webhook-id} and a receiver can drop a repeat.
 */
public record WebhookMessage(String id, long campaignId, List<Delivery> deliveries) {

    public WebhookMessage {
        if (deliveries.isEmpty()) {
            throw new IllegalArgumentException("a webhook message carries at least one delivery");
        }
        deliveries = List.copyOf(deliveries);
    }

    public static WebhookMessage of(long campaignId, List<Delivery> deliveries) {
        String key = campaignId + ":" + deliveries.stream().map(d -> Long.toString(d.deliveryId())).collect(Collectors.joining(","));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return new WebhookMessage("msg_" + campaignId + "_" + HexFormat.of().formatHex(digest, 0, 12), campaignId, deliveries);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public List<Long> deliveryIds() {
        return deliveries.stream().map(Delivery::deliveryId).toList();
    }
}
