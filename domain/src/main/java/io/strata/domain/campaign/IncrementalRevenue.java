package io.strata.domain.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Revenue the campaign added in its treatment group: the difference of revenue per customer between treatment and
 * control, times the treatment's customers, with a 95 % confidence interval from the normal approximation of the
 * difference of two means with unequal variances (Welch): each group's variance of revenue per customer, customers
 * who did not order counting as 0.
 */
public record IncrementalRevenue(BigDecimal estimate, BigDecimal low, BigDecimal high) {

    private static final double Z_95 = 1.959963984540054;

    /** One group's revenue per customer in the window: how many customers, the sum and the sum of squares. */
    public record Spread(long customers, BigDecimal sum, BigDecimal sumOfSquares) {

        double mean() {
            return sum.doubleValue() / customers;
        }

        /** The sample variance; needs two customers. */
        double variance() {
            double n = customers;
            return Math.max(0, (sumOfSquares.doubleValue() - sum.doubleValue() * sum.doubleValue() / n) / (n - 1));
        }
    }

    /** Empty when a group has fewer than two customers: no interval can be given then. */
    public static Optional<IncrementalRevenue> of(Spread treatment, Spread control) {
        if (treatment.customers() < 2 || control.customers() < 2) {
            return Optional.empty();
        }
        double difference = treatment.mean() - control.mean();
        double standardError = Math.sqrt(treatment.variance() / treatment.customers() + control.variance() / control.customers());
        double scale = treatment.customers();
        return Optional.of(new IncrementalRevenue(money(difference * scale), money((difference - Z_95 * standardError) * scale),
                money((difference + Z_95 * standardError) * scale)));
    }

    /** Whether the interval leaves out zero: the campaign's effect on revenue is unlikely to be chance. */
    public boolean excludesZero() {
        return low.signum() > 0 || high.signum() < 0;
    }

    private static BigDecimal money(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }
}
