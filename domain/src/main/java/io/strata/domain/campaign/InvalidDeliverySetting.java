package io.strata.domain.campaign;

/** A frequency cap or a destination that cannot be stored as given; {@code field} says where (e.g. {@code maxDeliveries}). */
public class InvalidDeliverySetting extends RuntimeException {

    private final String field;

    public InvalidDeliverySetting(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
