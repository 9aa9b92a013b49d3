package io.strata.domain.customer;

/** A value that cannot be part of a customer, with the field it was meant for. */
public class InvalidCustomerData extends IllegalArgumentException {

    private final String field;
    private final String value;

    public InvalidCustomerData(String field, String value, String message) {
        super(message);
        this.field = field;
        this.value = value;
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }
}
