package io.strata.application.customer;

import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;

import java.util.Optional;

/** In-port: look at the customer base. */
public interface BrowseCustomers {

    long countCustomers();

    Optional<Customer> customer(CustomerId id);
}
