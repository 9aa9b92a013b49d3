package io.strata.application.customer.port.in;

import io.strata.application.customer.CustomerMatch;

import java.util.List;

/** In-port: find customers by what a planner remembers of them. */
public interface FindCustomers {

    /**
     * Customers whose id starts with the text, or (from 3 characters on) whose email or name contains it, ignoring
     * case; an exact id first, then in id order, at most {@code limit}.
     */
    List<CustomerMatch> find(String text, int limit);
}
