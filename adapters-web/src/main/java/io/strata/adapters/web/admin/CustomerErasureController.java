package io.strata.adapters.web.admin;

import io.strata.application.erasure.port.in.EraseCustomer;
import io.strata.application.erasure.Erasure;
import io.strata.domain.customer.CustomerId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

@RestController
@Tag(name = "Personal data", description = "Erasure of a customer's data on request")
public class CustomerErasureController {

    private final EraseCustomer erase;

    public CustomerErasureController(EraseCustomer erase) {
        this.erase = erase;
    }

    public record ErasureBody(String customerId, boolean erased, long rowsDeleted, Map<String, Long> rowsByTable) {
    }

    @DeleteMapping(path = "/api/v1/customers/{customerId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Erase a customer", description = "Deletes the profile and every row about the customer (orders, order lines, "
            + "events, segment assignments, ...) in one transaction; the audit trail keeps only the customer_id. 404 when unknown.")
    public ErasureBody erase(@PathVariable String customerId, Authentication who) {
        Erasure erasure = erase.erase(new CustomerId(customerId), who.getName());
        return new ErasureBody(erasure.customerId().value(), true, erasure.rows(), erasure.rowsByTable());
    }
}
