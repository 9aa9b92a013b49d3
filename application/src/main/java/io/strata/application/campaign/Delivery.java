package io.strata.application.campaign;

import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.Channel;

import java.math.BigDecimal;

/**
 * One treated customer's action in the outbox, with the contact details the sending tool needs and the action list it
 * comes from (the default actions or a tactical segment's), so the tool can report per list too.
 */
public record Delivery(long deliveryId, String customerId, String email, String phone, Channel channel, String content,
                       BigDecimal discountPercent, ActionList actionList, DeliveryStatus status, int attempts, String lastError) {
}
