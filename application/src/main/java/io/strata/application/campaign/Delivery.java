package io.strata.application.campaign;

import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.Channel;

import java.math.BigDecimal;

/**
 * One treated customer's action in the outbox, with the contact details the sending tool needs, the action list it
 * comes from (the default actions or a tactical segment's), so the tool can report per list too, and the destination
 * it goes to (a stored destination's name, or {@link DeliveryRoute#START_UP_SETTING_NAME}).
 */
public record Delivery(long deliveryId, String customerId, String email, String phone, Channel channel, String content,
                       BigDecimal discountPercent, ActionList actionList, DeliveryStatus status, int attempts, String lastError,
                       String destination) {

    /** A delivery to the start-up setting's webhook. */
    public Delivery(long deliveryId, String customerId, String email, String phone, Channel channel, String content,
                    BigDecimal discountPercent, ActionList actionList, DeliveryStatus status, int attempts, String lastError) {
        this(deliveryId, customerId, email, phone, channel, content, discountPercent, actionList, status, attempts, lastError,
                DeliveryRoute.START_UP_SETTING_NAME);
    }
}
