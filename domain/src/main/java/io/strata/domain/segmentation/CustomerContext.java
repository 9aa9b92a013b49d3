package io.strata.domain.segmentation;

import io.strata.domain.customer.CustomerId;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.metrics.CustomerMetrics;
import io.strata.domain.prediction.CustomerPrediction;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One customer as a run sees it: the history, the metrics as of the run's date, that date, and the customer's
 * predictions in the run ({@code null} when there are none: never bought, or the models were not fitted).
 */
public record CustomerContext(LocalDate asOf, CustomerHistory history, CustomerMetrics metrics, CustomerPrediction prediction) {

    public CustomerContext {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** A customer without predictions. */
    public CustomerContext(LocalDate asOf, CustomerHistory history, CustomerMetrics metrics) {
        this(asOf, history, metrics, null);
    }

    public static CustomerContext of(LocalDate asOf, CustomerHistory history) {
        return new CustomerContext(asOf, history, CustomerMetrics.asOf(asOf, history.orderLines()));
    }

    public CustomerContext withPrediction(CustomerPrediction prediction) {
        return new CustomerContext(asOf, history, metrics, prediction);
    }

    public CustomerId customerId() {
        return history.id();
    }
}
