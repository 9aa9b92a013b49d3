package io.strata.application.prediction;

/** One buyer's predictions in a run; every predicted field is null when the run's models were not fitted. */
public record CustomerPredictionRow(String customerId, Double probabilityAlive, Double purchases30d, Double purchases90d,
                                    Double purchases365d, Double expectedPurchaseValue, Double predictedValue) {
}
