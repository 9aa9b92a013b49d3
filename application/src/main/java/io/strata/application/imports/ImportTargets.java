package io.strata.application.imports;

/** Out-port: where each entity's rows go. */
public interface ImportTargets {

    ImportBatch<CustomerUpsert> customers();

    ImportBatch<OrderLineRow> orderLines();

    ImportBatch<EventRow> events();
}
