package io.strata.domain.customer;

import java.util.Objects;

/** The company's own key for a customer: 1 to 64 characters, never blank. */
public record CustomerId(String value) implements Comparable<CustomerId> {

    public static final int MAX_LENGTH = 64;

    public CustomerId {
        Objects.requireNonNull(value, "customer_id is required");
        if (value.isBlank()) {
            throw new InvalidCustomerData("customer_id", value, "customer_id must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidCustomerData("customer_id", value,
                    "customer_id has " + value.length() + " characters; at most " + MAX_LENGTH + " are allowed");
        }
    }

    @Override
    public int compareTo(CustomerId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
