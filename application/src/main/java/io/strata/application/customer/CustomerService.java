package io.strata.application.customer;

import io.strata.application.customer.port.out.CustomerActivity;
import java.util.List;
import io.strata.application.customer.port.in.BrowseCustomers;
import io.strata.application.customer.port.out.Customers;
import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;

import java.util.Optional;

public final class CustomerService implements BrowseCustomers {

    private final Customers customers;
    private final CustomerActivity activity;

    public CustomerService(Customers customers, CustomerActivity activity) {
        this.customers = customers;
        this.activity = activity;
    }

    @Override
    public long countCustomers() {
        return customers.count();
    }

    @Override
    public Optional<Customer> customer(CustomerId id) {
        return customers.find(id);
    }

    @Override
    public List<OrderView> recentOrders(CustomerId id, int limit) {
        return activity.recentOrders(id, limit);
    }

    @Override
    public List<EventView> recentEvents(CustomerId id, int limit) {
        return activity.recentEvents(id, limit);
    }
}
