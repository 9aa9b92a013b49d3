package io.strata.application.campaign;

public class DeliveryFailed extends RuntimeException {
    public DeliveryFailed(String message) {
        super(message);
    }
}
