package io.strata.domain.prediction;

/**
 * When Strata refuses to fit rather than predict nonsense: fewer repeat buyers than {@code minimumRepeatBuyers}, or a
 * correlation of repeat frequency and average spend beyond ±{@code maximumSpendCorrelation} (Gamma-Gamma assumes the
 * two independent).
 */
public record FitPolicy(int minimumRepeatBuyers, double maximumSpendCorrelation) {

    public static final FitPolicy DEFAULT = new FitPolicy(100, 0.3);

    public FitPolicy {
        if (minimumRepeatBuyers < 3 || !(maximumSpendCorrelation > 0 && maximumSpendCorrelation <= 1)) {
            throw new IllegalArgumentException("a fit needs at least 3 repeat buyers and a correlation limit in (0, 1]; got "
                    + minimumRepeatBuyers + " and " + maximumSpendCorrelation);
        }
    }
}
