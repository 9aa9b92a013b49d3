package io.strata.application.customer.port.out;

import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;

import java.util.Optional;

/** Out-port: the customer base as stored. */
public interface Customers {

    long count();

    Optional<Customer> find(CustomerId id);
}
