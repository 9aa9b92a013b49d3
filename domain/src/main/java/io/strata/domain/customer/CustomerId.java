package io.strata.domain.customer;

import io.strata.domain.text.PlainText;

import java.util.Objects;

/**
 * The company's own key for a customer: 1 to 64 characters, never blank. Characters are Unicode characters (code
 * points), as the outside contract and PostgreSQL's {@code char_length} count them: "😀" is one, though Java holds it
 * in two chars (session 59: 64 emoji were refused as "128 characters").
 */
public record CustomerId(String value) implements Comparable<CustomerId> {

    public static final int MAX_LENGTH = 64;

    public CustomerId {
        Objects.requireNonNull(value, "customer_id is required");
        if (value.isBlank()) {
            throw new InvalidCustomerData("customer_id", value, "customer_id must not be empty");
        }
        int characters = characters(value);
        if (characters > MAX_LENGTH) {
            throw new InvalidCustomerData("customer_id", value,
                    "customer_id has " + characters + " characters; at most " + MAX_LENGTH + " are allowed");
        }
    }

    /** The number of Unicode characters (code points) of a text: {@link PlainText#characters}, the one measure of every length given in characters. */
    public static int characters(String text) {
        return PlainText.characters(text);
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
