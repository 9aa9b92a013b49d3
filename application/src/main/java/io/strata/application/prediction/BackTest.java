package io.strata.application.prediction;

import java.time.LocalDate;
import java.util.List;

/**
 * Fit on the purchases up to {@code cutoff}, predict the {@code holdoutWeeks} after it, compare with what happened.
 * {@code meanAbsoluteError} is the customer-weighted mean over the groups of |predicted - actual| purchases per
 * customer; {@code summary} says whether the fit at the cutoff worked (no groups when it did not).
 */
public record BackTest(long runId, int holdoutWeeks, LocalDate cutoff, LocalDate asOf, PredictionSummary summary,
                       List<HoldoutGroup> groups, Double meanAbsoluteError) {

    public BackTest {
        groups = List.copyOf(groups);
    }
}
