package io.strata.application.campaign;

/**
 * Where a delivery in the outbox goes: a stored destination (by id), or, with none, the start-up setting
 * {@code STRATA_DISPATCH_WEBHOOK_URL} (kept as the default for channels no stored destination takes).
 */
public record DeliveryRoute(Long destinationId) {

    public static final DeliveryRoute START_UP_SETTING = new DeliveryRoute(null);

    /** How deliveries without a stored destination name where they go. */
    public static final String START_UP_SETTING_NAME = "STRATA_DISPATCH_WEBHOOK_URL";

    public static DeliveryRoute stored(long destinationId) {
        return new DeliveryRoute(destinationId);
    }

    public boolean startUpSetting() {
        return destinationId == null;
    }
}
