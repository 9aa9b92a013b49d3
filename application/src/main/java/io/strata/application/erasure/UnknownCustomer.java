package io.strata.application.erasure;

import io.strata.domain.customer.CustomerId;

public final class UnknownCustomer extends RuntimeException {

    public UnknownCustomer(CustomerId id) {
        super("no customer has the customer_id '" + id.value() + "' (it may have been erased already)");
    }
}
