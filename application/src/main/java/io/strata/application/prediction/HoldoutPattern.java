package io.strata.application.prediction;

/** Buyers sharing a pattern at a back-test's cutoff, and the purchase days they made in the hold-out after it. */
public record HoldoutPattern(BuyerPattern pattern, long actualPurchases) {
}
