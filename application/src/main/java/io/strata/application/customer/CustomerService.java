package io.strata.application.customer;

import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;

import java.util.Optional;

public final class CustomerService implements BrowseCustomers {

    private final Customers customers;

    public CustomerService(Customers customers) {
        this.customers = customers;
    }

    @Override
    public long countCustomers() {
        return customers.count();
    }

    @Override
    public Optional<Customer> customer(CustomerId id) {
        return customers.find(id);
    }
}
