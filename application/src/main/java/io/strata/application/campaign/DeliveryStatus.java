package io.strata.application.campaign;

/** PENDING until the webhook took it (SENT) or gave up after its retries (FAILED, with the reason; retried by the next dispatch). */
public enum DeliveryStatus {
    PENDING, SENT, FAILED
}
