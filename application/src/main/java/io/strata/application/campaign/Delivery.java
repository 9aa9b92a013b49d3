package io.strata.application.campaign;

import io.strata.domain.campaign.Channel;

import java.math.BigDecimal;

/** One treated customer's action in the outbox, with the contact details the sending tool needs. */
public record Delivery(long deliveryId, String customerId, String email, String phone, Channel channel, String content,
                       BigDecimal discountPercent, DeliveryStatus status, int attempts, String lastError) {
}
