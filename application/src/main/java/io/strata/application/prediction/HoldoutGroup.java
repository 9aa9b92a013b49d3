package io.strata.application.prediction;

/** Buyers with one x before the hold-out (the top group holds x and more): purchases predicted and seen in it. */
public record HoldoutGroup(int x, boolean andMore, long customers, double predictedPurchases, long actualPurchases) {

    public double predictedPerCustomer() {
        return predictedPurchases / customers;
    }

    public double actualPerCustomer() {
        return (double) actualPurchases / customers;
    }

    public double absoluteError() {
        return Math.abs(predictedPerCustomer() - actualPerCustomer());
    }
}
