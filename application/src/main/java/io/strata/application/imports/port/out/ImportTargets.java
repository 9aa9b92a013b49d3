package io.strata.application.imports.port.out;

import io.strata.application.imports.CustomerUpsert;
import io.strata.application.imports.EventRow;
import io.strata.application.imports.OrderLineRow;

/** Out-port: where each entity's rows go. */
public interface ImportTargets {

    ImportBatch<CustomerUpsert> customers();

    ImportBatch<OrderLineRow> orderLines();

    ImportBatch<EventRow> events();
}
