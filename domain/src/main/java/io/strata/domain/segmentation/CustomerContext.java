package io.strata.domain.segmentation;

import io.strata.domain.history.CustomerHistory;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.metrics.CustomerMetrics;

import java.time.LocalDate;
import java.util.Objects;

/** One customer as a run sees it: the history, the metrics as of the run's date, and that date. */
public record CustomerContext(LocalDate asOf, CustomerHistory history, CustomerMetrics metrics) {

    public CustomerContext {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(metrics, "metrics");
    }

    public static CustomerContext of(LocalDate asOf, CustomerHistory history) {
        return new CustomerContext(asOf, history, CustomerMetrics.asOf(asOf, history.orderLines()));
    }

    public CustomerId customerId() {
        return history.id();
    }
}
