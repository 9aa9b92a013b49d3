package io.strata.domain.campaign;

/** A campaign plan that cannot be built. {@code field} names where the problem is; the message says how to fix it. */
public class InvalidCampaign extends IllegalArgumentException {

    private final String field;

    public InvalidCampaign(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
