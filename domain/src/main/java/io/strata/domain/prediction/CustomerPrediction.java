package io.strata.domain.prediction;

/** One customer's predictions; predicted value is over the model's value horizon, discounted monthly. */
public record CustomerPrediction(double probabilityAlive, double purchases30d, double purchases90d, double purchases365d,
                                 double expectedPurchaseValue, double predictedValue) {
}
