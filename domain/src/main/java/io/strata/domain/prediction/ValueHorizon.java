package io.strata.domain.prediction;

/**
 * How far predicted value looks ahead, in months of 30 days (as in the lifetimes library), and the monthly discount
 * rate applied to each month's purchases.
 */
public record ValueHorizon(int months, double monthlyDiscount) {

    public static final ValueHorizon DEFAULT = new ValueHorizon(12, 0.01);
    static final double DAYS_PER_MONTH = 30;

    public ValueHorizon {
        if (months < 1 || months > 120 || !(monthlyDiscount >= 0 && monthlyDiscount < 1)) {
            throw new IllegalArgumentException("a value horizon is 1 to 120 months with a monthly discount in [0, 1); got " + months
                    + " months at " + monthlyDiscount);
        }
    }
}
