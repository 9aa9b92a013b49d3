package io.strata.application.erasure.port.in;

import io.strata.application.erasure.UnknownCustomer;
import io.strata.application.erasure.Erasure;
import io.strata.domain.customer.CustomerId;

/** In-port: the right to erasure. Every stored row about the customer goes, and the trail records only the id. */
public interface EraseCustomer {

    /** @throws UnknownCustomer when no customer has this id */
    Erasure erase(CustomerId customerId, String actor);
}
