package io.strata.application.customer.port.out;

import io.strata.application.customer.CustomerMatch;

import java.util.List;

/** Out-port: customers looked up by fragments of their id, email and name. */
public interface CustomerDirectory {

    /** See {@link io.strata.application.customer.port.in.FindCustomers#find}; {@code fragments} says whether email and name are searched too. */
    List<CustomerMatch> matching(String text, boolean fragments, int limit);
}
