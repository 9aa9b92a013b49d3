package io.strata.application.erasure.port.out;

import io.strata.domain.customer.CustomerId;

import java.util.Map;
import java.util.Optional;

/** Out-port: everything stored about a customer, wherever it is kept. */
public interface PersonalData {

    /**
     * Deletes the customer and every row that refers to it, in every table (including tables added after this was
     * written); answers the rows deleted per table, or nothing when the customer is unknown.
     */
    Optional<Map<String, Long>> eraseCustomer(CustomerId customerId);
}
